"""Sending what the student reads: HTML split to Telegram's limit, signed buttons, quiet edits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.flow.context import CoachContext, user_id
from bot.render.html import split_message, visible_text
from bot.render.keyboards import Button, keyboard
from bot.render.templates import render

Rows = Sequence[Sequence[Button]]


async def say(
    update: Update, context: CoachContext, html: str, buttons: Rows | None = None
) -> Message:
    """Send HTML to the student, split at paragraphs if long; buttons go under the last piece."""
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
    """Render ``prompts/<template>`` strictly and send it."""
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
    shown = query.message
    if (
        isinstance(shown, Message)
        and shown.text == visible_text(pieces[0])
        and _same_markup(shown.reply_markup, markup)
    ):
        return  # a stale button pressed again: Telegram would only answer "not modified"
    try:
        await query.edit_message_text(html, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def drop_buttons(query: CallbackQuery | None) -> None:
    """Remove the buttons from a message once its choice is made, so old taps can't misfire."""
    if query is None or query.message is None:
        return
    if isinstance(query.message, Message) and not _buttons_of(query.message.reply_markup):
        return  # nothing to remove (an old message tapped again): no "not modified" call
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def _buttons_of(markup: InlineKeyboardMarkup | None) -> bool:
    return markup is not None and any(markup.inline_keyboard)


def _same_markup(a: InlineKeyboardMarkup | None, b: InlineKeyboardMarkup | None) -> bool:
    """Whether two keyboards show the same buttons (no keyboard and an empty one are alike)."""
    if not _buttons_of(a) or not _buttons_of(b):
        return not _buttons_of(a) and not _buttons_of(b)
    assert a is not None and b is not None
    return a.to_dict() == b.to_dict()
