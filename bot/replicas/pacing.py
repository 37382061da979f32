"""Sending within Telegram's limits when several replicas send at once.

Telegram counts a bot's messages, not a process's: about 30 a second overall and one a second per
chat. A per-process limiter (PTB's ``AIORateLimiter``, the nudges' ``SendLimiter``) would let two
replicas send 60. Here the slots are booked in the database (``SharedSendRate``) and only the wait
for the booked moment is local. Booking needs a timeline every replica agrees on: wall-clock
seconds (replicas run with synchronised clocks, as any server does), or a shared fake in tests.
"""

from __future__ import annotations

import asyncio
import time
import warnings
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from bot.store.postgres_shared import SharedSendRate
from bot.transport.chained import ChainedRateLimiter

Result = bool | dict[str, Any] | list[dict[str, Any]]

#: Calls that put a message in a chat: what Telegram's flood limits count.
SENDS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVoice",
        "sendAudio",
        "sendVideo",
        "sendAnimation",
        "sendSticker",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "copyMessage",
        "forwardMessage",
    }
)


class Timeline(Protocol):
    """Seconds on a scale shared by every replica, and a way to wait for a moment on it."""

    def now(self) -> float:
        """Seconds since the epoch (or any origin all replicas share)."""
        ...

    async def sleep_until(self, moment: float) -> None:
        """Return once ``now() >= moment``."""
        ...


class WallClock:
    """Real wall-clock time: what replicas on different machines can agree on."""

    def now(self) -> float:
        """``time.time()``."""
        return time.time()

    async def sleep_until(self, moment: float) -> None:
        """Really wait."""
        delay = moment - time.time()
        if delay > 0:
            await asyncio.sleep(delay)


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the int will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: object = exc.retry_after
    if isinstance(retry_after, int | float):
        return float(retry_after)
    return float(retry_after.total_seconds())  # type: ignore[attr-defined]


class SharedSendLimiter:
    """The nudges' send limiter (``acquire``/``pause``/``per_second``) over shared slots: the
    reminders' share of the budget, with one message a second per chat, across all replicas."""

    def __init__(self, rate: SharedSendRate, timeline: Timeline | None = None) -> None:
        self._rate = rate
        self.pace = timeline or WallClock()

    @property
    def per_second(self) -> float:
        """The budget of all replicas together, messages per second."""
        return self._rate.per_second

    async def acquire(self, chat_id: int) -> None:
        """Book this chat's next slot in the database, then wait for it here."""
        moment = await asyncio.to_thread(self._rate.reserve, chat_id, self.pace.now())
        await self.pace.sleep_until(moment)

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": every replica holds its reminders until then."""
        self._rate.pause(self.pace.now() + seconds)


class SharedRateLimiter(ChainedRateLimiter[Any]):
    """PTB's rate-limiter hook with the overall budget booked in the database.

    Every message any replica sends takes a shared slot first; ``inner`` (an ``AIORateLimiter``
    with its own overall limit switched off) still handles group limits and retries. A
    ``RetryAfter`` that reaches this far pauses all replicas' sends.
    """

    def __init__(
        self,
        rate: SharedSendRate,
        inner: BaseRateLimiter[Any] | None = None,
        timeline: Timeline | None = None,
    ) -> None:
        super().__init__(inner)
        self._rate = rate
        self._timeline = timeline or WallClock()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any | None,
    ) -> Result:
        if endpoint in SENDS:
            moment = await asyncio.to_thread(self._rate.reserve, None, self._timeline.now())
            await self._timeline.sleep_until(moment)
        try:
            if self._inner is None:
                return await callback(*args, **kwargs)
            return await self._inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        except RetryAfter as exc:
            await asyncio.to_thread(self._rate.pause, self._timeline.now() + _seconds(exc))
            raise
