"""Turning what a student types quickly on a phone into fields: a contact on one line, or a burst
of names while brainstorming."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from bot.features.contacts.domain.capitals import display_organization
from bot.features.contacts.domain.circles import match_circle
from bot.features.contacts.domain.fields import (
    _MAX_NAME,
    _URL_RE,
    InvalidField,
    fold,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_url,
)
from bot.features.contacts.domain.records import ContactDraft

_EMAIL_RE = re.compile(r"(?:mailto:)?[^\s,;<>()]+@[^\s,;<>()]+\.[^\s,;<>()]+", re.IGNORECASE)
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+\s?)?\(?\d[\d\s()./-]{5,}\d(?!\w)")
_LABEL_RE = re.compile(r"^\s*([a-z][a-z -]{1,20}?)\s*[:=]\s*(.+)$", re.IGNORECASE | re.DOTALL)
_LABELS = {
    "name": "name",
    "org": "organization",
    "organization": "organization",
    "organisation": "organization",
    "company": "organization",
    "employer": "organization",
    "role": "role",
    "title": "role",
    "job": "role",
    "position": "role",
    "field": "field",
    "industry": "field",
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "phone": "phone",
    "tel": "phone",
    "mobile": "phone",
    "cell": "phone",
    "url": "url",
    "linkedin": "url",
    "web": "url",
    "website": "url",
    "note": "notes",
    "notes": "notes",
    "circle": "circle",
    "met": "circle",
}
_PLAIN_ORDER = ("name", "organization", "role", "field")
_MAX_FIELD_WORDS = 3  # a field of work is a few words ("renewable energy policy")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


class _Line:
    """What one line has yielded so far: recognised values, their problems, the plain parts left
    for name/organization/role/field, and the circle."""

    def __init__(self, region: str | None) -> None:
        self.region = region
        self.values: dict[str, str] = {}
        self.problems: list[tuple[str, str]] = []
        self.plain: list[str] = []
        self.circle: str | None = None

    def shaped(self, key: str, raw: str) -> None:
        """Validate one email/phone/url, keeping it as typed (plus a problem) when it fails."""
        normalizers: dict[str, Callable[[str], str]] = {
            "email": normalize_email,
            "url": normalize_url,
            "phone": partial(normalize_phone, default_region=self.region),
        }
        if key in self.values:  # a second email/phone/url goes to notes rather than being dropped
            self.add_note(raw)
            return
        try:
            self.values[key] = normalizers[key](raw)
        except InvalidField as exc:
            self.values[key] = raw.strip()
            self.problems.append((exc.field, exc.reason))

    def add_note(self, *notes: str) -> None:
        self.values["notes"] = "; ".join(filter(None, [self.values.get("notes", ""), *notes]))

    def labelled(self, part: str) -> bool:
        """An "org: Acme" part, taken as its label says; False if the part has no known label."""
        match = _LABEL_RE.match(part)
        label = _LABELS.get(fold(match.group(1))) if match else None
        if match is None or label is None:
            return False
        raw = match.group(2).strip()
        if label in ("email", "phone", "url"):
            self.shaped(label, raw)
        elif label == "circle":
            known = match_circle(raw)
            self.circle = known or self.circle
            if known is None:
                self.problems.append(("circle", f"I don't know the circle {raw!r}."))
        else:
            self.values[label] = " ".join(filter(None, [self.values.get(label, ""), raw]))
        return True

    def without_shapes(self, part: str) -> str:
        """Take out every email, link and phone number recognised by shape; the rest remains."""
        for regex, key in ((_EMAIL_RE, "email"), (_URL_RE, "url")):
            for found in regex.findall(part):
                self.shaped(key, found)
            part = regex.sub(" ", part).strip()
        for found in _PHONE_RE.findall(part):
            if _digits(found) >= 7:
                self.shaped("phone", found)
                part = part.replace(found, " ")
        return " ".join(part.split())

    def unlabelled(self, part: str) -> None:
        """A part without a label: shapes first, then a mistyped email, a circle, or plain text."""
        part = self.without_shapes(part)
        if not part:
            return
        if "@" in part and " " not in part:  # a mistyped email is still an email
            self.shaped("email", part)
        elif self.circle is None and (key := match_circle(part)) is not None:
            self.circle = key
        else:
            self.plain.append(part)

    def draft(self) -> ContactDraft:
        """Plain parts fill name, organization, role and field in order; the rest are notes."""
        extra: list[str] = []
        for key, value in zip(_PLAIN_ORDER, self.plain, strict=False):
            if key == "field" and len(value.split()) > _MAX_FIELD_WORDS:
                extra.append(value)  # "met at the career fair" is a note, not a field of work
            else:
                self.values.setdefault(key, value)
        extra += self.plain[len(_PLAIN_ORDER) :]
        if extra:
            self.add_note(*extra)
        values = self.values
        try:
            values["name"] = normalize_name(values.get("name", ""))
        except InvalidField as exc:
            self.problems.append((exc.field, exc.reason))
        return ContactDraft(
            name=values.get("name", "").strip(),
            circle=self.circle,
            organization=display_organization(values.get("organization", "")),
            role=values.get("role", ""),
            field=values.get("field", ""),
            email=values.get("email", ""),
            phone=values.get("phone", ""),
            url=values.get("url", ""),
            notes=values.get("notes", ""),
            problems=tuple(self.problems),
        )


def parse_contact_line(text: str, default_region: str | None = None) -> ContactDraft:
    """Split "/add Maria Lopez, Acme Robotics, hardware engineer, maria@acme.com" into fields.

    Forgiving on purpose: parts may come in any order and be separated by commas, semicolons, "|"
    or new lines; emails, phones and links are recognised by shape wherever they are; "org: Acme"
    style labels are honoured; the remaining plain parts fill name, organization, role, field, and
    anything beyond goes to notes. Problems are reported on the draft, never raised.
    """
    body = re.sub(r"^\s*/add(?:@\w+)?\b", "", text, flags=re.IGNORECASE)
    line = _Line(default_region)
    for part in re.split(r"[,;|\n\t]+", body):
        part = part.strip(" \t-–—•*")
        if part and not line.labelled(part):
            line.unlabelled(part)
    return line.draft()


def parse_names(text: str) -> list[str]:
    """Names typed quickly during brainstorming: "Ana, Ben and Chloe" → ["Ana", "Ben", "Chloe"].

    Bullets and list numbers are stripped, empties and repeats (ignoring case) are dropped, and
    anything with no letters is ignored, so a fast, messy message still yields clean names.
    """
    names: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[,;\n]+|\s+(?:and|&|\+)\s+", text, flags=re.IGNORECASE):
        name = re.sub(r"^\s*(?:[-–—•*·]+|\d+[.)])\s*", "", part)
        name = " ".join(name.strip(" .!?\t").split())
        if not name or not any(ch.isalpha() for ch in name) or len(name) > _MAX_NAME:
            continue
        key = fold(name)
        if key not in seen:
            seen.add(key)
            names.append(name)
    return names
