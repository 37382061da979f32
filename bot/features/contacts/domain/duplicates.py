"""Spotting the same person twice (same email or phone, or a very similar name at the same
organization) and merging the two records without losing anything."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from rapidfuzz import fuzz

from bot.features.contacts.domain.fields import fold
from bot.features.contacts.domain.names import name_words, names_alike
from bot.features.contacts.domain.records import (
    _STAGE_RANK,
    LOG_MERGED,
    Contact,
    ContactDraft,
    LogEntry,
    Stage,
    _latest,
)


def _phone_key(phone: str) -> str:
    return re.sub(r"\D", "", phone)


Person = Contact | ContactDraft


def _differs(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a != b


def find_duplicates(candidate: Person, existing: Iterable[Contact]) -> list[Contact]:
    """Contacts that are probably the same person as ``candidate``.

    Same email (any case) or same phone is decisive. A very similar name (or the same person
    written differently: "Dr Brooks" for "Dr. Alan Brooks", see :func:`names_alike`) counts only
    at the same organization (or when one side has none), and never when both sides carry a
    different email or phone — two people called "Maria L." at a big employer are common, so we
    err toward asking.
    """
    cand_id = candidate.id if isinstance(candidate, Contact) else None
    email = candidate.email.casefold()
    phone = _phone_key(candidate.phone)
    name = fold(candidate.name)
    org = fold(candidate.organization)
    found: list[Contact] = []
    for other in existing:
        if other.id == cand_id:
            continue
        o_email, o_phone = other.email.casefold(), _phone_key(other.phone)
        if (email and email == o_email) or (len(phone) >= 7 and phone == o_phone):
            found.append(other)
            continue
        if not name or _differs(email, o_email) or _differs(phone, o_phone):
            continue
        o_org = fold(other.organization)
        if org and o_org and fuzz.ratio(org, o_org) < 90:
            continue
        if names_alike(candidate.name, other.name):
            found.append(other)
    return found


_BLOCK = 4  # names that look alike share the first letters of at least one word


def _blocks(name: str) -> set[str]:
    return {word[:_BLOCK] for word in name_words(name) if len(word) >= 2}


class DuplicateIndex:
    """:func:`find_duplicates` against many candidates at once, in time linear in both sides.

    Comparing every imported row with every saved contact is O(n*m): a 100,000-row file against
    a large list took minutes. Email and phone are looked up in a dict; a name is compared only
    with saved names that share the first letters of a word (a 90% match always does, bar a typo
    in the first letters of every word), so each row meets a handful of contacts, not all.
    """

    def __init__(self, existing: Iterable[Contact]) -> None:
        self._contacts = list(existing)
        self._by_email: dict[str, int] = {}
        self._by_phone: dict[str, int] = {}
        self._by_block: dict[str, list[int]] = {}
        for i, contact in enumerate(self._contacts):
            if contact.email:
                self._by_email.setdefault(contact.email.casefold(), i)
            phone = _phone_key(contact.phone)
            if len(phone) >= 7:
                self._by_phone.setdefault(phone, i)
            for block in _blocks(contact.name):
                self._by_block.setdefault(block, []).append(i)

    def first(self, candidate: Person) -> Contact | None:
        """The first saved contact that is probably ``candidate`` (as ``find_duplicates``)."""
        hits: set[int] = set()
        email = candidate.email.casefold()
        if email and email in self._by_email:
            hits.add(self._by_email[email])
        phone = _phone_key(candidate.phone)
        if len(phone) >= 7 and phone in self._by_phone:
            hits.add(self._by_phone[phone])
        for block in _blocks(candidate.name):
            hits.update(self._by_block.get(block, ()))
        if not hits:
            return None
        found = find_duplicates(candidate, (self._contacts[i] for i in sorted(hits)))
        return found[0] if found else None


def merge(a: Contact, b: Person, now: datetime | None = None) -> Contact:
    """Combine two records of one person, keeping ``a``'s id and filling its gaps from ``b``.

    Nothing is lost: differing notes are joined, logs are interleaved by date, the further-along
    stage wins, and a "merged" entry records what happened.
    """
    filled = {
        name: getattr(a, name) or getattr(b, name)
        for name in ("organization", "role", "field", "email", "phone", "url")
    }
    notes = a.notes
    if b.notes and b.notes not in notes:
        notes = "\n".join(filter(None, [notes, b.notes]))
    b_log = b.log if isinstance(b, Contact) else ()
    b_stage = b.stage or Stage.TO_CONTACT
    stage = a.stage if _STAGE_RANK[a.stage] >= _STAGE_RANK[b_stage] else b_stage
    b_updated = b.updated_at if isinstance(b, Contact) else a.updated_at
    at = now or max(a.updated_at, b_updated)
    intro = a.introduced_by or b.introduced_by
    b_id = b.id if isinstance(b, Contact) else None
    return replace(
        a,
        **filled,
        notes=notes,
        circle=a.circle or b.circle,
        introduced_by=None if intro in (a.id, b_id) else intro,
        may_use_name=a.may_use_name if a.may_use_name is not None else b.may_use_name,
        salutation=a.salutation or (b.salutation if isinstance(b, Contact) else ""),
        stage=stage,
        last_interaction=_latest(a.last_interaction, b.last_interaction),
        scheduled_for=a.scheduled_for or b.scheduled_for,
        created_at=min(a.created_at, b.created_at) if isinstance(b, Contact) else a.created_at,
        updated_at=at,
        log=(
            *sorted((*a.log, *b_log), key=lambda e: e.at),
            LogEntry(at, LOG_MERGED, f"Merged with {b.name}"),
        ),
    )


def duplicate_reason(candidate: Person, other: Contact) -> str:
    """Why ``other`` looks like the same person: "email", "phone" or "name" (for the message)."""
    email = candidate.email.casefold()
    if email and email == other.email.casefold():
        return "email"
    phone = _phone_key(candidate.phone)
    if len(phone) >= 7 and phone == _phone_key(other.phone):
        return "phone"
    return "name"
