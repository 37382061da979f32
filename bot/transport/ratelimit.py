"""Rate limiting that never makes a button press wait behind the message queue.

PTB's ``AIORateLimiter`` has no special case for ``answerCallbackQuery``: under flood control a
``RetryAfter`` pauses every request, and the answer to a press arrives after Telegram's window
has closed. Answers carry no message, so they skip the limiter here. Each query is answered at
most once: the dispatcher may answer a press early when its student's turn is slow to come, and
the handler's own answer afterwards becomes a no-op instead of a ``BadRequest``.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.ext import BaseRateLimiter

from bot.transport.chained import ChainedRateLimiter

log = logging.getLogger(__name__)

_REMEMBER = 10_000
Result = bool | JSONDict | list[JSONDict]


class CoachRateLimiter(ChainedRateLimiter[int]):
    """Answers straight through (once each); everything else through ``inner`` when given."""

    def __init__(self, inner: BaseRateLimiter[int] | None = None) -> None:
        super().__init__(inner)
        self._answered: OrderedDict[str, None] = OrderedDict()

    def claim_answer(self, query_id: str) -> bool:
        """True the first time ``query_id`` is answered; False for any later attempt."""
        if query_id in self._answered:
            return False
        self._answered[query_id] = None
        if len(self._answered) > _REMEMBER:
            self._answered.popitem(last=False)
        return True

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send answers at once (or not at all when already sent); limit the rest."""
        if endpoint == "answerCallbackQuery":
            if not self.claim_answer(str(data.get("callback_query_id"))):
                log.debug("callback.already_answered")
                return True
            return await callback(*args, **kwargs)
        if self._inner is None:
            return await callback(*args, **kwargs)
        return await self._inner.process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
