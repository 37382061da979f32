"""/export and /deletedata: a student's data is theirs to take and to erase.

Both are plain command-and-button handlers (no conversation state), so erasing a user's file is
not followed by a persistence write that would recreate it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InputFile, Update
from telegram.ext import CommandHandler

from bot.features.admin import stats
from bot.features.contacts.transfer import send_contacts_file
from bot.flow import CoachContext, Press, on_press, replace, say, say_template, user_id
from bot.flow.context import AnyHandler
from bot.render.messages import message
from bot.render.templates import render


@dataclass(frozen=True, slots=True)
class ExportAs(Press, code="ex"):
    """Send the student's data in one format."""

    format: Literal["json", "csv", "vcf"]


@dataclass(frozen=True, slots=True)
class EraseAnswer(Press, code="del"):
    """The answer to "erase everything?"."""

    erase: Literal["yes", "no"]


async def export(update: Update, context: CoachContext) -> None:
    """Offer the formats a student can take away."""
    await say_template(
        update,
        context,
        "admin/export.html.j2",
        [
            [ExportAs("json").button(message("admin.export_json"))],
            [
                ExportAs("csv").button(message("admin.export_csv")),
                ExportAs("vcf").button(message("admin.export_vcf")),
            ],
        ],
        extra=None,
    )


@on_press(ExportAs)
async def export_file(update: Update, context: CoachContext, press: ExportAs) -> None:
    """Send the chosen export as a file."""
    if press.format != "json":
        await send_contacts_file(update, context, press.format)
        return
    data = await context.services.store.export_user(user_id(update))
    if data is None:
        await say(update, context, message("admin.nothing_to_export"))
        return
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(data, filename="networking-coach-data.json"),
        caption=message("admin.export_caption"),
    )


async def delete_data(update: Update, context: CoachContext) -> None:
    """Ask before erasing anything."""
    buttons = [
        [
            EraseAnswer("yes").button(message("admin.erase")),
            EraseAnswer("no").button(message("admin.keep")),
        ]
    ]
    await say_template(update, context, "admin/delete_confirm.html.j2", buttons)


@on_press(EraseAnswer)
async def delete_choice(update: Update, context: CoachContext, press: EraseAnswer) -> None:
    """Erase the user's file (and in-memory state), or confirm nothing happened."""
    if press.erase != "yes":
        await replace(update, context, render("admin/kept.html.j2"))
        return
    uid = user_id(update)
    context.application.drop_user_data(uid)
    await context.services.store.delete_user(uid)
    await replace(update, context, render("admin/deleted.html.j2"))


def handlers() -> list[AnyHandler]:
    """Export and deletion, /privacy, and /stats for staff."""
    return [
        CommandHandler("export", export),
        export_file,
        CommandHandler("deletedata", delete_data),
        delete_choice,
        *stats.handlers(),
    ]
