"""Pacing proactive messages: about 30 a second overall and one a second per chat.

PTB's ``AIORateLimiter`` limits the whole bot and groups, but has no per-private-chat limit, and a
sweep that wakes 10,000 students at once would otherwise spend the whole global budget in one
burst. The limiter hands out send slots in order (no lock needed: reserving a slot never awaits),
so waiting senders queue fairly and interactive replies keep some headroom.
Time comes from a ``Pace``, so tests and the benchmark never really sleep.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
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


class Limiter(Protocol):
    """What the sweep needs of a send limiter: this process's ``SendLimiter``, or one shared by
    every replica through the database (``bot.replicas.pacing.SharedSendLimiter``)."""

    @property
    def per_second(self) -> float:
        """The budget, messages per second."""
        ...

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's next slot."""
        ...

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends until then."""
        ...


class SendLimiter:
    """Global and per-chat spacing of sends, plus a pause after Telegram's ``RetryAfter``.

    Time is cut into global slots of ``1 / per_second``; each send takes the first free slot at or
    after the moment its chat may next receive a message. A chat that must wait a second therefore
    books a slot a second ahead without holding up anyone else's earlier slots.
    """

    def __init__(
        self, pace: Pace, *, per_second: float = 25.0, per_chat_seconds: float = 1.0
    ) -> None:
        self.pace = pace
        self._rate = per_second
        self._gap = (1.0 / per_second) * (1 + 1e-9)  # float sums never fit one more per second
        self._per_chat = per_chat_seconds
        self._taken: set[int] = set()
        self._floor = 0  # every slot below this index is in the past (or taken)
        self._next_chat: dict[int, float] = {}
        self._paused_until = 0.0
        self._recent: deque[float] = deque()  # when the sends of the last second really went
        self._per_window = max(1, math.floor(per_second))

    @property
    def per_second(self) -> float:
        """The global budget, messages per second."""
        return self._rate

    def reserve(self, chat_id: int) -> float:
        """Book this chat's next send and return its moment (no waiting)."""
        now = self.pace.now()
        earliest = max(now, self._next_chat.get(chat_id, 0.0), self._paused_until)
        index = max(math.ceil(earliest / self._gap - 1e-9), self._floor)
        while index in self._taken:
            index += 1
        self._taken.add(index)
        now_index = math.floor(now / self._gap)
        if now_index > self._floor:
            self._taken = {i for i in self._taken if i >= now_index}
            self._floor = now_index
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
        moment = max(index * self._gap, earliest)
        self._next_chat[chat_id] = moment + self._per_chat
        return moment

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's next slot.

        Slots space sends out, but senders that wake late (a busy event loop, a slow disk) would
        otherwise go out together; the actual sends of the last second are counted too.
        """
        await self.pace.sleep_until(self.reserve(chat_id))
        while True:
            now = self.pace.now()
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            if len(self._recent) < self._per_window:
                break
            await self.pace.sleep_until(self._recent[0] + 1.0)
        self._recent.append(now)
        self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), now + self._per_chat)

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends until then."""
        self._paused_until = max(self._paused_until, self.pace.now() + seconds)
