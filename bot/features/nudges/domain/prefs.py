"""The student's reminder preferences, all adjustable in /settings.

Defaults follow the handout: follow up once, about a week after a request; thank people the same
day; keep in touch with the professionals you met every few months.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.explained import Explained

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: (low, high) bounds of every number a student can set; /settings validates against these.
LIMITS: dict[str, tuple[int, int]] = {
    "follow_up_days": (3, 21),
    "reminder_minutes_before": (15, 240),
    "thank_you_hours": (1, 12),
    "debrief_hours": (1, 24),
    "keep_in_touch_days": (14, 365),
    "weekly_goal": (0, 20),
}


@dataclass(frozen=True, slots=True)
class NudgePrefs:
    """Reminder settings; ``active`` is False while the student has blocked the bot.

    Quiet hours are minutes after local midnight; start == end means none.
    """

    enabled: bool = True
    active: bool = True
    quiet_start: int = 21 * 60
    quiet_end: int = 9 * 60
    follow_up_days: int = 7
    day_before: bool = True
    reminder_minutes_before: int = 60
    thank_you_hours: int = 3
    debrief_hours: int = 1
    keep_in_touch_days: int = 90
    weekly_goal: int = 2
    summary_day: int = 0  # Monday
    summary_minute: int = 10 * 60
    stopped_contacts: tuple[str, ...] = ()
    #: (contact id, days) the student chose on a contact's card; 0 days means never.
    cadences: tuple[tuple[str, int], ...] = ()

    def stopped(self, contact_id: str | None) -> bool:
        """The student said "stop" for this contact."""
        return contact_id is not None and contact_id in self.stopped_contacts

    def stop(self, contact_id: str) -> NudgePrefs:
        """No more nudges about this contact."""
        if contact_id in self.stopped_contacts:
            return self
        return replace(self, stopped_contacts=(*self.stopped_contacts, contact_id))

    def cadence_override(self, contact_id: str) -> int | None:
        """The keep-in-touch days the student chose for this contact, if they chose."""
        return dict(self.cadences).get(contact_id)

    def with_cadence(self, contact_id: str, days: int) -> NudgePrefs:
        """This contact kept in touch with every ``days`` (0: never); a cadence also lifts a
        "stop" for the contact, since choosing one is asking for those reminders."""
        kept = tuple((c, d) for c, d in self.cadences if c != contact_id)
        stopped = self.stopped_contacts
        if days:
            stopped = tuple(c for c in stopped if c != contact_id)
        return replace(self, cadences=(*kept, (contact_id, days)), stopped_contacts=stopped)

    def without_cadence(self, contact_id: str) -> NudgePrefs:
        """The contact's own cadence forgotten (the contact was deleted)."""
        return replace(self, cadences=tuple(p for p in self.cadences if p[0] != contact_id))

    @property
    def delivering(self) -> bool:
        """Whether anything should be sent at all."""
        return self.enabled and self.active


def check_number(name: str, value: int) -> int:
    """``value`` if it is within the bounds for ``name``; else a friendly refusal (a ValueError)."""
    low, high = LIMITS[name]
    if not low <= value <= high:
        raise Explained("nudges.number_range", low=low, high=high)
    return value


def parse_clock(text: str) -> int:
    """ "21:00", "9", "9am", "21h" -> minutes after midnight; ValueError when unreadable."""
    raw = text.strip().lower().replace(" ", "").replace(".", ":").replace("h", ":")
    suffix = ""
    for tail in ("am", "pm"):
        if raw.endswith(tail):
            raw, suffix = raw[: -len(tail)], tail
    raw = raw.rstrip(":")
    hour_text, _, minute_text = raw.partition(":")
    if not hour_text.isdigit() or (minute_text and not minute_text.isdigit()):
        raise Explained("nudges.clock_unreadable")
    hour, minute = int(hour_text), int(minute_text or 0)
    if suffix:
        if not 1 <= hour <= 12:
            raise Explained("nudges.clock_unreadable")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise Explained("nudges.clock_unreadable")
    return hour * 60 + minute


def clock_label(minutes: int) -> str:
    """Minutes after midnight as "21:00"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
