"""Liveness and readiness: what an orchestrator or a reverse proxy asks before sending traffic.

``/healthz`` says the process is serving. ``/readyz`` says it can do its job: the data folder
takes a write, the Bot API answers, and every background sweep that registered itself (the
nudges sweep, for one) has run recently. A sweep nobody registered is not waited for.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path


@dataclass(slots=True)
class Heartbeats:
    """When each background sweep last finished; features call :meth:`beat` after a pass."""

    _expected: dict[str, timedelta] = field(default_factory=dict)
    _last: dict[str, datetime] = field(default_factory=dict)

    def expect(self, name: str, max_age: timedelta, now: datetime) -> None:
        """Register a sweep that must run at least every ``max_age`` (counted from ``now``)."""
        self._expected[name] = max_age
        self._last.setdefault(name, now)

    def beat(self, name: str, now: datetime) -> None:
        """Record that ``name`` just finished a pass."""
        self._last[name] = now

    def last(self, name: str) -> datetime | None:
        """When ``name`` last finished (or was registered), if ever."""
        return self._last.get(name)

    def stale(self, now: datetime) -> list[str]:
        """Registered sweeps that are overdue."""
        return sorted(name for name, age in self._expected.items() if now - self._last[name] > age)


def storage_writable(data_dir: Path) -> bool:
    """Write, fsync and remove a probe file: a full or read-only disk shows up here."""
    probe = data_dir / ".readyz-probe"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
        probe.unlink()
    except OSError:
        return False
    return True


@dataclass(slots=True)
class Readiness:
    """Runs the checks; the Bot API answer is cached briefly so probes cost Telegram little."""

    data_dir: Path
    bot_reachable: Callable[[], Awaitable[object]]
    heartbeats: Heartbeats
    now: Callable[[], datetime]
    cache_for: timedelta = timedelta(seconds=30)
    _bot_ok_at: datetime | None = None

    async def check(self) -> dict[str, bool]:
        """Each check's result; ready when all are true."""
        storage = await asyncio.to_thread(storage_writable, self.data_dir)
        now = self.now()
        bot_ok = self._bot_ok_at is not None and now - self._bot_ok_at < self.cache_for
        if not bot_ok:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.bot_reachable(), timeout=5)
                self._bot_ok_at = now
                bot_ok = True
        return {"storage": storage, "bot_api": bot_ok, "sweeps": not self.heartbeats.stale(now)}
