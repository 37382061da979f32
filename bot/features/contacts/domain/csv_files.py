"""CSV import and export: the format students open in a spreadsheet, and what LinkedIn and Google
Contacts hand out, so headers from those exports are understood too."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from bot.features.contacts.domain import (
    EXPORT_FIELDS,
    Contact,
    ContactDraft,
    build_draft,
    export_fields,
)
from bot.features.contacts.domain.fields import FORMULA_START
from bot.features.contacts.domain.file_fields import decode_text, name_problem

# Header (folded: lower-case, no spaces/underscores/dashes) -> our field.
_ALIASES = {
    "fullname": "name",
    "displayname": "name",
    "contact": "name",
    "company": "organization",
    "org": "organization",
    "organisation": "organization",
    "organizationname": "organization",
    "employer": "organization",
    "title": "role",
    "jobtitle": "role",
    "position": "role",
    "organizationtitle": "role",
    "industry": "field",
    "emailaddress": "email",
    "email1value": "email",
    "e-mail": "email",
    "mobile": "phone",
    "phonenumber": "phone",
    "phone1value": "phone",
    "telephone": "phone",
    "linkedin": "url",
    "website": "url",
    "profileurl": "url",
    "note": "notes",
    "howweknow": "circle",
    "introducedbyid": "introduced_by_id",
    "organization1name": "organization",  # Google Contacts
    "organization1title": "role",
    "webpage": "url",  # Outlook
    "website1value": "url",
}
# Phone and email columns come in many spellings ("Mobile Phone", "Business Phone", "E-mail 2
# Address", "Phone 2 - Value"); the first non-empty one wins. Type/label columns ("E-mail 1 -
# Type") and "Phonetic Name" must not match.
_PHONE_RE = re.compile(
    r"(?:mobile|cell|home|work|business|primary|other|main)?(?:phone|telephone|mobile|cell)"
    r"(?:number)?\d*(?:value)?"
)
_EMAIL_RE = re.compile(r"(?:work|home|other|primary)?e?mail\d*(?:address)?\d*(?:value)?")
_FIRST = {"firstname", "givenname"}
_LAST = {"lastname", "familyname", "surname"}


def _key(header: str) -> str:
    return "".join(ch for ch in header.casefold() if ch.isalnum())


_OWN = {_key(f): f for f in EXPORT_FIELDS}


def _column(header: str) -> str | None:
    key = _key(header)
    if key in _OWN:
        return _OWN[key]
    if key in _FIRST or key in _LAST:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    if _PHONE_RE.fullmatch(key):
        return "phone"
    if _EMAIL_RE.fullmatch(key):
        return "email"
    return None


def to_csv(contacts: Iterable[Contact]) -> str:
    """Every contact as one row with our column names (what ``from_csv`` reads back)."""
    items = list(contacts)
    by_id = {c.id: c for c in items}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for contact in items:
        writer.writerow({k: _safe_cell(v) for k, v in export_fields(contact, by_id).items()})
    return buffer.getvalue()


def decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel adds), UTF-16 ("Unicode text"), else cp1252."""
    return decode_text(data)


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula (``=HYPERLINK(...)``,
    ``+cmd|...``) gets a leading apostrophe, the spreadsheet's own "this is text" mark."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _unsafe_cell(value: str) -> str:
    """What :func:`_safe_cell` protected, read back from our own export."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _delimiter(line: str) -> str:
    """Excel in many European locales saves CSV with ";" (and some tools with tabs)."""
    return max((",", ";", "\t"), key=line.count) if line else ","


def from_csv(
    text: str, default_region: str | None = None, *, max_rows: int | None = None
) -> tuple[list[ContactDraft], list[str]]:
    """Drafts from CSV text; rows without a name are reported ("row 4: no name", the
    spreadsheet's own row number) and skipped. Past ``max_rows`` contacts the rest is only
    counted, so a huge file costs what the student may keep, not its whole length.

    The header row is found even after preamble lines (LinkedIn puts notes above it), a separate
    first/last name pair is joined, and "," ";" or tab separators are all understood.
    """
    lines = text.lstrip("\ufeff").splitlines()
    start = next(
        (i for i, line in enumerate(lines[:20]) if _has_name_column(line)),
        None,
    )
    if start is None:
        return [], ["no header row with a name column (e.g. name, or First Name + Last Name)"]
    reader = csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=_delimiter(lines[start]))
    header = [_column(h) for h in next(reader)]
    drafts: list[ContactDraft] = []
    errors: list[str] = []
    # Numbered as the spreadsheet numbers them (its header row is 1, after any preamble rows),
    # so "row 7" is the row the student scrolls to.
    for number, row in enumerate(reader, start + 2):
        if not any(cell.strip() for cell in row):
            continue
        if max_rows is not None and len(drafts) >= max_rows:
            rest = 1 + sum(1 for r in reader if any(c.strip() for c in r))
            errors.append(not_read(rest, max_rows, "row"))
            break
        values: dict[str, str] = {}
        for column, cell in zip(header, row, strict=False):
            if column and cell.strip() and not values.get(column):
                values[column] = _unsafe_cell(cell)
        if not values.get("name"):
            first, last = values.get("firstname", ""), values.get("lastname", "")
            values["name"] = f"{first} {last}".strip()
        draft = build_draft(values, default_region)
        if not draft.name:
            errors.append(f"row {number}: no name")
            continue
        problem = name_problem(draft.name)
        if problem is not None:  # one bad row is listed and skipped, never the whole file
            errors.append(f"row {number}: {problem}")
            continue
        drafts.append(draft)
    return drafts, errors


def not_read(rest: int, limit: int, unit: str) -> str:
    """The report line for what a capped import did not read."""
    return f"{rest:,} more {unit}s not read: at most {limit:,} contacts at a time"


def _has_name_column(line: str) -> bool:
    try:
        headers = next(csv.reader([line], delimiter=_delimiter(line)))
    except (csv.Error, StopIteration):
        return False
    columns = {_column(h) for h in headers}
    return "name" in columns or "firstname" in columns
