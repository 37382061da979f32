"""When a debrief must first ask whether a future-dated meeting happened, and what date it gets."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.features.interviews.domain.debriefing import held_today, still_ahead
from bot.features.interviews.domain.interviews import Interview, Status

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # Friday 09:00 in Los Angeles


def _meeting(starts_at: datetime | None, status: Status = Status.SCHEDULED) -> Interview:
    return Interview("i1", "c1", "", NOW, starts_at=starts_at, status=status)


@pytest.mark.parametrize(
    ("starts_at", "status", "ahead"),
    [
        (datetime(2026, 12, 10, 15, 0, tzinfo=LA), Status.SCHEDULED, True),
        (NOW + timedelta(minutes=1), Status.PLANNED, True),
        (NOW - timedelta(minutes=1), Status.SCHEDULED, False),
        (None, Status.PLANNED, False),
        (datetime(2026, 12, 10, 15, 0, tzinfo=LA), Status.DONE, False),
        (datetime(2026, 12, 10, 15, 0, tzinfo=LA), Status.CANCELLED, False),
    ],
)
def test_still_ahead(starts_at: datetime | None, status: Status, ahead: bool) -> None:
    assert still_ahead(_meeting(starts_at, status), NOW) is ahead


def test_held_today_at_the_planned_time_when_that_is_over() -> None:
    meeting = _meeting(datetime(2026, 12, 10, 8, 0, tzinfo=LA))
    assert held_today(meeting, NOW, LA) == datetime(2026, 11, 27, 8, 0, tzinfo=LA)


def test_held_today_ending_now_when_the_planned_time_has_not_come() -> None:
    meeting = replace(_meeting(datetime(2026, 12, 10, 15, 0, tzinfo=LA)), duration_minutes=30)
    assert held_today(meeting, NOW, LA) == NOW - timedelta(minutes=30)


def test_held_today_uses_the_students_day_not_utcs() -> None:
    late = datetime(2026, 11, 28, 5, 0, tzinfo=UTC)  # 21:00 Friday in Los Angeles
    meeting = _meeting(datetime(2026, 12, 10, 15, 0, tzinfo=LA))
    assert held_today(meeting, late, LA) == datetime(2026, 11, 27, 15, 0, tzinfo=LA)
