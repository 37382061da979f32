"""A streamed preview for the reply to this update (see :mod:`bot.render.streaming`)."""

from __future__ import annotations

from telegram import Update

from bot.flow.context import CoachContext
from bot.render.streaming import DraftStream


def draft_stream(update: Update, context: CoachContext) -> DraftStream:
    """Previews in the student's private chat, paced by ``STREAM_UPDATE_SECONDS``."""
    assert update.effective_chat is not None
    message = update.effective_message
    return DraftStream(
        context.bot,
        update.effective_chat.id,
        message.message_id if message is not None else update.update_id,
        clock=context.services.clock,
        interval=context.services.settings.stream_update_seconds,
    )
