"""Show Claude's answer while it is being written, then keep it as one normal message.

Telegram's ``sendMessageDraft`` (private chats) animates a temporary preview; it vanishes after
about 30 seconds, so the finished answer is always sent with ``sendMessage``. Updates are
throttled (about one a second, the pace bots streaming by edits settled on), and the preview is
plain text, so a half-written tag can never trip Telegram's HTML parser.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime

from telegram import Bot
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.clock import Clock
from bot.render.html import MESSAGE_LIMIT

log = logging.getLogger(__name__)
_PREVIEW = MESSAGE_LIMIT - 96
_EMPHASIS = re.compile(r"(?<![\w*])\*([^*\n]{1,60})\*(?![\w*])")


def reply_html(text: str) -> str:
    """Claude's plain text as Telegram HTML: everything escaped, ``*word*`` made bold."""
    escaped = html.escape(text.strip(), quote=False)
    return _EMPHASIS.sub(r"<b>\1</b>", escaped)


class DraftStream:
    """Throttled ``sendMessageDraft`` updates for one answer; give it the text so far."""

    def __init__(
        self, bot: Bot, chat_id: int, draft_id: int, *, clock: Clock, interval: float
    ) -> None:
        self._bot = bot
        self._chat_id = chat_id
        self._draft_id = draft_id or 1
        self._clock = clock
        self._interval = interval
        self._last: datetime | None = None
        self._shown = ""
        self._working = True
        self.updates = 0

    async def typing(self) -> None:
        """The typing indicator while nothing has arrived yet."""
        try:
            await self._bot.send_chat_action(self._chat_id, ChatAction.TYPING)
        except TelegramError:
            log.debug("typing indicator refused in chat %s", self._chat_id)

    async def __call__(self, text: str) -> None:
        """Show ``text`` (the whole answer so far) unless the last update was too recent."""
        if not self._working or not text.strip():
            return
        now = self._clock.now()
        if self._last is not None and (now - self._last).total_seconds() < self._interval:
            return
        preview = text if len(text) <= _PREVIEW else f"{text[:_PREVIEW]}…"
        if preview == self._shown:
            return
        try:
            await self._bot.send_message_draft(self._chat_id, self._draft_id, preview)
        except TelegramError as exc:  # an old client or a chat that can't show drafts
            log.info("draft streaming off for chat %s (%s)", self._chat_id, type(exc).__name__)
            self._working = False
            return
        self._last, self._shown = now, preview
        self.updates += 1
