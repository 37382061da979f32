"""vCard (.vcf) import and export, so a student can bring in a phone's address book or a shared card
and take their network elsewhere.

Each card is cut out of the file and parsed on its own, so one broken card (common in exports from
old phones) is reported and skipped instead of sinking the whole import. Our own fields that vCard
has no property for travel as ``X-NC-*`` extensions, which other apps keep but ignore.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import vobject  # type: ignore[import-untyped]

from bot.features.contacts.domain import (
    Contact,
    ContactDraft,
    build_draft,
    export_fields,
)
from bot.features.contacts.domain.file_fields import decode_text, name_problem
from bot.features.contacts.domain.names import split_name

# Our field -> X- property name; the standard fields are mapped by hand below.
_X_PROPS = {
    "circle": "X-NC-CIRCLE",
    "field": "X-NC-FIELD",
    "stage": "X-NC-STAGE",
    "introduced_by": "X-NC-INTRODUCED-BY",
    "introduced_by_id": "X-NC-INTRODUCED-BY-ID",
    "may_use_name": "X-NC-MAY-USE-NAME",
    "last_interaction": "X-NC-LAST-INTERACTION",
    "scheduled_for": "X-NC-SCHEDULED-FOR",
}
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)


def _decode(data: bytes) -> str:
    """UTF-8 or UTF-16 (with or without BOM), then cp1252, which old Windows/phone exports use."""
    return decode_text(data)


def _split_cards(text: str) -> list[str]:
    """The text of every BEGIN:VCARD ... END:VCARD block (an unterminated last one included)."""
    cards: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if _BEGIN.match(line):
            if current is not None:  # missing END: close it and start anew
                cards.append("\n".join(current))
            current = [line]
        elif current is not None:
            current.append(line)
            if _END.match(line):
                cards.append("\n".join(current))
                current = None
    if current is not None:
        cards.append("\n".join(current))
    return cards


def _text(value: object) -> str:
    """vobject gives str, lists (ORG units) or Name objects; flatten to display text."""
    if isinstance(value, list):
        return ", ".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def _values(card: vobject.base.Component, name: str) -> list[str]:
    return [t for t in (_text(line.value) for line in card.contents.get(name, [])) if t]


def _name(card: vobject.base.Component) -> str:
    full = _values(card, "fn")
    if full:
        return full[0]
    for line in card.contents.get("n", []):
        n = line.value
        if isinstance(n, vobject.vcard.Name):
            parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
            joined = " ".join(_text(p) for p in parts if _text(p))
            if joined:
                return joined
    return ""


def _card_to_draft(card: vobject.base.Component, default_region: str | None) -> ContactDraft:
    emails, phones, urls = _values(card, "email"), _values(card, "tel"), _values(card, "url")
    notes = _values(card, "note")
    extras = [f"Other email: {e}" for e in emails[1:]]
    extras += [f"Other phone: {p}" for p in phones[1:]]
    extras += [f"Other link: {u}" for u in urls[1:]]
    fields = {
        "name": _name(card),
        "organization": _values(card, "org")[0] if "org" in card.contents else "",
        "role": (_values(card, "title") or _values(card, "role") or [""])[0],
        "email": emails[0] if emails else "",
        "phone": phones[0] if phones else "",
        "url": urls[0] if urls else "",
        "notes": "\n".join([*notes, *extras]),
        "id": (_values(card, "uid") or [""])[0],
    }
    for key, prop in _X_PROPS.items():
        fields[key] = (_values(card, prop.lower()) or [""])[0]
    return build_draft(fields, default_region)


def parse_vcards(
    data: bytes, default_region: str | None = None, *, max_cards: int | None = None
) -> tuple[list[ContactDraft], list[str]]:
    """Every card in a .vcf (vCard 2.1, 3.0 or 4.0); problems as "card 3: no name" strings.

    Cards without a usable name are skipped with a reason; cards with a flawed email or phone are
    kept, with the flaw on ``draft.problems`` for the student to fix.
    """
    drafts: list[ContactDraft] = []
    errors: list[str] = []
    blocks = _split_cards(_decode(data))
    if not blocks:
        return [], ["no vCard found in the file (expected BEGIN:VCARD ... END:VCARD)"]
    for number, block in enumerate(blocks, 1):
        if max_cards is not None and len(drafts) >= max_cards:
            errors.append(
                f"{len(blocks) - number + 1:,} more cards not read: "
                f"at most {max_cards:,} contacts at a time"
            )
            break
        label = f"card {number}{_rough_name(block)}"
        if not _END.match(block.rsplit("\n", 1)[-1]):
            errors.append(f"{label}: cut off before its end (the file may be incomplete)")
            continue
        try:
            card = vobject.readOne(block, allowQP=True)
        except Exception as exc:  # vobject raises many unrelated types for bad input
            errors.append(f"{label}: couldn't be read{_where(exc)}")
            continue
        draft = _card_to_draft(card, default_region)
        if not draft.name:
            errors.append(f"card {number}: no name")
            continue
        problem = name_problem(draft.name)
        if problem is not None:
            errors.append(f"{label}: {problem}")
            continue
        drafts.append(draft)
    return drafts, errors


_FN = re.compile(r"^FN(?:;[^:]*)?:(.+)$", re.IGNORECASE | re.MULTILINE)
_LINE_NO = re.compile(r"line (\d+)", re.IGNORECASE)


def _rough_name(block: str) -> str:
    """The FN of a card that won't parse, so the student knows whom to add by hand."""
    found = _FN.search(block)
    name = " ".join(found.group(1).split())[:40] if found else ""
    return f" ({name})" if name else ""


