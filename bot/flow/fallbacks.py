"""What every conversation does with input its current step can't use.

``/cancel`` pauses (what was typed stays stored, so the flow's command resumes at the same step),
any other command says the flow is paused and runs as if sent fresh, and anything else gets a
hint while the flow stays where it is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.flow.context import AnyHandler, CoachContext
from bot.flow.replies import say, say_template

END = ConversationHandler.END
Hint = str | Callable[[Update, CoachContext], Awaitable[object]]


async def leave_for_command(update: Update, context: CoachContext) -> int:
    """Another command while in a flow: pause this flow and run that command as if sent fresh."""
    replay = getattr(context.application, "replay_after_current", None)
    if replay is not None:
        replay(update)
    return END


def flow_fallbacks(
    *,
    flow: str,
    resume: str,
    hint: Hint,
    leave_on: filters.BaseFilter | None = None,
    leave_on_other_buttons: bool = False,
    on_cancel: Callable[[CoachContext], object] | None = None,
    on_pause: Callable[[CoachContext], object] | None = None,
) -> list[AnyHandler]:
    """The fallbacks of one conversation.

    ``on_pause`` runs whenever the flow is left unfinished (cancel, another command, a
    ``leave_on`` message); ``on_cancel`` may drop what should not be kept; ``leave_on`` messages
    (e.g. a file meant for an import) and, with ``leave_on_other_buttons``, presses of buttons
    outside the flow end it and run as sent.
    """

    def paused(context: CoachContext) -> None:
        if on_pause is not None:
            on_pause(context)

    async def cancel(update: Update, context: CoachContext) -> int:
        paused(context)
        if on_cancel is not None:
            on_cancel(context)
        await say_template(update, context, "home/cancelled.html.j2", flow=flow, resume=resume)
        return END

    async def unexpected(update: Update, context: CoachContext) -> None:
        if isinstance(hint, str):
            await say(update, context, hint)
        else:
            await hint(update, context)

    async def leave(update: Update, context: CoachContext) -> int:
        paused(context)
        await say_template(update, context, "home/left.html.j2", flow=flow, resume=resume)
        return await leave_for_command(update, context)

    async def step_aside(update: Update, context: CoachContext) -> int:
        paused(context)
        return await leave_for_command(update, context)

    handlers: list[AnyHandler] = [
        CommandHandler("cancel", cancel),
        MessageHandler(filters.COMMAND, leave),
    ]
    if leave_on is not None:
        handlers.append(MessageHandler(leave_on, step_aside))
    if leave_on_other_buttons:
        handlers.append(CallbackQueryHandler(step_aside))
    handlers.append(MessageHandler(~filters.COMMAND, unexpected))
    return handlers
