"""Nudge timing in the student's own zone: wall-clock days, quiet hours, DST, weekly summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.features.nudges.domain.kinds import NudgeKind
from bot.features.nudges.domain.prefs import NudgePrefs, parse_clock
from bot.features.nudges.domain.timing import (
    add_local_days,
    after_quiet,
    delivery_time,
    due_time,
    in_quiet,
    next_weekly,
    working_days_between,
)

LA, TOKYO, BERLIN = (
    ZoneInfo("America/Los_Angeles"),
    ZoneInfo("Asia/Tokyo"),
    ZoneInfo("Europe/Berlin"),
)
PREFS = NudgePrefs()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_week_later_keeps_the_wall_clock_across_the_autumn_dst_change() -> None:
    sent = datetime(2026, 10, 30, 10, 0, tzinfo=LA)  # PDT, UTC-7
    due = due_time(NudgeKind.FOLLOW_UP, sent.astimezone(UTC), PREFS, LA)
    assert due.astimezone(LA) == datetime(2026, 11, 6, 10, 0, tzinfo=LA)  # PST
    assert due == utc(2026, 11, 6, 18, 0)  # 25 real hours more than 7 x 24
    assert due - sent == timedelta(days=7, hours=1)


def test_a_week_later_across_the_spring_dst_change_in_berlin() -> None:
    sent = datetime(2026, 3, 25, 9, 30, tzinfo=BERLIN)  # CET
    due = due_time(NudgeKind.FOLLOW_UP, sent.astimezone(UTC), PREFS, BERLIN)
    assert due.astimezone(BERLIN).hour == 9 and due.astimezone(BERLIN).minute == 30
    assert due - sent == timedelta(days=7, hours=-1)


def test_hours_after_a_meeting_are_real_hours_even_across_dst() -> None:
    end = datetime(2026, 11, 1, 0, 30, tzinfo=LA)  # the night the clocks go back
    due = due_time(NudgeKind.THANK_YOU, end.astimezone(UTC), PREFS, LA)
    assert due - end == timedelta(hours=3)


@pytest.mark.parametrize(
    ("tz", "local_hour", "quiet"),
    [(LA, 22, True), (LA, 8, True), (LA, 9, False), (LA, 20, False), (TOKYO, 3, True)],
)
def test_quiet_hours_wrap_past_midnight(tz: ZoneInfo, local_hour: int, quiet: bool) -> None:
    moment = datetime(2026, 12, 2, local_hour, 0, tzinfo=tz).astimezone(UTC)
    assert in_quiet(moment, PREFS, tz) is quiet


def test_a_nudge_due_in_the_evening_waits_for_the_morning_in_each_zone() -> None:
    for tz in (LA, TOKYO, BERLIN):
        late = datetime(2026, 12, 2, 23, 15, tzinfo=tz).astimezone(UTC)
        placed = after_quiet(late, PREFS, tz)
        assert placed.astimezone(tz) == datetime(2026, 12, 3, 9, 0, tzinfo=tz)
        early = datetime(2026, 12, 2, 6, 0, tzinfo=tz).astimezone(UTC)
        assert after_quiet(early, PREFS, tz).astimezone(tz) == datetime(
            2026, 12, 2, 9, 0, tzinfo=tz
        )


def test_quiet_hours_inside_one_day_and_none() -> None:
    lunch = NudgePrefs(quiet_start=parse_clock("12:00"), quiet_end=parse_clock("13:30"))
    noon = datetime(2026, 12, 2, 12, 10, tzinfo=LA).astimezone(UTC)
    assert after_quiet(noon, lunch, LA).astimezone(LA).time().isoformat() == "13:30:00"
    never = NudgePrefs(quiet_start=0, quiet_end=0)
    night = datetime(2026, 12, 2, 3, 0, tzinfo=LA).astimezone(UTC)
    assert after_quiet(night, never, LA) == night


def test_hour_before_reminder_ignores_quiet_hours_and_day_before_never_passes_the_meeting() -> None:
    meeting = datetime(2026, 12, 3, 8, 0, tzinfo=LA).astimezone(UTC)
    hour = due_time(NudgeKind.MEETING_HOUR_BEFORE, meeting, PREFS, LA)
    assert delivery_time(NudgeKind.MEETING_HOUR_BEFORE, hour, PREFS, LA, meeting) == hour
    day = due_time(NudgeKind.MEETING_DAY_BEFORE, meeting, PREFS, LA)
    placed = delivery_time(NudgeKind.MEETING_DAY_BEFORE, day, PREFS, LA, meeting)
    assert placed.astimezone(LA) == datetime(2026, 12, 2, 9, 0, tzinfo=LA)
    wide = NudgePrefs(quiet_start=parse_clock("20:00"), quiet_end=parse_clock("10:00"))
    soon = datetime(2026, 12, 3, 9, 0, tzinfo=LA).astimezone(UTC)
    day = due_time(NudgeKind.MEETING_DAY_BEFORE, soon, wide, LA)
    assert delivery_time(NudgeKind.MEETING_DAY_BEFORE, day, wide, LA, soon) < soon


def test_weekly_summary_falls_on_the_chosen_local_day() -> None:
    friday = utc(2026, 11, 27, 17, 0)
    monday = next_weekly(friday, PREFS, LA)
    assert monday.astimezone(LA) == datetime(2026, 11, 30, 10, 0, tzinfo=LA)
    assert next_weekly(monday, PREFS, LA).astimezone(LA) == datetime(2026, 12, 7, 10, 0, tzinfo=LA)
    sunday = NudgePrefs(summary_day=6)
    assert next_weekly(friday, sunday, TOKYO).astimezone(TOKYO).weekday() == 6


def test_working_days_skip_the_weekend() -> None:
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=LA)
    assert working_days_between(friday, friday + timedelta(days=3), LA) == 1  # Monday
    assert working_days_between(friday, friday + timedelta(days=7), LA) == 5


def test_add_local_days_handles_a_time_that_does_not_exist() -> None:
    before_gap = datetime(2026, 3, 7, 2, 30, tzinfo=LA).astimezone(UTC)
    moved = add_local_days(before_gap, 1, LA)  # 2:30 on 8 March 2026 never happens in LA
    assert moved.astimezone(LA).hour == 3


@pytest.mark.parametrize(
    ("text", "minutes"), [("21:00", 1260), ("9", 540), ("9am", 540), ("10pm", 1320), ("7.30", 450)]
)
def test_parse_clock(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["", "25:00", "13pm", "soon"])
def test_parse_clock_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_clock(text)
