"""Replies wait until the update's commit: a student never sees a step that a crash could undo.

Handlers send as they go, but python-telegram-bot records a conversation's next state only after
the handler has returned, and the update's changes are committed after that. Sent at once, the
next question could reach the phone and the process die before the step was saved: the student
answers question 3, the restarted bot is still on question 2, and the answer lands in the wrong
field (issue 12). So while an update is handled, the Bot API calls that *show* something
(messages, edits, deletions) are held here and sent right after the commit, in order.

Why an outbox and not "commit before sending": the step a handler moves to is only known once it
returns, after its sends; committing before each send would still miss that step, and would cost
a commit per message instead of one per update.

What it changes for handler code, deliberately:

- a held send returns a stand-in result: a ``Message`` with ``message_id`` 0 (its chat, date and
  text filled from the request), or ``True`` for an edit or deletion. Nothing in the bot uses a
  sent message's id; code that must have the real message (to edit it later, say) wraps the call
  in ``send_now()``, accepting that it may show a step that is not yet durable;
- an error from a held call (a "message is not modified" aside, which is expected and ignored)
  surfaces after the handler, where it is logged and handed to the application's error handlers;
- what shows progress passes straight through: answering a button press, the typing indicator,
  streamed drafts (``sendMessageDraft``), file downloads and everything outside an update (jobs).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any

from telegram.error import BadRequest, TelegramError

from bot.transport.chained import ChainedRateLimiter

log = logging.getLogger(__name__)

#: Calls that change what the student sees in the chat; these wait for the commit.
HELD = frozenset(
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
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
        "editMessageMedia",
        "deleteMessage",
    }
)

Call = Callable[[], Coroutine[Any, Any, Any]]


@dataclass
class Outbox:
    """The calls held during one update."""

    calls: list[tuple[str, Call]] = field(default_factory=list)
    open: bool = True

    async def flush(self, on_error: Callable[[Exception], Awaitable[object]]) -> int:
        """Send everything held, in order; returns how many calls were made."""
        self.open = False
        calls, self.calls = self.calls, []
        for endpoint, call in calls:
            try:
                await call()
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    continue
                log.warning("Held %s failed after the commit: %s", endpoint, exc)
                await on_error(exc)
            except TelegramError as exc:
                log.warning("Held %s failed after the commit: %s", endpoint, exc)
                await on_error(exc)
        return len(calls)


_CURRENT: contextvars.ContextVar[Outbox | None] = contextvars.ContextVar("outbox", default=None)


@contextlib.contextmanager
def collecting() -> Iterator[Outbox]:
    """Hold this task's visible Bot API calls until the returned outbox is flushed."""
    outbox = Outbox()
    token = _CURRENT.set(outbox)
    try:
        yield outbox
    finally:
        _CURRENT.reset(token)
        outbox.open = False


@contextlib.contextmanager
def send_now() -> Iterator[None]:
    """Send immediately inside this block (for code that needs the real ``Message`` back)."""
    token = _CURRENT.set(None)
    try:
        yield
    finally:
        _CURRENT.reset(token)


class OutboxRateLimiter(ChainedRateLimiter[Any]):
    """Where the bot's calls are intercepted: python-telegram-bot's documented hook for "every
    request goes through me". It wraps the real limiter (or none), which still paces the held
    calls when they are finally sent, so flood limits and retries apply as before."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        def send() -> Coroutine[Any, Any, Any]:
            if self._inner is None:
                return callback(*args, **kwargs)
            return self._inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        outbox = _CURRENT.get()
        if outbox is None or not outbox.open or endpoint not in HELD:
            result: bool | dict[str, Any] | list[dict[str, Any]] = await send()
            return result
        outbox.calls.append((endpoint, send))
        return _stand_in(endpoint, data)


def _stand_in(endpoint: str, data: dict[str, Any]) -> bool | dict[str, Any]:
    if not endpoint.startswith("send"):
        return True
    message: dict[str, Any] = {
        "message_id": 0,
        "date": int(time.time()),
        "chat": {"id": data.get("chat_id", 0), "type": "private"},
    }
    if isinstance(data.get("text"), str):
        message["text"] = data["text"]
    return message
