"""A .vcf or .csv file sent to the bot: every card in it becomes a contact.

Broken cards are reported and skipped, flawed values are kept and listed, and cards that look like
people already saved wait for one choice (merge, add anyway, leave out), kept in scratch, so a
re-import of the student's own export never silently doubles their list.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.features.contacts.domain import ContactDraft
from bot.features.contacts.domain.adding import split_known
from bot.features.contacts.domain.csv_files import decode, from_csv
from bot.features.contacts.domain.vcards import parse_vcards
from bot.flow.kit import (
    CoachContext,
    YieldToFlows,
    pressed,
    replace,
    say,
    say_template,
    user_id,
)
from bot.llm.prompts import render
from bot.render.keyboards import btn

_KEY = "contact_import"
_MAX_BYTES = 5_000_000
FILES = (
    filters.Document.FileExtension("vcf")
    | filters.Document.FileExtension("vcard")
    | filters.Document.FileExtension("csv")
    | filters.Document.MimeType("text/vcard")
    | filters.Document.MimeType("text/x-vcard")
    | filters.Document.MimeType("text/csv")
)


def _parse(
    filename: str, data: bytes, region: str | None
) -> tuple[list[ContactDraft], list[str], str]:
    """Cards from a vCard, rows from a CSV (told apart by name, then by content), and what one
    entry is called in the report ("row" or "card")."""
    is_csv = filename.lower().endswith(".csv") and b"BEGIN:VCARD" not in data[:2000].upper()
    if is_csv:
        return (*from_csv(decode(data), region), "row")
    return (*parse_vcards(data, region), "card")


def _problems(drafts: list[ContactDraft]) -> list[str]:
    return [f"{d.name}: {reason}" for d in drafts for _, reason in d.problems]


async def on_document(update: Update, context: CoachContext) -> None:
    """Import every contact in the file; ask once about the ones that are already there."""
    assert update.message is not None and update.message.document is not None
    document = update.message.document
    filename = document.file_name or "contacts.vcf"
    if (document.file_size or 0) > _MAX_BYTES:
        await say_template(update, context, "contacts/import_unsupported.html.j2")
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    region = context.services.settings.default_phone_region
    drafts, errors, unit = _parse(filename, data, region)
    if not drafts:
        await say_template(
            update, context, "contacts/import_empty.html.j2", filename=filename, errors=errors
        )
        return
    uid = user_id(update)
    repo = context.services.contacts
    new, known = split_known(drafts, await repo.all(uid))
    added = await repo.add_many(uid, new)
    report: dict[str, Any] = {
        "added": len(added),
        "errors": errors,
        "problems": _problems(new),
        "unit": unit,
    }
    if not known:
        await say(
            update, context, render("contacts/import_done.html.j2", merged=0, skipped=0, **report)
        )
        return
    context.scratch[_KEY] = {
        **report,
        "drafts": [d.to_record() for d, _ in known],
        "ids": [c.id for _, c in known],
    }
    rows = [
        [btn("🔀 Merge", "cb", "m"), btn("➕ Add anyway", "cb", "k")],
        [btn("Leave them out", "cb", "s")],
    ]
    await say_template(
        update,
        context,
        "contacts/import_known.html.j2",
        rows,
        total=len(drafts),
        filename=filename,
        added=len(added),
        known=[d.name for d, _ in known],
    )


async def on_choice(update: Update, context: CoachContext) -> None:
    """Merge, add anyway, or leave out the cards that match saved contacts."""
    press = await pressed(update, context)
    if press is None:
        return
    pending = context.scratch.pop(_KEY, None)
    if not isinstance(pending, dict):
        await replace(
            update,
            context,
            render(
                "contacts/import_done.html.j2",
                added=0,
                merged=0,
                skipped=0,
                errors=[],
                problems=[],
                unit="card",
            ),
        )
        return
    uid = user_id(update)
    repo = context.services.contacts
    drafts = [ContactDraft.from_record(r) for r in pending["drafts"]]
    merged = skipped = extra = 0
    match press.arg(0):
        case "m":
            for draft, contact_id in zip(drafts, pending["ids"], strict=True):
                merged += await repo.merge_draft(uid, contact_id, draft) is not None
        case "k":
            extra = len(await repo.add_many(uid, drafts))
        case _:
            skipped = len(drafts)
    html = render(
        "contacts/import_done.html.j2",
        added=pending["added"] + extra,
        merged=merged,
        skipped=skipped,
        errors=pending["errors"],
        problems=pending["problems"] + (_problems(drafts) if extra else []),
        unit=pending.get("unit", "card"),
    )
    await replace(update, context, html)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The file import and its one follow-up question."""
    return [
        YieldToFlows(MessageHandler(FILES, on_document)),
        CallbackQueryHandler(on_choice, pattern=r"^cb\|"),
    ]
