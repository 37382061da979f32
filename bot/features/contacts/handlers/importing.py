"""A .vcf or .csv file sent to the bot: every card in it becomes a contact.

Broken cards are reported and skipped, flawed values are kept and listed, and cards that look like
people already saved wait for one choice (merge, add anyway, leave out), kept in the student's
small state, so a re-import of the student's own export never silently doubles their list.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from pydantic import ValidationError
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.features.contacts.imports import (
    Choice,
    ImportReport,
    import_drafts,
    parse_file,
    resolve,
)
from bot.features.contacts.regions import phone_region
from bot.flow import (
    CoachContext,
    Press,
    YieldToFlows,
    on_press,
    replace,
    say,
    say_template,
    user_id,
)
from bot.flow.context import AnyHandler
from bot.render.messages import message
from bot.render.templates import render
from bot.store.records import from_json, to_json

_KEY = "contact_import"
FILES = (
    filters.Document.FileExtension("vcf")
    | filters.Document.FileExtension("vcard")
    | filters.Document.FileExtension("csv")
    | filters.Document.MimeType("text/vcard")
    | filters.Document.MimeType("text/x-vcard")
    | filters.Document.MimeType("text/csv")
)


@dataclass(frozen=True, slots=True)
class MergeKnown(Press, code="cb|m"):
    """The look-alikes are the people already saved: fill their gaps."""


@dataclass(frozen=True, slots=True)
class AddKnownAnyway(Press, code="cb|k"):
    """Add the look-alikes as new contacts too."""


@dataclass(frozen=True, slots=True)
class LeaveKnownOut(Press, code="cb|s"):
    """Import nothing more."""


def _done_html(report: ImportReport) -> str:
    return render(
        "contacts/import_done.html.j2",
        added=report.added,
        merged=report.merged,
        skipped=report.skipped,
        errors=report.errors,
        problems=report.problems,
        unit=report.unit,
    )


async def on_document(update: Update, context: CoachContext) -> None:
    """Import every contact in the file; ask once about the ones that are already there."""
    assert update.message is not None and update.message.document is not None
    document = update.message.document
    filename = document.file_name or "contacts.vcf"
    settings = context.services.settings
    too_big = message("contacts.import_too_big", mb=settings.max_import_bytes // 1_000_000 or 1)
    if (document.file_size or 0) > settings.max_import_bytes:
        await say(update, context, too_big)
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    if len(data) > settings.max_import_bytes:  # file_size is optional: trust only the bytes
        await say(update, context, too_big)
        return
    # Parsing a large file is CPU work: off the event loop, so other students keep being
    # answered; at most MAX_CONTACTS rows are read.
    drafts, errors, unit = await asyncio.to_thread(
        parse_file,
        filename,
        data,
        await phone_region(context.services, user_id(update)),
        context.services.contacts.max_contacts,
    )
    if not drafts:
        await say_template(
            update, context, "contacts/import_empty.html.j2", filename=filename, errors=errors
        )
        return
    report = await import_drafts(context.services.contacts, user_id(update), drafts, errors, unit)
    if not report.drafts:
        await say(update, context, _done_html(report))
        return
    context.scratch[_KEY] = to_json(report)
    rows = [
        [
            MergeKnown().button(message("contacts.merge")),
            AddKnownAnyway().button(message("contacts.add_anyway")),
        ],
        [LeaveKnownOut().button(message("contacts.leave_out"))],
    ]
    await say_template(
        update,
        context,
        "contacts/import_known.html.j2",
        rows,
        total=len(drafts),
        filename=filename,
        added=report.added,
        known=[d.name for d in report.drafts],
    )


@on_press(MergeKnown)
async def merge_known(update: Update, context: CoachContext, press: MergeKnown) -> None:
    """Fill the saved contacts' gaps from the matching cards."""
    await _resolve(update, context, "merge")


@on_press(AddKnownAnyway)
async def add_known(update: Update, context: CoachContext, press: AddKnownAnyway) -> None:
    """Add the matching cards as new contacts too."""
    await _resolve(update, context, "keep")


@on_press(LeaveKnownOut)
async def leave_known(update: Update, context: CoachContext, press: LeaveKnownOut) -> None:
    """Import nothing more."""
    await _resolve(update, context, "skip")


async def _resolve(update: Update, context: CoachContext, choice: Choice) -> None:
    """Merge, add anyway, or leave out the cards that match saved contacts."""
    stored = context.scratch.pop(_KEY, None)
    try:
        pending = from_json(ImportReport, stored) if isinstance(stored, dict) else None
    except ValidationError:
        pending = None
    if pending is None:  # already answered (a second tap) or lost: nothing more to import
        await replace(update, context, _done_html(ImportReport()))
        return
    report = await resolve(context.services.contacts, user_id(update), pending, choice)
    await replace(update, context, _done_html(report))


def handlers() -> list[AnyHandler]:
    """The file import and its one follow-up question."""
    return [YieldToFlows(MessageHandler(FILES, on_document)), merge_known, add_known, leave_known]
