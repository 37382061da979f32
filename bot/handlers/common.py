"""Conventions every polished bot keeps: help, cancel, hints, expired buttons, errors, allowlist."""

from __future__ import annotations

import html
import json
import logging

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers.commands import COMMANDS
from bot.handlers.kit import CoachContext, say_template
from bot.handlers.menu import go_fallback

log = logging.getLogger(__name__)


async def gate(update: Update, context: CoachContext) -> None:
    """Runs before everything: refuse politely when an allowlist is set and excludes this user."""
    user = update.effective_user
    if user is None or context.services.settings.is_allowed(user.id):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    if update.effective_chat is not None:
        await say_template(update, context, "common/not_allowed.html.j2")
    raise ApplicationHandlerStop


async def help_text(update: Update, context: CoachContext) -> None:
    """/help: every command with one line each."""
    await say_template(update, context, "common/help.html.j2", commands=COMMANDS)


async def cancel_outside(update: Update, context: CoachContext) -> None:
    """/cancel when no flow is active."""
    await say_template(update, context, "common/cancelled.html.j2", flow=None, resume=None)


async def hint(update: Update, context: CoachContext) -> None:
    """Anything we weren't expecting gets a short pointer, not silence."""
    profile = await context.services.profiles.get(update.effective_user.id)  # type: ignore[union-attr]
    await say_template(
        update, context, "common/hint.html.j2", name=profile.name and profile.first_name
    )


async def stale_button(update: Update, context: CoachContext) -> None:
    """A button from a finished flow: answer it so the phone stops spinning, and explain."""
    assert update.callback_query is not None
    await update.callback_query.answer(
        "That button belongs to something already finished. /help shows what I can do."
    )


async def on_error(update: object, context: CoachContext) -> None:
    """Log the failure with its context and tell the student briefly; their data stays."""
    detail = update.to_dict() if isinstance(update, Update) else str(update)
    log.error(
        "Unhandled error for update %s",
        json.dumps(detail, default=str)[:2000],
        exc_info=context.error,
    )
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        if update.effective_chat is not None:
            await say_template(update, context, "common/error.html.j2")
    except Exception:  # the error handler must never raise in turn
        log.exception("Could not tell the user about an error: %s", html.escape(str(context.error)))


def gate_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Handlers for group -1 (before all features)."""
    return [TypeHandler(Update, gate)]


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Catch-alls that must come after every feature's handlers in group 0."""
    return [
        CommandHandler("help", help_text),
        CommandHandler("cancel", cancel_outside),
        CallbackQueryHandler(go_fallback, pattern=r"^go\|"),
        CallbackQueryHandler(stale_button),
        MessageHandler(filters.ALL, hint),
    ]