def _where(exc: Exception) -> str:
    """Where a card broke, in plain words; the parser's own message is jargon."""
    found = _LINE_NO.search(str(exc))
    return f" — line {found.group(1)} is garbled" if found else ""


#: Answers to /draft's "how should a formal message address them?" that are not a title.
_NOT_A_TITLE = ("", "first name", "not sure")


def _split_name(name: str, salutation: str = "") -> vobject.vcard.Name:
    """The N property (Family;Given;Additional;Prefix;Suffix) from one display name; FN keeps
    the exact name. Titles go to Prefix ("Dr. Alan Brooks" is ``Brooks;Alan;;Dr.;``), and a
    relation the student calls them by stays in FN only ("Aunt Lakshmi" is ``;Lakshmi;;;``):
    phones sort and greet by N, and "Aunt" or "Dr." is nobody's given name. A title the student
    chose in /draft ("Dr." for Omar Haddad) fills an empty Prefix."""
    parts = split_name(name)
    if not (parts.given or parts.family):
        return vobject.vcard.Name(given=name)
    return vobject.vcard.Name(
        family=parts.family,
        given=parts.given,
        additional=parts.additional,
        prefix=parts.prefix or ("" if salutation in _NOT_A_TITLE else salutation),
        suffix=parts.suffix,
    )


def to_vcards(contacts: Iterable[Contact]) -> str:
    """A vCard 3.0 file of the contacts, with our extra fields as X-NC-* properties."""
    items = list(contacts)
    by_id = {c.id: c for c in items}
    out: list[str] = []
    for contact in items:
        fields = export_fields(contact, by_id)
        card = vobject.vCard()
        card.add("fn").value = contact.name
        card.add("n").value = _split_name(contact.name, contact.salutation)
        card.add("uid").value = contact.id
        if contact.organization:
            card.add("org").value = [contact.organization]
        if contact.role:
            card.add("title").value = contact.role
        for prop, value, kind in (
            ("email", contact.email, "INTERNET"),
            ("tel", contact.phone, "CELL"),
            ("url", contact.url, None),
        ):
            if value:
                line = card.add(prop)
                line.value = value
                if kind:
                    line.type_param = kind
        if contact.notes:
            card.add("note").value = contact.notes
        for key, prop in _X_PROPS.items():
            if fields[key]:
                card.add(prop.lower()).value = fields[key]
        out.append(card.serialize())
    return "".join(out)
