"""The contacts feature's use cases: what a handler asks for, in one call each.

Handlers read the update, call one function here and render what it returns; the functions load
and save through the repository and leave the rules to the domain, so neither Telegram nor the
store leaks into the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from bot.features.contacts.domain import (
    Contact,
    ContactDraft,
    duplicate_reason,
    parse_contact_line,
    parse_names,
)
from bot.features.contacts.domain.adding import brainstorm_twin, fresh_names, worth_keeping
from bot.features.contacts.repository import ContactRepository
from bot.features.outreach.domain.facts import name_problem


@dataclass(frozen=True, slots=True)
class Added:
    """The person was saved."""

    contact: Contact


@dataclass(frozen=True, slots=True)
class NotAName:
    """The line was not a usable name; ``reason`` says why (None: it was empty)."""

    reason: str | None


@dataclass(frozen=True, slots=True)
class MaybeKnown:
    """Someone like this is already a contact; the student says whether it is the same person."""

    matches: tuple[Contact, ...]


AddOutcome = Added | NotAName | MaybeKnown


async def add_named(
    contacts: ContactRepository,
    user_id: int,
    line: str,
    *,
    force: bool = False,
    region: str | None = None,
) -> AddOutcome:
    """Save the person a typed line names (organization and role may follow after commas),
    unless it is not a name or, without ``force``, looks like someone already saved; a local
    phone number on the line is read for ``region``."""
    draft = parse_contact_line(line, region)
    problem = next((reason for field, reason in draft.problems if field == "name"), None)
    problem = problem or (name_problem(draft.name) if draft.name else None)
    if problem or not draft.name:
        return NotAName(problem)
    same = () if force else tuple(await contacts.duplicates(user_id, draft))
    if same:
        return MaybeKnown(same)
    return Added(await contacts.add(user_id, draft))


@dataclass(frozen=True, slots=True)
class Saved:
    """A contact added (or merged into one already saved), with the size of the network."""

    contact: Contact
    total: int
    merged: bool


@dataclass(frozen=True, slots=True)
class LooksLike:
    """The draft looks like someone already saved; ``reason`` names what matched."""

    twin: Contact
    reason: str


async def set_aside(
    contacts: ContactRepository, user_id: int, unfinished: ContactDraft, new: ContactDraft
) -> Contact | None:
    """Save a half-added contact as it is before ``new`` replaces it (nothing typed is lost);
    None when it is not worth keeping (empty, or the same person typed again)."""
    if not worth_keeping(unfinished, new):
        return None
    return await contacts.add(user_id, unfinished)


async def save_draft(
    contacts: ContactRepository, user_id: int, draft: ContactDraft, *, check: bool = True
) -> Saved | LooksLike:
    """Add the draft, unless (with ``check``) it looks like someone already in the list."""
    twins = await contacts.duplicates(user_id, draft) if check else []
    if twins:
        return LooksLike(twins[0], duplicate_reason(draft, twins[0]))
    contact = await contacts.add(user_id, draft)
    return Saved(contact, len(await contacts.all(user_id)), merged=False)


async def merge_draft(
    contacts: ContactRepository, user_id: int, twin_id: str, draft: ContactDraft
) -> Saved | None:
    """Fold the draft into the contact it duplicates; None if that contact is gone."""
    merged = await contacts.merge_draft(user_id, twin_id, draft)
    if merged is None:
        return None
    return Saved(merged, len(await contacts.all(user_id)), merged=True)


async def change(
    contacts: ContactRepository, user_id: int, contact_id: str, changes: Mapping[str, object]
) -> Contact | None:
    """Apply a one-tap change (circle, may-use-name); None if the contact is gone."""
    contact = await contacts.get(user_id, contact_id)
    if contact is None:
        return None
    return await contacts.save(user_id, replace(contact, **changes))  # type: ignore[arg-type]


async def delete(contacts: ContactRepository, user_id: int, contact_id: str) -> Contact | None:
    """Delete the contact; the deleted record (for its name), or None if it was already gone."""
    contact = await contacts.get(user_id, contact_id)
    if contact is None or not await contacts.delete(user_id, contact_id):
        return None
    return contact


@dataclass(frozen=True, slots=True)
class NamesAdded:
    """Names saved from one brainstorm message, those already in that circle, and those that
    look like someone saved (typed name, that contact): not saved until the student says."""

    new: list[str]
    repeats: list[str]
    look_alikes: list[tuple[str, Contact]] = field(default_factory=list)


async def add_names(
    contacts: ContactRepository, user_id: int, text: str, circle: str
) -> NamesAdded:
    """Save every new name in ``text`` to ``circle``; two Anas in two circles are fine, but
    "Dr Brooks" when "Dr. Alan Brooks" is saved waits for the student's answer."""
    typed = parse_names(text)
    saved = await contacts.all(user_id)
    fresh = fresh_names(typed, [c.name for c in saved if c.circle == circle])
    new: list[str] = []
    look_alikes: list[tuple[str, Contact]] = []
    for name in fresh:
        twin = brainstorm_twin(name, saved)
        if twin is None:
            new.append(name)
        else:
            look_alikes.append((name, twin))
    if new:
        await contacts.add_many(user_id, [ContactDraft(name=name, circle=circle) for name in new])
    return NamesAdded(new, [n for n in typed if n not in fresh], look_alikes)


async def same_as_saved(
    contacts: ContactRepository, user_id: int, twin_id: str, name: str, circle: str
) -> Contact | None:
    """The brainstormed name is someone already saved: merged into them (their name stays, a
    missing circle is filled, the merge is logged); None when that contact is gone."""
    return await contacts.merge_draft(user_id, twin_id, ContactDraft(name=name, circle=circle))
