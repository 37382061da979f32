"""/export and /deletedata: a student's data is theirs to take and to erase.

Both are plain command-and-button handlers (no conversation state), so erasing a user's file is
not followed by a persistence write that would recreate it.
"""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.features.contacts.handlers.view import send_contacts_file
from bot.flow.kit import CoachContext, pressed, replace, say, say_template, user_id
from bot.llm.prompts import render
from bot.render.keyboards import btn


async def export(update: Update, context: CoachContext) -> None:
    """Offer the formats a student can take away."""
    await say_template(
        update,
        context,
        "admin/export.html.j2",
        [
            [btn("📦 Everything (.json)", "ex", "json")],
            [btn("📊 Contacts (.csv)", "ex", "csv"), btn("📇 Contacts (.vcf)", "ex", "vcf")],
        ],
        extra=None,
    )


async def export_file(update: Update, context: CoachContext) -> None:
    """Send the chosen export as a file."""
    press = await pressed(update, context)
    if press is None:
        return
    if press.arg(0) in ("csv", "vcf"):
        await send_contacts_file(update, context, press.arg(0))
        return
    data = await context.services.store.export_user(user_id(update))
    if data is None:
        await say(update, context, "I don't have any data about you yet — nothing to export.")
        return
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(data, filename="networking-coach-data.json"),
        caption="Everything I store about you, as JSON.",
    )


async def delete_data(update: Update, context: CoachContext) -> None:
    """Ask before erasing anything."""
    buttons = [[btn("Erase everything", "del", "yes"), btn("Keep my data", "del", "no")]]
    await say_template(update, context, "admin/delete_confirm.html.j2", buttons)


async def delete_choice(update: Update, context: CoachContext) -> None:
    """Erase the user's file (and in-memory state), or confirm nothing happened."""
    press = await pressed(update, context)
    if press is None:
        return
    if press.arg(0) != "yes":
        await replace(update, context, render("admin/kept.html.j2"))
        return
    uid = user_id(update)
    context.application.drop_user_data(uid)
    await context.services.store.delete_user(uid)
    await replace(update, context, render("admin/deleted.html.j2"))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Export and deletion."""
    return [
        CommandHandler("export", export),
        CallbackQueryHandler(export_file, pattern=r"^ex\|"),
        CommandHandler("deletedata", delete_data),
        CallbackQueryHandler(delete_choice, pattern=r"^del\|"),
    ]
