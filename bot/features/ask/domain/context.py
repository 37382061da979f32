"""Which of the student's contacts a question is about, and what Claude is told of them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

MAX_CONTACTS = 3
_WORD = re.compile(r"[^\W\d_][\w'-]+", re.UNICODE)


class ContactLike(Protocol):
    """The fields of a contact the coach may mention."""

    @property
    def name(self) -> str: ...
    @property
    def organization(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def notes(self) -> str: ...


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 3}


def mentioned(question: str, contacts: Sequence[ContactLike]) -> list[ContactLike]:
    """Contacts whose name (first, last or full) or organization appears in the question."""
    asked = _words(question)
    scored = []
    for index, contact in enumerate(contacts):
        hits = len(_words(contact.name) & asked) * 2 + len(_words(contact.organization) & asked)
        if hits:
            scored.append((-hits, index, contact))
    return [c for _, _, c in sorted(scored, key=lambda s: (s[0], s[1]))[:MAX_CONTACTS]]


def contact_data(contact: ContactLike) -> dict[str, Any]:
    """What Claude sees of a contact: the facts, never phone numbers or emails."""
    data = {
        "name": contact.name,
        "organization": contact.organization,
        "role": contact.role,
        "field": contact.field,
        "notes": contact.notes[:400],
        "stage": str(getattr(getattr(contact, "stage", None), "value", "") or ""),
    }
    return {k: v for k, v in data.items() if v}
