"""The local chat's ``:time`` command: a clock that moves forward on request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FixedClock, ShiftableClock
from bot.localchat.terminal import parse_span


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("+7d", timedelta(days=7)),
        ("+1w", timedelta(weeks=1)),
        ("3h", timedelta(hours=3)),
        ("+2d4h", timedelta(days=2, hours=4)),
        ("+18h30m", timedelta(hours=18, minutes=30)),
    ],
)
def test_spans(text: str, span: timedelta) -> None:
    assert parse_span(text) == span


@pytest.mark.parametrize("text", ["", "+", "7", "+7x", "-1d", "tomorrow"])
def test_unreadable_spans_say_how(text: str) -> None:
    with pytest.raises(ValueError, match=r":time \+7d"):
        parse_span(text)


def test_shiftable_clock_only_moves_forward() -> None:
    base = FixedClock(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    clock = ShiftableClock(base)
    clock.advance(timedelta(days=7))
    assert clock.now() == datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    base.advance(minutes=5)  # the real clock keeps running underneath
    assert clock.now() == datetime(2026, 12, 8, 12, 5, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.advance(timedelta(days=-1))
