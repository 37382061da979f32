"""Pacing proactive messages: about 30 a second overall and one a second per chat.

PTB's ``AIORateLimiter`` limits the whole bot and groups, but has no per-private-chat limit, and a
sweep that wakes 10,000 students at once would otherwise spend the whole global budget in one
burst. The limiter hands out send slots in order (no lock needed: reserving a slot never awaits),
so waiting senders queue fairly and interactive replies keep some headroom.
Time comes from a ``Pace``, so tests and the benchmark never really sleep.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Pace(Protocol):
    """A monotonic clock in seconds that can be waited on."""

    def now(self) -> float:
        """Seconds on a monotonic scale."""
        ...

    async def sleep_until(self, moment: float) -> None:
        """Return once ``now() >= moment``."""
        ...


class RealPace:
    """Real time."""

    def now(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()

    async def sleep_until(self, moment: float) -> None:
        """Really wait."""
        delay = moment - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)


class WarpPace:
    """Real elapsed time plus every wait skipped: a sender "waits" by moving time forward.

    Slots are handed out in increasing order, so jumping to a slot never overtakes a later one;
    what the benchmark's Bot API sees is the rate the limiter would produce in real time.
    """

    def __init__(self) -> None:
        self._offset = 0.0
        self.waited = 0.0

    def now(self) -> float:
        """Real monotonic time plus the waits skipped so far."""
        return time.monotonic() + self._offset

    async def sleep_until(self, moment: float) -> None:
        """Jump forward instead of waiting; yield once so others run as they would."""
        gap = moment - self.now()
        if gap > 0:
            self._offset += gap
            self.waited += gap
        await asyncio.sleep(0)


class SendLimiter:
    """Global and per-chat spacing of sends, plus a pause after Telegram's ``RetryAfter``."""

    def __init__(
        self, pace: Pace, *, per_second: float = 25.0, per_chat_seconds: float = 1.0
    ) -> None:
        self.pace = pace
        self._gap = 1.0 / per_second
        self._per_chat = per_chat_seconds
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}
        self._paused_until = 0.0

    @property
    def per_second(self) -> float:
        """The global budget, messages per second."""
        return 1.0 / self._gap

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's next slot."""
        now = self.pace.now()
        slot = max(now, self._next_global, self._next_chat.get(chat_id, 0.0), self._paused_until)
        self._next_global = slot + self._gap
        self._next_chat[chat_id] = slot + self._per_chat
        if len(self._next_chat) > 50_000:
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
        await self.pace.sleep_until(slot)

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends until then."""
        self._paused_until = max(self._paused_until, self.pace.now() + seconds)
