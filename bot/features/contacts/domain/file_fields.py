"""The flat text fields CSV columns and vCard properties both carry, so the two formats
round-trip through one mapping instead of two that could drift apart."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from bot.features.contacts.domain.circles import match_circle
from bot.features.contacts.domain.fields import (
    MAX_TEXT,
    InvalidField,
    clean_text,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_url,
)
from bot.features.contacts.domain.records import (
    TEXT_FIELDS,
    Contact,
    ContactDraft,
    Stage,
    _dt,
    _iso,
)

EXPORT_FIELDS = (
    "name",
    "circle",
    "organization",
    "role",
    "field",
    "email",
    "phone",
    "url",
    "notes",
    "stage",
    "introduced_by",
    "may_use_name",
    "last_interaction",
    "scheduled_for",
    "id",
    "introduced_by_id",
)


def export_fields(contact: Contact, by_id: Mapping[str, Contact]) -> dict[str, str]:
    """The contact as flat strings; the introducer travels by id and by name (ids may not)."""
    introducer = by_id.get(contact.introduced_by) if contact.introduced_by else None
    may = {True: "yes", False: "no", None: ""}[contact.may_use_name]
    return {
        **{name: getattr(contact, name) for name in TEXT_FIELDS},
        "circle": contact.circle or "",
        "stage": contact.stage.value,
        "introduced_by": introducer.name if introducer else "",
        "introduced_by_id": contact.introduced_by or "",
        "may_use_name": may,
        "last_interaction": _iso(contact.last_interaction) or "",
        "scheduled_for": _iso(contact.scheduled_for) or "",
        "id": contact.id,
    }


def name_problem(name: str) -> str | None:
    """Why an imported name can't be saved (the row is then listed and skipped), or None."""
    try:
        normalize_name(name)
    except InvalidField as exc:
        return exc.reason
    return None


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Text from a contacts file in whatever encoding a phone or spreadsheet saved it.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without one (Excel's "Unicode
    text") shows as a NUL in every other byte; then UTF-8, then cp1252 (old Windows exports).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    head = data[:2000]
    if len(head) >= 4 and head.count(0) >= len(head) // 4:
        odd_nuls = head[1::2].count(0)
        even_nuls = head[0::2].count(0)
        encoding = "utf-16-le" if odd_nuls >= even_nuls else "utf-16-be"
        return data.decode(encoding, errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def build_draft(values: Mapping[str, str], default_region: str | None = None) -> ContactDraft:
    """A draft from imported text fields (inverse of ``export_fields``), forgiving but honest:
    a value that fails validation is kept as typed and listed in ``problems``."""
    v = {k: clean_text(val or "").strip() for k, val in values.items()}
    problems: list[tuple[str, str]] = []
    for key, limit in MAX_TEXT.items():
        if len(v.get(key, "")) > limit:
            v[key] = v[key][:limit].rstrip()
            problems.append((key, f"Shortened to its first {limit} characters."))
    checked: dict[str, str] = {}
    for key, check in (
        ("email", normalize_email),
        ("url", normalize_url),
        ("phone", lambda t: normalize_phone(t, default_region)),
    ):
        checked[key] = v.get(key, "")
        if checked[key]:
            try:
                checked[key] = check(checked[key])
            except InvalidField as exc:
                problems.append((exc.field, exc.reason))
    circle_key = match_circle(v.get("circle", ""))
    if v.get("circle") and circle_key is None:
        problems.append(("circle", f"Unknown circle {v['circle']!r}; left empty."))
    stage = Stage.parse(v["stage"]) if v.get("stage") else None
    if v.get("stage") and stage is None:
        problems.append(("stage", f"Unknown stage {v['stage']!r}; set to To contact."))
    dates: dict[str, datetime | None] = {}
    for key in ("last_interaction", "scheduled_for"):
        try:
            when = _dt(v.get(key))
        except ValueError:
            when = None
            problems.append((key, f"{v[key]!r} is not a date like 2025-03-14."))
        dates[key] = when.replace(tzinfo=UTC) if when and when.tzinfo is None else when
    may = v.get("may_use_name", "").casefold()
    return ContactDraft(
        name=" ".join(v.get("name", "").split()),
        circle=circle_key,
        organization=v.get("organization", ""),
        role=v.get("role", ""),
        field=v.get("field", ""),
        notes=v.get("notes", ""),
        **checked,
        introduced_by=v.get("introduced_by_id") or None,
        introduced_by_name=v.get("introduced_by", ""),
        may_use_name=True if may in _YES else False if may in _NO else None,
        stage=stage,
        last_interaction=dates["last_interaction"],
        scheduled_for=dates["scheduled_for"],
        source_id=v.get("id") or None,
        problems=tuple(problems),
    )
