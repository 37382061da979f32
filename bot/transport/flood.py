"""Per-student flood protection: a token bucket in front of each student's turn.

A student (or a script with their account) sending dozens of messages a second should neither
crowd out everyone else nor lose anything. Every update is still processed, once and in order;
past the burst they are paced to ``per_second``, and the student is told once to slow down.
The wait happens under that student's own lock, so other students never wait for it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Sleep = Callable[[float], Awaitable[None]]
Warn = Callable[[int], Awaitable[None]]

_PRUNE_AT = 10_000


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class FloodGuard:
    """Admits a student's updates at ``per_second`` after a burst of ``burst``."""

    def __init__(
        self,
        *,
        burst: int,
        per_second: float,
        warn: Warn | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._burst = float(burst)
        self._rate = per_second
        self.warn = warn
        self._monotonic = monotonic
        self._sleep = sleep
        self._buckets: dict[int, _Bucket] = {}

    async def admit(self, user_id: int) -> None:
        """Return when this student may be served; call it in the student's order."""
        now = self._monotonic()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= _PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[user_id] = _Bucket(self._burst, now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate) - 1
        bucket.updated = now
        if bucket.tokens >= 0:
            if bucket.tokens >= self._burst - 1:
                bucket.warned = False
            return
        if not bucket.warned and self.warn is not None:
            bucket.warned = True
            await self.warn(user_id)
        await self._sleep(-bucket.tokens / self._rate)

    def _prune(self, now: float) -> None:
        full = [
            uid
            for uid, b in self._buckets.items()
            if b.tokens + (now - b.updated) * self._rate >= self._burst
        ]
        for uid in full:
            del self._buckets[uid]
