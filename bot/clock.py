"""Time as a collaborator, so tests and benchmarks control it and nothing has to sleep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that can tell the current time, always timezone-aware (UTC)."""

    def now(self) -> datetime:
        """Return the current instant."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        """Return the current instant in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to; used by tests, the benchmark and replays."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        """Return the frozen instant."""
        return self._now

    def advance(self, **delta: float) -> None:
        """Move time forward by ``timedelta(**delta)``."""
        self._now += timedelta(**delta)


class ShiftableClock:
    """The real clock plus an offset: the local chat's ``:time +7d`` moves it forward, so a
    newcomer can watch a week of reminders arrive in a minute."""

    def __init__(self, base: Clock | None = None) -> None:
        self._base = base or SystemClock()
        self.offset = timedelta()

    def now(self) -> datetime:
        """The base clock's time, moved by everything ``advance`` was given."""
        return self._base.now() + self.offset

    def advance(self, delta: timedelta) -> None:
        """Move time forward (a negative delta is refused: nudges never un-happen)."""
        if delta.total_seconds() < 0:
            raise ValueError("time only moves forward")
        self.offset += delta
