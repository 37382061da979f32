"""Transitional names for handlers not yet on the flow kit; new code imports :mod:`bot.flow`."""

from __future__ import annotations

from telegram import Update

from bot.flow.context import CoachContext, user_id
from bot.flow.fallbacks import END, Hint, flow_fallbacks, leave_for_command
from bot.flow.replies import Rows, drop_buttons, replace, say, say_template
from bot.flow.yielding import YieldToFlows
from bot.render.callbacks import Callback

__all__ = [
    "END",
    "CoachContext",
    "Hint",
    "Rows",
    "YieldToFlows",
    "drop_buttons",
    "flow_fallbacks",
    "leave_for_command",
    "pressed",
    "replace",
    "say",
    "say_template",
    "user_id",
]


async def pressed(
    update: Update, context: CoachContext, toast: str | None = None
) -> Callback | None:
    """Verify and answer a button press; None (after telling the user) if it isn't theirs."""
    query = update.callback_query
    assert query is not None
    decoded = context.services.codec.decode(user_id(update), query.data or "")
    if decoded is None:
        await query.answer("That button has expired. Send /help to see what I can do.")
        return None
    await query.answer(toast)
    return decoded
