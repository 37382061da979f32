"""Conventions every polished bot keeps: help, cancel, hints, expired buttons, errors, allowlist."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.features.contacts.repository import ContactLimitReached
from bot.features.home.commands import COMMANDS
from bot.features.home.menu import go_fallback
from bot.flow import CoachContext, say, say_template
from bot.flow.context import AnyHandler
from bot.llm.base import current_student
from bot.render.messages import message
from bot.store.quota import StoredBytesLimitReached

log = logging.getLogger(__name__)


async def gate(update: Update, context: CoachContext) -> None:
    """Runs before everything: only new messages and button presses in a private chat with an
    allowed student get through.

    A student's contacts and exports must never be posted into a group; edits of old messages
    would re-run old commands or answer the wrong step; channel posts have no student at all.
    """
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or update.edited_message is not None:
        raise ApplicationHandlerStop
    # Whose Claude budget and per-minute limit this update uses, also where updates do not pass
    # through the update processor (the local chat, the tests).
    current_student.set(user.id)
    if chat.type != ChatType.PRIVATE:
        if update.message is not None and update.message.text and update.message.text[:1] == "/":
            await say_template(update, context, "home/private_only.html.j2")
        elif update.callback_query is not None:
            await update.callback_query.answer()
        raise ApplicationHandlerStop
    if context.services.settings.is_allowed(user.id):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await say_template(update, context, "home/not_allowed.html.j2")
    raise ApplicationHandlerStop


async def help_text(update: Update, context: CoachContext) -> None:
    """/help: every command with one line each."""
    await say_template(update, context, "home/help.html.j2", commands=COMMANDS)


async def cancel_outside(update: Update, context: CoachContext) -> None:
    """/cancel when no flow is active."""
    await say_template(update, context, "home/cancelled.html.j2", flow=None, resume=None)


async def hint(update: Update, context: CoachContext) -> None:
    """Anything we weren't expecting gets a short pointer, not silence."""
    profile = await context.services.profiles.get(update.effective_user.id)  # type: ignore[union-attr]
    await say_template(
        update, context, "home/hint.html.j2", name=profile.name and profile.first_name
    )


async def stale_button(update: Update, context: CoachContext) -> None:
    """A button from a finished flow: answer it so the phone stops spinning, and explain."""
    assert update.callback_query is not None
    await update.callback_query.answer(message("home.button_finished"))


async def on_error(update: object, context: CoachContext) -> None:
    """Log the failure with where it happened and tell the student briefly; their data stays.

    The log names the update and the student's id but never message text: students' notes and
    contacts must not outlive /deletedata in a log file.
    """
    if not isinstance(update, Update):
        log.error("Unhandled error outside an update", exc_info=context.error)
        return
    if isinstance(context.error, ContactLimitReached):  # a limit, not a bug: say which
        log.info("limit.contacts user=%s", update.effective_user and update.effective_user.id)
        if update.callback_query is not None:
            with contextlib.suppress(BadRequest):
                await update.callback_query.answer()
        await say(update, context, message("contacts.limit_reached", limit=context.error.limit))
        return
    if isinstance(context.error, StoredBytesLimitReached):  # the records' size cap, said kindly
        log.info("limit.stored_bytes user=%s", update.effective_user and update.effective_user.id)
        if update.callback_query is not None:
            with contextlib.suppress(BadRequest):
                await update.callback_query.answer()
        mb = f"{context.error.limit / 1_000_000:g}"
        await say(update, context, message("home.storage_full", mb=mb))
        return
    kind = next((k for k in ("message", "callback_query") if getattr(update, k)), "other")
    user = update.effective_user
    log.error(
        "Unhandled error in update %s (%s) from user %s",
        update.update_id,
        kind,
        user.id if user else "-",
        exc_info=context.error,
    )
    if update.callback_query is not None:
        with contextlib.suppress(BadRequest):  # the handler has usually answered it already
            await update.callback_query.answer()
    if update.effective_chat is not None:
        try:
            await say_template(update, context, "home/error.html.j2")
        except Exception:  # the error handler must never raise in turn
            log.exception("Could not tell user %s about an error", user.id if user else "-")


def gate_handlers() -> list[AnyHandler]:
    """Handlers for group -1 (before all features)."""
    return [TypeHandler(Update, gate)]


def handlers() -> list[AnyHandler]:
    """Catch-alls that must come after every feature's handlers in group 0."""
    return [
        CommandHandler("help", help_text),
        CommandHandler("cancel", cancel_outside),
        go_fallback,
        CallbackQueryHandler(stale_button),
        MessageHandler(filters.ALL, hint),
    ]
