"""Turning what a student types quickly on a phone into fields: a contact on one line, or a burst
of names while brainstorming."""

from __future__ import annotations

import re

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


def _with_value(
    values: dict[str, str], problems: list[tuple[str, str]], key: str, raw: str, region: str | None
) -> None:
    """Validate one recognised value, keeping it as typed (plus a problem) when it fails."""
    normalizers = {
        "email": normalize_email,
        "url": normalize_url,
        "phone": lambda v: normalize_phone(v, region),
    }
    if key in values:  # a second email/phone/url goes to notes rather than being dropped
        values["notes"] = "; ".join(filter(None, [values.get("notes", ""), raw]))
        return
    try:
        values[key] = normalizers[key](raw)
    except InvalidField as exc:
        values[key] = raw.strip()
        problems.append((exc.field, exc.reason))


def parse_contact_line(text: str, default_region: str | None = None) -> ContactDraft:
    """Split "/add Maria Lopez, Acme Robotics, hardware engineer, maria@acme.com" into fields.

    Forgiving on purpose: parts may come in any order and be separated by commas, semicolons, "|"
    or new lines; emails, phones and links are recognised by shape wherever they are; "org: Acme"
    style labels are honoured; the remaining plain parts fill name, organization, role, field, and
    anything beyond goes to notes. Problems are reported on the draft, never raised.
    """
    body = re.sub(r"^\s*/add(?:@\w+)?\b", "", text, flags=re.IGNORECASE)
    values: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    plain: list[str] = []
    circle_key: str | None = None
    for part in re.split(r"[,;|\n\t]+", body):
        part = part.strip(" \t-–—•*")
        if not part:
            continue
        labelled = _LABEL_RE.match(part)
        label = _LABELS.get(fold(labelled.group(1))) if labelled else None
        if labelled and label:
            raw = labelled.group(2).strip()
            if label in ("email", "phone", "url"):
                _with_value(values, problems, label, raw, default_region)
            elif label == "circle":
                circle_key = match_circle(raw) or circle_key
                if match_circle(raw) is None:
                    problems.append(("circle", f"I don't know the circle {raw!r}."))
            else:
                values[label] = " ".join(filter(None, [values.get(label, ""), raw]))
            continue
        for regex, key in ((_EMAIL_RE, "email"), (_URL_RE, "url")):
            for found in regex.findall(part):
                _with_value(values, problems, key, found, default_region)
            part = regex.sub(" ", part).strip()
        for found in _PHONE_RE.findall(part):
            if _digits(found) >= 7:
                _with_value(values, problems, "phone", found, default_region)
                part = part.replace(found, " ")
        part = " ".join(part.split())
        if not part:
            continue
        if "@" in part and " " not in part:  # a mistyped email is still an email
            _with_value(values, problems, "email", part, default_region)
            continue
        if circle_key is None and (key := match_circle(part)) is not None:
            circle_key = key
            continue
        plain.append(part)
    extra: list[str] = []
    for key, value in zip(_PLAIN_ORDER, plain, strict=False):
        if key == "field" and len(value.split()) > _MAX_FIELD_WORDS:
            extra.append(value)  # "met at the career fair" is a note, not a field of work
        else:
            values.setdefault(key, value)
    extra += plain[len(_PLAIN_ORDER) :]
    if extra:
        values["notes"] = "; ".join(filter(None, [values.get("notes", ""), *extra]))
    try:
        values["name"] = normalize_name(values.get("name", ""))
    except InvalidField as exc:
        problems.append((exc.field, exc.reason))
    return ContactDraft(
        name=values.get("name", "").strip(),
        circle=circle_key,
        organization=values.get("organization", ""),
        role=values.get("role", ""),
        field=values.get("field", ""),
        email=values.get("email", ""),
        phone=values.get("phone", ""),
        url=values.get("url", ""),
        notes=values.get("notes", ""),
        problems=tuple(problems),
    )


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
