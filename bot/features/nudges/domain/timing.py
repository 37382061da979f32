"""When a nudge is due and when it may be delivered, in the student's own time zone.

Days are counted on the student's wall clock ("a week after Tuesday 15:00" is next Tuesday 15:00,
even across a daylight-saving change), hours on the real clock ("three hours after the meeting").
Quiet hours push a nudge to the morning unless its kind says otherwise.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.features.nudges.domain.kinds import NudgeKind, Quiet
from bot.features.nudges.domain.prefs import NudgePrefs


def zone(name: str | None) -> ZoneInfo:
    """The student's zone; UTC until they have told us theirs (or for a name we can't use)."""
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _wall(day: date, minutes: int, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time; a time skipped by a DST jump lands just after it."""
    # zoneinfo reads a wall time inside a spring-forward gap with the offset from before the jump,
    # which is an instant just after it: a 02:30 that never happens becomes 03:30.
    naive = datetime.combine(day, time(minutes // 60, minutes % 60))
    return naive.replace(tzinfo=tz).astimezone(UTC)


def add_local_days(instant: datetime, days: int, tz: ZoneInfo) -> datetime:
    """Same wall-clock time ``days`` later (or earlier) in ``tz``."""
    local = instant.astimezone(tz)
    moved = (local.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=tz)
    return moved.astimezone(UTC)


def in_quiet(instant: datetime, prefs: NudgePrefs, tz: ZoneInfo) -> bool:
    """Whether ``instant`` falls within the student's quiet hours."""
    start, end = prefs.quiet_start, prefs.quiet_end
    if start == end:
        return False
    local = instant.astimezone(tz)
    minute = local.hour * 60 + local.minute
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def after_quiet(instant: datetime, prefs: NudgePrefs, tz: ZoneInfo) -> datetime:
    """``instant``, or the end of the quiet hours it falls in."""
    if not in_quiet(instant, prefs, tz):
        return instant
    local = instant.astimezone(tz)
    minute = local.hour * 60 + local.minute
    day = local.date()
    if minute >= prefs.quiet_end:  # evening part of a window that wraps past midnight
        day += timedelta(days=1)
    return max(_wall(day, prefs.quiet_end, tz), instant)


def due_time(
    kind: NudgeKind,
    anchor: datetime,
    prefs: NudgePrefs,
    tz: ZoneInfo,
    every_days: int | None = None,
) -> datetime:
    """The nominal moment a nudge of ``kind`` counting from ``anchor`` is due.

    For meeting kinds the anchor is the meeting's start (reminders) or its end (thank-you,
    debrief); for the weekly summary it is the moment after which the next summary day falls.
    ``every_days`` is a keep-in-touch nudge's own cadence (None: the /settings number).
    """
    match kind:
        case NudgeKind.FOLLOW_UP | NudgeKind.NO_REPLY:
            return add_local_days(anchor, prefs.follow_up_days, tz)
        case NudgeKind.MEETING_DAY_BEFORE:
            return add_local_days(anchor, -1, tz)
        case NudgeKind.MEETING_HOUR_BEFORE:
            return anchor - timedelta(minutes=prefs.reminder_minutes_before)
        case NudgeKind.THANK_YOU:
            return anchor + timedelta(hours=prefs.thank_you_hours)
        case NudgeKind.THANK_YOU_AGAIN:
            return add_local_days(anchor, 1, tz) + timedelta(hours=prefs.thank_you_hours)
        case NudgeKind.DEBRIEF:
            return anchor + timedelta(hours=prefs.debrief_hours)
        case NudgeKind.KEEP_IN_TOUCH:
            return add_local_days(anchor, every_days or prefs.keep_in_touch_days, tz)
        case NudgeKind.WEEKLY_SUMMARY:
            return next_weekly(anchor, prefs, tz)
    raise ValueError(kind)  # pragma: no cover - every kind is matched above


def delivery_time(
    kind: NudgeKind,
    due: datetime,
    prefs: NudgePrefs,
    tz: ZoneInfo,
    expires: datetime | None = None,
) -> datetime:
    """When the student actually gets it: out of quiet hours unless the kind ignores them, and
    never pushed past the moment it expires (then it goes at its due time after all)."""
    if kind.spec.quiet is Quiet.IGNORE:
        return due
    placed = after_quiet(due, prefs, tz)
    if expires is not None and placed >= expires:
        return due
    return placed


def next_weekly(after: datetime, prefs: NudgePrefs, tz: ZoneInfo) -> datetime:
    """The first summary moment (summary day, ``summary_minute`` local) strictly after ``after``."""
    local = after.astimezone(tz)
    ahead = (prefs.summary_day - local.weekday()) % 7
    candidate = _wall(local.date() + timedelta(days=ahead), prefs.summary_minute, tz)
    if candidate <= after:
        candidate = _wall(local.date() + timedelta(days=ahead + 7), prefs.summary_minute, tz)
    return candidate


def snooze_until(now: datetime, days: int, tz: ZoneInfo) -> datetime:
    """A snooze of ``days`` keeps the wall-clock time it was pressed at."""
    return add_local_days(now, days, tz)


def working_days_between(start: datetime, end: datetime, tz: ZoneInfo) -> int:
    """Monday-to-Friday days that have fully passed from ``start`` to ``end`` (local dates)."""
    first, last = start.astimezone(tz).date(), end.astimezone(tz).date()
    days = 0
    day = first + timedelta(days=1)
    while day <= last:
        if day.weekday() < 5:
            days += 1
        day += timedelta(days=1)
    return days
