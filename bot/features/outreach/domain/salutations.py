"""How a message addresses the person: the greeting line every draft opens with.

A formal letter says "Dear Dr. Haddad,", never "Dear Omar Haddad," (a mail merge) and never a
guessed "Mr." or "Ms.": a title is a fact about the person that only the student can know. So
when a formal draft is wanted and neither the contact's name ("Dr. Alan Brooks") nor an earlier
answer tells us, the coach asks once and keeps the answer on the contact (``Contact.salutation``),
and every later draft to them, in any tone, addresses them the same way.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.features.contacts.domain.names import split_name
from bot.features.outreach.domain.introductions import titled
from bot.features.outreach.domain.tone import Tone


class Salutation(StrEnum):
    """The student's answer to "how should a formal letter address them?", as stored."""

    DR = "Dr."
    PROF = "Prof."
    MR = "Mr."
    MS = "Ms."
    MRS = "Mrs."  # typed only: the buttons offer Ms., the safe business form
    MX = "Mx."
    FIRST_NAME = "first name"
    NOT_SURE = "not sure"

    @property
    def is_title(self) -> bool:
        """A title goes before the family name ("Dr. Haddad")."""
        return self not in (Salutation.FIRST_NAME, Salutation.NOT_SURE)


#: The choices offered as buttons, in the order a careful counselor would list them.
OFFERED = (
    Salutation.DR,
    Salutation.PROF,
    Salutation.MR,
    Salutation.MS,
    Salutation.MX,
    Salutation.FIRST_NAME,
    Salutation.NOT_SURE,
)

_TYPED = {
    "dr": Salutation.DR,
    "doctor": Salutation.DR,
    "prof": Salutation.PROF,
    "professor": Salutation.PROF,
    "mr": Salutation.MR,
    "mister": Salutation.MR,
    "ms": Salutation.MS,
    "miss": Salutation.MS,
    "mrs": Salutation.MRS,
    "mx": Salutation.MX,
    "first": Salutation.FIRST_NAME,
    "first name": Salutation.FIRST_NAME,
    "their first name": Salutation.FIRST_NAME,
    "use their first name": Salutation.FIRST_NAME,
    "first name basis": Salutation.FIRST_NAME,
    "not sure": Salutation.NOT_SURE,
    "unsure": Salutation.NOT_SURE,
    "no idea": Salutation.NOT_SURE,
    "i don't know": Salutation.NOT_SURE,
    "i dont know": Salutation.NOT_SURE,
    "don't know": Salutation.NOT_SURE,
    "dont know": Salutation.NOT_SURE,
    "dunno": Salutation.NOT_SURE,
}


def stored_salutation(value: str | None) -> Salutation | None:
    """The stored answer, or None when the student was never asked (or it is unreadable)."""
    try:
        return Salutation(value) if value else None
    except ValueError:
        return None


def typed_salutation(text: str) -> Salutation | None:
    """What the student typed instead of tapping ("dr", "Professor", "not sure"), or None."""
    key = re.sub(r"[.!?,]", "", " ".join(text.lower().replace("’", "'").split())).strip()
    return _TYPED.get(key)


def needs_asking(contact_name: str, stored: str | None) -> bool:
    """Whether a formal draft must first ask how to address the person: no title in the name
    and no answer kept from before. A contact known by one name only is never asked: a title
    needs a family name after it ("Dr. Omar" is not a form anyone would sign)."""
    return (
        not titled(contact_name)
        and _has_family_name(contact_name)
        and stored_salutation(stored) is None
    )


def _has_family_name(name: str) -> bool:
    """A title needs a family name after it; "Aunt Rosa" has none to put it before."""
    parts = split_name(name)
    return bool(parts.family) and not parts.relation


def _family_name(name: str) -> str:
    return split_name(name).family or name.strip()


def addressed_as(contact_name: str, stored: str | None, first_name: str) -> str:
    """The name every greeting uses: "Dr. Haddad" once a title is known, else their first name.

    ``first_name`` is the caller's reading of the name ("Dr. Brooks" for "Dr. Alan Brooks").
    """
    chosen = stored_salutation(stored)
    if (
        chosen is not None
        and chosen.is_title
        and not titled(contact_name)
        and _has_family_name(contact_name)
    ):
        return f"{chosen.value} {_family_name(contact_name)}"
    return first_name


def greeting(contact_name: str, addressed: str, stored: str | None, tone: Tone) -> str:
    """The greeting line ("Dear Dr. Haddad,"), the one place the rule lives for every draft.

    Formal with a title: "Dear Dr. Haddad,". Formal on first-name terms: "Dear Omar,". Formal
    with the title unknown ("not sure"): "Hello Omar Haddad," — respectful, with no guessed title
    or gender, and without "Dear" before a full name, which reads as a mail merge.
    """
    chosen = stored_salutation(stored)
    if tone.formal:
        if not _has_family_name(contact_name):
            return f"Dear {addressed},"  # known by one name: no title can go before it
        if titled(contact_name) or (chosen is not None and chosen.is_title):
            return f"Dear {addressed},"
        if chosen is Salutation.FIRST_NAME:
            return f"Dear {addressed},"
        return f"Hello {contact_name},"
    if tone.warmer:
        return f"Hi {addressed},"
    return f"Hello {addressed},"


def formal_form(contact_name: str, addressed: str, stored: str | None) -> str:
    """What "Dear …" reads for this person, to show the student what was kept."""
    return greeting(contact_name, addressed, stored, Tone(formal=True))


# The whole first line, when it is a greeting ending in a comma: "Hello Alan Brooks, PhD," is one
# greeting, and "Hi there! I'm Maya Chen, a senior…" is not one at all.
_GREETING = re.compile(
    r"\A\s*(?:hi|hello|hey|dear|good\s+\w+)\b[^\n!?]{0,80},[ \t]*(?=\n|\Z)", re.IGNORECASE
)


def with_greeting(body: str, line: str) -> str:
    """``body`` opening with ``line`` instead of whatever greeting it had (a model may guess a
    title, or write "Dear Omar Haddad,"); a body without a greeting is left as it is."""
    return _GREETING.sub(lambda _: line, body, count=1)


def opens_with(body: str, line: str) -> bool:
    """Whether ``body`` starts with exactly the greeting ``line``."""
    return body.lstrip().startswith(line)
