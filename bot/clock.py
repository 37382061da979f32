"""Time as a collaborator, so tests and benchmarks control it and nothing has to sleep."""

from __future__ import annotations

from datetime import UTC, datetime
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
        from datetime import timedelta

        self._now += timedelta(**delta)
