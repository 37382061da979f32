"""Small helpers that keep every handler to: read the update, call the domain, render the reply."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    ExtBot,
    MessageHandler,
    filters,
)

from bot.llm.prompts import render
from bot.render.callbacks import Callback
from bot.render.html import split_message
from bot.render.keyboards import Button, keyboard
from bot.services import Services

log = logging.getLogger(__name__)
END = ConversationHandler.END
Rows = Sequence[Sequence[Button]]


class CoachContext(CallbackContext[ExtBot[None], dict[str, Any], dict[str, Any], dict[str, Any]]):
    """The callback context, with typed access to the shared services."""

    @property
    def services(self) -> Services:
        """Store, LLM, clock, codec and repositories."""
        return self.application.bot_data["services"]  # type: ignore[no-any-return]

    @property
    def scratch(self) -> dict[str, Any]:
        """Per-user flow data (persisted after every update)."""
        assert self.user_data is not None
        return self.user_data


def user_id(update: Update) -> int:
    """The id of the person this update came from (always present in private chats)."""
    assert update.effective_user is not None
    return update.effective_user.id


async def say(
    update: Update, context: CoachContext, html: str, buttons: Rows | None = None
) -> Message:
    """Send HTML to the user, split at paragraphs if long; buttons go under the last piece."""
    assert update.effective_chat is not None
    pieces = split_message(html)
    markup = keyboard(context.services.codec, user_id(update), buttons) if buttons else None
    message: Message | None = None
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        message = await context.bot.send_message(
            update.effective_chat.id,
            piece,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if last else None,
        )
    assert message is not None
    return message


async def say_template(
    update: Update,
    context: CoachContext,
    template: str,
    buttons: Rows | None = None,
    **variables: Any,
) -> Message:
    """Render ``prompts/<template>`` and send it."""
    return await say(update, context, render(template, **variables), buttons)


async def replace(
    update: Update, context: CoachContext, html: str, buttons: Rows | None = None
) -> None:
    """Edit the message whose button was pressed (keeps the chat short), or send anew."""
    query = update.callback_query
    pieces = split_message(html)
    if query is None or query.message is None or len(pieces) > 1:
        await say(update, context, html, buttons)
        return
    markup = keyboard(context.services.codec, user_id(update), buttons) if buttons else None
    try:
        await query.edit_message_text(html, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


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


async def drop_buttons(query: CallbackQuery | None) -> None:
    """Remove the buttons from a message once its choice is made, so old taps can't misfire."""
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def leave_for_command(update: Update, context: CoachContext) -> int:
    """Another command while in a flow: pause this flow and run that command as if sent fresh."""
    replay = getattr(context.application, "replay_after_current", None)
    if replay is not None:
        replay(update)
    return END


Hint = str | Callable[[Update, "CoachContext"], Awaitable[object]]


def flow_fallbacks(
    *,
    flow: str,
    resume: str,
    hint: Hint,
    leave_on: filters.BaseFilter | None = None,
    leave_on_other_buttons: bool = False,
    on_cancel: Callable[[CoachContext], None] | None = None,
) -> list[BaseHandler]:  # type: ignore[type-arg]
    """What every conversation does with input its current step can't use.

    ``/cancel`` pauses (what was typed is stored, so ``resume`` picks up at the same step;
    ``on_cancel`` may drop what should not be kept), any other command says the flow is paused
    and runs, and anything else gets ``hint`` (a fixed text, or a callback for step-aware hints)
    while the flow stays where it is. ``leave_on`` messages (e.g. a file meant for an import) and,
    with ``leave_on_other_buttons``, presses of buttons outside the flow end it and run as sent.
    """

    async def cancel(update: Update, context: CoachContext) -> int:
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
        await say_template(update, context, "home/left.html.j2", flow=flow, resume=resume)
        return await leave_for_command(update, context)

    handlers: list[BaseHandler] = [  # type: ignore[type-arg]
        CommandHandler("cancel", cancel),
        MessageHandler(filters.COMMAND, leave),
    ]
    if leave_on is not None:
        handlers.append(MessageHandler(leave_on, leave_for_command))
    if leave_on_other_buttons:
        handlers.append(CallbackQueryHandler(leave_for_command))
    handlers.append(MessageHandler(~filters.COMMAND, unexpected))
    return handlers


class YieldToFlows(BaseHandler[Update, CoachContext, Any]):
    """A non-command entry point (a shared contact, a file, a voice note) that steps aside while
    the student is in the middle of another flow, so that flow's own handling or hint applies.

    Commands may pull a student out of a flow (see :func:`leave_for_command`); a contact card
    or a voice note sent mid-flow is far more likely meant for that flow. ``register`` hands each
    instance the application's conversations.
    """

    def __init__(self, inner: BaseHandler[Update, CoachContext, Any]) -> None:
        super().__init__(inner.callback, block=inner.block)
        self.inner = inner
        self.flows: list[ConversationHandler[CoachContext]] = []

    def check_update(self, update: object) -> Any:
        """Match like the wrapped handler, unless the sender is in an active conversation."""
        if not isinstance(update, Update) or self._busy(update):
            return None
        return self.inner.check_update(update)

    async def handle_update(
        self, update: Any, application: Any, check_result: Any, context: Any
    ) -> Any:
        """Run the wrapped handler."""
        return await self.inner.handle_update(update, application, check_result, context)

    def collect_additional_context(
        self, context: Any, update: Any, application: Any, check_result: Any
    ) -> None:
        """As the wrapped handler does."""
        self.inner.collect_additional_context(context, update, application, check_result)

    def _busy(self, update: Update) -> bool:
        # PTB offers no public "is this user in a conversation" query; its per-key state map is
        # read here, never written (tests/e2e cover this so a PTB change shows up at once).
        for flow in self.flows:
            try:
                state = flow._conversations.get(flow._get_key(update))
            except RuntimeError:
                continue
            if state is not None and state != END:
                return True
        return False
