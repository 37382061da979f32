"""Claude within bounds per student: calls per minute, a total time budget, a typing indicator.

The gateway retries a slow or failing call (up to ``ANTHROPIC_TIMEOUT`` an attempt, with
retries), and every press of "Another version" is a new call, so one impatient student could
wait 90 s in silence and spend a request a second. This wrapper sits between the features and
any :class:`LLM`: past ``per_minute`` calls in the last minute (``Failure.RATE_LIMITED``), or past
``budget`` seconds for one answer (``Failure.UNAVAILABLE``), the feature's offline coach replies
at once, as it does without a key. While Claude is thinking, the student sees "typing...".
Whose call it is comes from ``current_student`` (set per update by the update processor).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.llm.base import (
    LLM,
    Check,
    Failure,
    M,
    OnText,
    Reply,
    Request,
    current_student,
)

log = logging.getLogger(__name__)
T = TypeVar("T")  # the reply type of the wrapped call
Typing = Callable[[int], Awaitable[object]]


class GuardedLLM:
    """An :class:`LLM` with a per-student rate limit, a time budget and a typing indicator."""

    def __init__(
        self,
        inner: LLM,
        *,
        per_minute: int,
        budget: float,
        typing: Typing | None = None,
        typing_every: float = 4.5,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self._per_minute = per_minute
        self._budget = budget
        self.typing = typing
        self._typing_every = typing_every
        self._monotonic = monotonic
        self._calls: dict[int, deque[float]] = {}

    @property
    def enabled(self) -> bool:
        """As the wrapped model."""
        return self._inner.enabled

    async def complete(self, request: Request) -> Reply[str]:
        """The wrapped model's text, or a failure when over the limit or the budget."""
        return await self._call(request, lambda: self._inner.complete(request))

    async def stream(self, request: Request, on_text: OnText) -> Reply[str]:
        """Streamed text (the stream itself shows progress, so no typing indicator)."""
        return await self._call(request, lambda: self._inner.stream(request, on_text), typing=False)

    async def parse(
        self, request: Request, output: type[M], check: Check[M] | None = None
    ) -> Reply[M]:
        """A structured answer, or a failure when over the limit or the budget."""
        return await self._call(request, lambda: self._inner.parse(request, output, check))

    async def close(self) -> None:
        """Close the wrapped model's connections."""
        await self._inner.close()

    def _allowed(self, student: int) -> bool:
        now = self._monotonic()
        window = self._calls.setdefault(student, deque())
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) >= self._per_minute:
            return False
        window.append(now)
        if len(self._calls) > 10_000:  # forget students idle for a minute
            for uid in [u for u, w in self._calls.items() if not w or now - w[-1] >= 60]:
                del self._calls[uid]
        return True

    async def _call(
        self, request: Request, make: Callable[[], Awaitable[Reply[T]]], *, typing: bool = True
    ) -> Reply[T]:
        if not self._inner.enabled:
            return await make()
        student = request.student if request.student is not None else current_student.get()
        if student is not None and not self._allowed(student):
            log.info("llm.limited user=%s", student)
            return Reply(None, Failure.RATE_LIMITED, attempts=0)
        indicator = (
            asyncio.create_task(self._keep_typing(student))
            if typing and student is not None and self.typing is not None
            else None
        )
        try:
            return await asyncio.wait_for(make(), self._budget)
        except TimeoutError:
            log.warning("llm.timeout user=%s budget=%.0fs", student, self._budget)
            return Reply(None, Failure.UNAVAILABLE)
        finally:
            if indicator is not None:
                indicator.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await indicator

    async def _keep_typing(self, student: int) -> None:
        assert self.typing is not None
        while True:
            with contextlib.suppress(Exception):
                await self.typing(student)
            await asyncio.sleep(self._typing_every)
