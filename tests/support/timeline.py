"""A timeline for pacing tests: waiting moves it on, so nothing really sleeps."""

from __future__ import annotations

import asyncio


class FakeTimeline:
    """One timeline for both replicas; waiting moves it on (nothing really sleeps)."""

    def __init__(self) -> None:
        self.t = 1_000_000.0
        self.sends: list[tuple[float, int]] = []

    def now(self) -> float:
        return self.t

    async def sleep_until(self, moment: float) -> None:
        self.t = max(self.t, moment)
        await asyncio.sleep(0)
