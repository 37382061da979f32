"""Importing a .vcf or .csv file: every card becomes a contact, look-alikes wait for one choice.

Pure of Telegram: the handler hands over the file's name and bytes and renders what comes back.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from typing import Literal

from bot.features.contacts.domain import ContactDraft
from bot.features.contacts.domain.adding import split_known
from bot.features.contacts.domain.csv_files import decode, from_csv
from bot.features.contacts.domain.vcards import parse_vcards
from bot.features.contacts.repository import ContactRepository
from bot.render.messages import message

Unit = Literal["row", "card"]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one import did; ``drafts``/``ids`` are look-alikes still waiting for the student's
    choice (stored between the file and the button, in the shape the code before the flow kit
    stored, so a choice pending across the upgrade still works)."""

    added: int = 0
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unit: Unit = "card"
    drafts: list[ContactDraft] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    merged: int = 0
    skipped: int = 0


def parse_file(
    filename: str, data: bytes, region: str | None, limit: int | None = None
) -> tuple[list[ContactDraft], list[str], Unit]:
    """Cards from a vCard, rows from a CSV (told apart by name, then by content), and what one
    entry is called in the report ("row" or "card"); at most ``limit`` of them (the rest are
    counted in ``errors``). CPU-bound for a big file: callers run it in a worker thread."""
    is_csv = filename.lower().endswith(".csv") and b"BEGIN:VCARD" not in data[:2000].upper()
    if is_csv:
        return (*from_csv(decode(data), region, max_rows=limit), "row")
    return (*parse_vcards(data, region, max_cards=limit), "card")


def _problems(drafts: list[ContactDraft]) -> list[str]:
    return [f"{d.name}: {reason}" for d in drafts for _, reason in d.problems]


async def import_drafts(
    contacts: ContactRepository,
    user_id: int,
    drafts: list[ContactDraft],
    errors: list[str],
    unit: Unit,
) -> ImportReport:
    """Add every draft that is nobody already saved; hold the look-alikes for a choice.

    Matching runs in a worker thread (indexed, so linear in both sides); what would take the
    student past ``MAX_CONTACTS`` is left out and said so in ``errors``.
    """
    existing = await contacts.all(user_id)
    new, known = await asyncio.to_thread(split_known, drafts, existing)
    limit = contacts.max_contacts
    room = len(new) if limit is None else max(0, limit - len(existing))
    if len(new) > room:
        errors = [message("contacts.import_limit", left_out=len(new) - room, limit=limit), *errors]
        new, known = new[:room], []
    added = await contacts.add_many(user_id, new)
    return ImportReport(
        added=len(added),
        errors=errors,
        problems=_problems(new),
        unit=unit,
        drafts=[d for d, _ in known],
        ids=[c.id for _, c in known],
    )


Choice = Literal["merge", "keep", "skip"]


async def resolve(
    contacts: ContactRepository, user_id: int, pending: ImportReport, choice: Choice
) -> ImportReport:
    """Merge the look-alikes into the contacts they match, add them anyway, or leave them out."""
    done = replace(pending, drafts=[], ids=[])
    if choice == "merge":
        merged = 0
        for draft, contact_id in zip(pending.drafts, pending.ids, strict=True):
            merged += await contacts.merge_draft(user_id, contact_id, draft) is not None
        return replace(done, merged=merged)
    if choice == "keep":
        extra = len(await contacts.add_many(user_id, pending.drafts))
        return replace(
            done, added=pending.added + extra, problems=pending.problems + _problems(pending.drafts)
        )
    return replace(done, skipped=len(pending.drafts))
