"""Small pure rules behind the ways of adding contacts: which questions are still open, what a
shared phone card already tells us, when a typed line is a whole contact, which brainstormed
names are new, and which imported cards are people the student already has."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from bot.features.contacts.domain.circles import Circle, circles
from bot.features.contacts.domain.duplicates import DuplicateIndex
from bot.features.contacts.domain.fields import (
    InvalidField,
    fold,
    normalize_name,
    phone_from_telegram,
)
from bot.features.contacts.domain.names import has_family_name, same_name
from bot.features.contacts.domain.records import Contact, ContactDraft
from bot.features.contacts.domain.vcards import parse_vcards

# The guided /add asks these, one at a time; every one after the name can be skipped.
GUIDED_STEPS = ("name", "circle", "organization", "role", "email", "phone", "url", "notes")


def missing_steps(draft: ContactDraft) -> list[str]:
    """The guided questions a draft still leaves open (empty, or holding a flawed value)."""
    flawed = {field for field, _ in draft.problems}
    return [
        step
        for step in GUIDED_STEPS
        if step in flawed or not (draft.circle if step == "circle" else getattr(draft, step))
    ]


def looks_like_line(text: str) -> bool:
    """Whether a reply to "who is it?" is a whole contact on one line rather than just a name."""
    return any(mark in text for mark in (",", ";", "@", "|", "\n"))


def retyped_line(text: str) -> bool:
    """Whether a reply to "type the email again" is the whole contact line typed again."""
    return any(mark in text for mark in (",", ";", "|", "\n"))


def draft_from_shared(
    first_name: str,
    last_name: str | None,
    phone: str,
    vcard: str | None = None,
    default_region: str | None = None,
) -> ContactDraft:
    """A draft from a contact shared out of the phone's address book.

    Telegram may attach the card's vCard; what it adds (email, organization, title) is kept so
    the student is asked only for what is really missing.
    """
    base = ContactDraft()
    if vcard:
        parsed, _ = parse_vcards(vcard.encode(), default_region)
        if parsed:
            base = replace(parsed[0], source_id=None, problems=())
    problems = list(base.problems)
    name = " ".join(f"{first_name} {last_name or ''}".split()) or base.name
    try:
        name = normalize_name(name)
    except InvalidField as exc:
        problems.append((exc.field, exc.reason))
    number = phone.strip()
    if number:
        try:
            number = phone_from_telegram(number, default_region)
        except InvalidField as exc:
            problems.append((exc.field, exc.reason))
    return replace(base, name=name, phone=number or base.phone, problems=tuple(problems))


def _same_person(a: ContactDraft, b: ContactDraft) -> bool:
    emails = a.email.casefold(), b.email.casefold()
    phones = "".join(filter(str.isdigit, a.phone)), "".join(filter(str.isdigit, b.phone))
    if (emails[0] and emails[0] == emails[1]) or (len(phones[0]) >= 7 and phones[0] == phones[1]):
        return True
    return fuzz.token_sort_ratio(fold(a.name), fold(b.name)) >= 85


def worth_keeping(unfinished: ContactDraft, new: ContactDraft) -> bool:
    """Whether a half-added contact should be saved as it is before a new one replaces it.

    Starting someone else must not throw away what the student typed; typing the same person
    again (to correct them) replaces the old draft instead of creating a twin.
    """
    try:
        normalize_name(unfinished.name)
    except InvalidField:
        return False
    return not _same_person(unfinished, new)


def walk_circles() -> list[Circle]:
    """The circles a brainstorm walks, in the handout's order."""
    return [c for c in circles() if c.brainstorm]


def fresh_names(names: Sequence[str], known: Iterable[str]) -> list[str]:
    """The typed names not already in the list, so repeating a name never adds a twin."""
    seen = {fold(n) for n in known}
    fresh: list[str] = []
    for name in names:
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            fresh.append(name)
    return fresh


def brainstorm_twin(name: str, saved: Iterable[Contact]) -> Contact | None:
    """Someone already saved whom a brainstormed name probably means, written differently
    ("Dr Brooks" for "Dr. Alan Brooks", "jose ortiz" for "José Ortiz"); the walk asks before
    adding a twin. Two bare first names are left alone: two Anas in two circles are common.
    """
    for contact in saved:
        if not (has_family_name(name) or has_family_name(contact.name)):
            continue
        if same_name(name, contact.name):
            return contact
    return None


def split_known(
    drafts: Sequence[ContactDraft], existing: Sequence[Contact]
) -> tuple[list[ContactDraft], list[tuple[ContactDraft, Contact]]]:
    """Imported drafts that are new, and those that look like someone already saved (with whom).

    Linear in both sides (see :class:`DuplicateIndex`), so a large file is not a quadratic job.
    """
    index = DuplicateIndex(existing)
    new: list[ContactDraft] = []
    known: list[tuple[ContactDraft, Contact]] = []
    for draft in drafts:
        twin = index.first(draft)
        if twin is not None:
            known.append((draft, twin))
        else:
            new.append(draft)
    return new, known
