"""The student's contact network: records, parsing, validation, duplicates, search and attention.

Everything here is pure (no I/O besides reading the shipped ``data/circles.json`` once, no clock):
handlers and the repository pass the time in, so the same rules run in tests, the benchmark and the
bot. The circles and the stages follow the career-center handout: you know more people than you
think (family, friends, roommates ... your religious community), you ask them for informational
interviews, you thank them and keep in touch, and you ask each one who else you should talk to.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz, process

from bot.resources import resource_dir

# --------------------------------------------------------------------------- circles


@dataclass(frozen=True, slots=True)
class Circle:
    """One place the student knows people from; ``brainstorm`` is None when it isn't walked."""

    key: str
    label: str
    brainstorm: str | None
    aliases: tuple[str, ...] = ()


class CirclesFileError(ValueError):
    """``data/circles.json`` is malformed; raised at start-up so a bad edit never ships quietly."""


_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,23}$")
NO_CIRCLE = ""  # count_by_circle key for contacts whose circle is unknown (e.g. imported cards)


def load_circles(raw: Any) -> list[Circle]:
    """Validate the parsed JSON; every problem names the entry so the fix is obvious."""
    if not isinstance(raw, dict) or not isinstance(raw.get("circles"), list) or not raw["circles"]:
        raise CirclesFileError('circles.json: expected {"circles": [...]} with entries')
    result: list[Circle] = []
    seen: set[str] = set()
    for i, item in enumerate(raw["circles"], 1):
        where = f"circles.json entry {i}"
        if not isinstance(item, dict):
            raise CirclesFileError(f"{where}: expected an object")
        key, label, question = item.get("key"), item.get("label"), item.get("brainstorm")
        aliases = item.get("aliases", [])
        if not isinstance(key, str) or not _KEY_RE.match(key):
            raise CirclesFileError(f"{where}: key must be short snake_case, got {key!r}")
        if key in seen:
            raise CirclesFileError(f"{where}: duplicate key {key!r}")
        if not isinstance(label, str) or not 0 < len(label) <= 32:
            raise CirclesFileError(f"{where} ({key}): label must be 1-32 characters")
        if question is not None and (not isinstance(question, str) or not question.strip()):
            raise CirclesFileError(f"{where} ({key}): brainstorm must be a question or null")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise CirclesFileError(f"{where} ({key}): aliases must be a list of strings")
        seen.add(key)
        result.append(Circle(key, label, question, tuple(aliases)))
    return result


@cache
def circles() -> list[Circle]:
    """The circles in brainstorm order, loaded once (treat the list as read-only)."""
    path = resource_dir("data") / "circles.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CirclesFileError(f"cannot read {path}: {exc}") from exc
    return load_circles(raw)


@cache
def _circle_map() -> dict[str, Circle]:
    return {c.key: c for c in circles()}


def circle(key: str) -> Circle:
    """The circle with this key; KeyError names the unknown key."""
    try:
        return _circle_map()[key]
    except KeyError:
        raise KeyError(f"unknown circle {key!r}") from None


@cache
def _circle_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for c in circles():
        label_text = re.sub(r"^[^\w]+", "", c.label)
        for word in (c.key, label_text, *c.aliases):
            words.setdefault(fold(word), c.key)
    return words


def match_circle(text: str) -> str | None:
    """The circle key a word like "Alumni", "coworker" or "👪 Family" means, else None."""
    return _circle_words().get(fold(text)) if text.strip() else None


# --------------------------------------------------------------------------- stages and log


class Stage(StrEnum):
    """Where a contact is on the informational-interview path from the handout."""

    TO_CONTACT = "to_contact"
    REQUEST_SENT = "request_sent"
    SCHEDULED = "scheduled"
    INTERVIEWED = "interviewed"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping_in_touch"
    DECLINED = "declined"
    NO_REPLY = "no_reply"

    @property
    def label(self) -> str:
        """Human text for buttons and cards."""
        return _STAGE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Stage | None:
        """Accept a value ("request_sent") or a label ("Request sent"); None when unknown."""
        wanted = fold(text).replace(" ", "_")
        for stage in cls:
            if wanted in (stage.value, fold(stage.label).replace(" ", "_")):
                return stage
        return None


_STAGE_LABELS = {
    Stage.TO_CONTACT: "To contact",
    Stage.REQUEST_SENT: "Request sent",
    Stage.SCHEDULED: "Scheduled",
    Stage.INTERVIEWED: "Interviewed",
    Stage.THANKED: "Thanked",
    Stage.KEEPING_IN_TOUCH: "Keeping in touch",
    Stage.DECLINED: "Declined",
    Stage.NO_REPLY: "No reply",
}

# Stages reached by actually hearing from / talking to the person, so they move last_interaction.
_TOUCH_STAGES = frozenset(set(Stage) - {Stage.TO_CONTACT, Stage.NO_REPLY})

LOG_CREATED = "created"
LOG_STAGE = "stage"
LOG_INTERACTION = "interaction"
LOG_INTRO_ASK = "intro_ask"
LOG_MERGED = "merged"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One dated event on a contact; the log is how the student sees the relationship's story."""

    at: datetime
    kind: str
    text: str

    def to_record(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {"at": self.at.isoformat(), "kind": self.kind, "text": self.text}

    @classmethod
    def from_record(cls, d: Mapping[str, Any]) -> LogEntry:
        """Inverse of ``to_record``."""
        return cls(at=datetime.fromisoformat(d["at"]), kind=d["kind"], text=d.get("text", ""))


# --------------------------------------------------------------------------- records

_TEXT_FIELDS = ("name", "organization", "role", "field", "email", "phone", "url", "notes")


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """What parsing or importing yields before it is saved; may be incomplete or flawed.

    ``problems`` lists (field, reason) pairs the student should see before confirming; a value that
    failed validation is kept as typed so nothing they wrote is lost. ``introduced_by`` is an id in
    the source's namespace (the user's account, or ``source_id``s of the same import batch), with
    ``introduced_by_name`` as a fallback when ids don't travel.
    """

    name: str = ""
    circle: str | None = None
    organization: str = ""
    role: str = ""
    field: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    notes: str = ""
    introduced_by: str | None = None
    introduced_by_name: str = ""
    may_use_name: bool | None = None
    stage: Stage | None = None
    last_interaction: datetime | None = None
    scheduled_for: datetime | None = None
    source_id: str | None = None
    problems: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Contact:
    """A person in the student's network (ids are short strings assigned by the store)."""

    id: str
    name: str
    created_at: datetime
    updated_at: datetime
    circle: str | None = None
    organization: str = ""
    role: str = ""
    field: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    notes: str = ""
    introduced_by: str | None = None
    may_use_name: bool | None = None
    stage: Stage = Stage.TO_CONTACT
    last_interaction: datetime | None = None
    scheduled_for: datetime | None = None
    log: tuple[LogEntry, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """JSON-safe form for the store."""
        rec: dict[str, Any] = {name: getattr(self, name) for name in ("id", *_TEXT_FIELDS)}
        rec.update(
            circle=self.circle,
            introduced_by=self.introduced_by,
            may_use_name=self.may_use_name,
            stage=self.stage.value,
            last_interaction=_iso(self.last_interaction),
            scheduled_for=_iso(self.scheduled_for),
            created_at=self.created_at.isoformat(),
            updated_at=self.updated_at.isoformat(),
            log=[e.to_record() for e in self.log],
        )
        return rec

    @classmethod
    def from_record(cls, d: Mapping[str, Any]) -> Contact:
        """Inverse of ``to_record``; tolerant of fields added later (they take defaults)."""
        return cls(
            id=str(d["id"]),
            name=d["name"],
            created_at=datetime.fromisoformat(d["created_at"]),
            updated_at=datetime.fromisoformat(d["updated_at"]),
            circle=d.get("circle"),
            organization=d.get("organization", ""),
            role=d.get("role", ""),
            field=d.get("field", ""),
            email=d.get("email", ""),
            phone=d.get("phone", ""),
            url=d.get("url", ""),
            notes=d.get("notes", ""),
            introduced_by=d.get("introduced_by"),
            may_use_name=d.get("may_use_name"),
            stage=Stage(d.get("stage", Stage.TO_CONTACT.value)),
            last_interaction=_dt(d.get("last_interaction")),
            scheduled_for=_dt(d.get("scheduled_for")),
            log=tuple(LogEntry.from_record(e) for e in d.get("log", ())),
        )


def new_contact(draft: ContactDraft, contact_id: str, at: datetime) -> Contact:
    """Turn a confirmed draft into a Contact, with the "created" entry that starts its log."""
    name = normalize_name(draft.name)
    stage = draft.stage or Stage.TO_CONTACT
    text = "Added" if draft.stage is None else f"Added ({stage.label})"
    return Contact(
        id=contact_id,
        name=name,
        created_at=at,
        updated_at=at,
        circle=draft.circle,
        organization=draft.organization.strip(),
        role=draft.role.strip(),
        field=draft.field.strip(),
        email=draft.email.strip(),
        phone=draft.phone.strip(),
        url=draft.url.strip(),
        notes=draft.notes.strip(),
        introduced_by=draft.introduced_by,
        may_use_name=draft.may_use_name,
        stage=stage,
        last_interaction=draft.last_interaction,
        scheduled_for=draft.scheduled_for,
        log=(LogEntry(at, LOG_CREATED, text),),
    )


# --------------------------------------------------------------------------- validation


class InvalidField(ValueError):
    """A value the student typed can't be used; ``reason`` is written for them to read."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


_MAX_NAME = 100


def normalize_name(text: str) -> str:
    """Trim and collapse spaces; refuse empty, over-long, or obviously-not-a-name values."""
    name = " ".join(text.split())
    if not name:
        raise InvalidField("name", "Please give a name — even a first name is enough.")
    if len(name) > _MAX_NAME:
        raise InvalidField("name", f"That name is over {_MAX_NAME} characters; please shorten it.")
    if not any(ch.isalpha() for ch in name):
        raise InvalidField("name", "A name needs at least one letter.")
    if "@" in name or _URL_RE.fullmatch(name):
        raise InvalidField("name", "That looks like an email or a web address, not a name.")
    return name


def normalize_email(text: str) -> str:
    """Check syntax (no network lookups) and return the normalized address."""
    value = text.strip().removeprefix("mailto:")
    if not value:
        raise InvalidField("email", "The email address is empty.")
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidField("email", str(exc)) from None


def normalize_phone(text: str, default_region: str | None = None) -> str:
    """Return the number in E.164 (+14085550100), the one form that compares and dials reliably.

    Without a ``default_region`` (two-letter country code such as "US") a local number is ambiguous,
    so the student is asked for the +country code instead of us guessing.
    """
    value = text.strip().removeprefix("tel:")
    if not value:
        raise InvalidField("phone", "The phone number is empty.")
    if not value.startswith("+") and value.startswith("00"):
        value = "+" + value[2:]
    if not value.startswith("+") and default_region is None:
        raise InvalidField(
            "phone", "Please include the country code, starting with + (e.g. +1 408 555 0100)."
        )
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        raise InvalidField("phone", "That doesn't look like a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidField(
            "phone", "That number isn't valid for its country — check the digits and country code."
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_TLD_RE = re.compile(r"[a-z]{2,}|xn--[a-z0-9-]+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)


def normalize_url(text: str) -> str:
    """Accept what people paste ("linkedin.com/in/maria") and store a full https URL."""
    value = text.strip().rstrip(".,;)")
    if not value:
        raise InvalidField("url", "The web address is empty.")
    if any(ch.isspace() for ch in value):
        raise InvalidField("url", "A web address can't contain spaces.")
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidField("url", "Only http and https links are accepted.")
    host = (parts.hostname or "").lower()
    if "@" in parts.netloc:
        raise InvalidField("url", "That looks like an email address; put it in the email field.")
    labels = host.split(".")
    if len(labels) < 2 or not all(labels) or not _TLD_RE.fullmatch(labels[-1]):
        raise InvalidField("url", "That web address has no valid domain (like linkedin.com).")
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


# --------------------------------------------------------------------------- parsing

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
    for key, value in zip(_PLAIN_ORDER, plain, strict=False):
        values.setdefault(key, value)
    extra = plain[len(_PLAIN_ORDER) :]
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


# --------------------------------------------------------------------------- matching helpers


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=32_768)
def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text so "José O'Neil" matches "jose o neil".

    Cached and ASCII-fast-pathed because search folds every field of every contact per query.
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def _phone_key(phone: str) -> str:
    return re.sub(r"\D", "", phone)


Person = Contact | ContactDraft


def _differs(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a != b


def find_duplicates(candidate: Person, existing: Iterable[Contact]) -> list[Contact]:
    """Contacts that are probably the same person as ``candidate``.

    Same email (any case) or same phone is decisive. A very similar name counts only at the same
    organization (or when one side has none), and never when both sides carry a different email or
    phone — two people called "Maria L." at a big employer are common, so we err toward asking.
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
        if fuzz.token_sort_ratio(name, fold(other.name)) >= 90:
            found.append(other)
    return found


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


_STAGE_RANK = {stage: rank for rank, stage in enumerate(Stage)}
_STAGE_RANK[Stage.DECLINED] = _STAGE_RANK[Stage.NO_REPLY] = 1  # an answer, not progress


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    return max(a, b) if a and b else a or b


# --------------------------------------------------------------------------- search


def _cutoff(token: str) -> float:
    """One typo in a short word is a big share of it, so short words need a closer match."""
    return 100 if len(token) <= 2 else 75 if len(token) <= 5 else 80


def search(contacts: Iterable[Contact], query: str, limit: int = 20) -> list[Contact]:
    """Contacts matching ``query`` in name, organization, role, field or notes, best first.

    Exact substring hits rank first (name before the other fields before notes); then every query
    word must match some word typo-tolerantly ("mria lopz" finds Maria Lopez). Word matching runs
    through rapidfuzz over the distinct words once, so 2,000 contacts stay fast.
    """
    q = fold(query)
    items = list(contacts)
    if not q or limit <= 0:
        return []
    scored: dict[int, float] = {}
    word_index: dict[str, dict[int, int]] = {}  # word -> {contact index: best field weight}
    for i, c in enumerate(items):
        fields = ((3, c.name), (2, c.organization), (2, c.role), (2, c.field), (1, c.notes))
        for weight, text in fields:
            folded = fold(text)
            if not folded:
                continue
            if q in folded:
                scored[i] = max(scored.get(i, 0), 1000 + weight * 100 - folded.index(q) / 100)
            for word in folded.split():
                slot = word_index.setdefault(word, {})
                if slot.get(i, 0) < weight:
                    slot[i] = weight
    vocab = list(word_index)
    per_token: list[dict[int, float]] = []
    for token in q.split():
        hits: dict[int, float] = {}
        matches = process.extract(
            token, vocab, scorer=fuzz.ratio, score_cutoff=_cutoff(token), limit=None
        )
        if len(token) >= 3:
            matches += [(w, 95.0, 0) for w in vocab if w.startswith(token) and w != token]
        for word, score, _ in matches:
            for i, weight in word_index[word].items():
                hits[i] = max(hits.get(i, 0), score * weight)
        per_token.append(hits)
    if per_token:
        common = set.intersection(*(set(h) for h in per_token))
        for i in common:
            if i not in scored:
                scored[i] = sum(h[i] for h in per_token) / len(per_token)
    ranked = sorted(scored, key=lambda i: (-scored[i], fold(items[i].name)))
    return [items[i] for i in ranked[:limit]]


# --------------------------------------------------------------------------- attention

FOLLOW_UP_AFTER = timedelta(days=7)
SCHEDULED_SOON = timedelta(days=3)
KEEP_IN_TOUCH_AFTER = timedelta(days=60)


def _attention(c: Contact, now: datetime) -> tuple[int, float, str | None]:
    """(bucket, order within bucket, reason): one place decides both the order and the why."""
    last = c.last_interaction or c.updated_at
    idle = now - last
    if c.stage is Stage.SCHEDULED and c.scheduled_for is not None:
        if c.scheduled_for < now:
            return 0, c.scheduled_for.timestamp(), "Interview time has passed — how did it go?"
        if c.scheduled_for - now <= SCHEDULED_SOON:
            reason = f"Interview {_when(c.scheduled_for, now)} — prepare your questions"
            return 1, c.scheduled_for.timestamp(), reason
    if c.stage is Stage.INTERVIEWED:
        return 2, last.timestamp(), "Send a thank-you note"
    if c.stage is Stage.REQUEST_SENT and idle >= FOLLOW_UP_AFTER:
        return 3, last.timestamp(), f"No reply for {idle.days} days — a polite follow-up is fine"
    if c.stage is Stage.TO_CONTACT:
        return 4, c.created_at.timestamp(), "Not contacted yet"
    if c.stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH) and idle >= KEEP_IN_TOUCH_AFTER:
        return 5, last.timestamp(), f"Last in touch {idle.days} days ago — share an update"
    if c.stage in (Stage.DECLINED, Stage.NO_REPLY):
        return 7, -last.timestamp(), None
    return 6, -last.timestamp(), None


def _when(at: datetime, now: datetime) -> str:
    days = (at.date() - now.date()).days
    return "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"


def attention_reason(contact: Contact, now: datetime) -> str | None:
    """Why this contact needs the student now, in words the list can show; None when it doesn't."""
    return _attention(contact, now)[2]


def attention_order(contacts: Iterable[Contact], now: datetime) -> list[Contact]:
    """Contacts ordered by what needs doing first (passed interviews, upcoming interviews, thank-you
    notes, follow-ups, people not yet contacted, stale relationships), then by recent activity."""
    return sorted(contacts, key=lambda c: (*_attention(c, now)[:2], fold(c.name)))


# --------------------------------------------------------------------------- introductions


def intro_chain(contact: Contact, by_id: Mapping[str, Contact]) -> list[Contact]:
    """The chain of introductions ending at ``contact``: [first introducer, ..., contact].

    Broken links end the chain quietly and a cycle (possible after edits or merges) is cut where it
    repeats, so a card always renders.
    """
    chain = [contact]
    seen = {contact.id}
    current = contact
    while current.introduced_by and current.introduced_by not in seen:
        nxt = by_id.get(current.introduced_by)
        if nxt is None:
            break
        chain.append(nxt)
        seen.add(nxt.id)
        current = nxt
    chain.reverse()
    return chain


def introduced_by_contact(contact_id: str, contacts: Iterable[Contact]) -> list[Contact]:
    """People this contact introduced the student to, for the card's "introduced you to" line."""
    return [c for c in contacts if c.introduced_by == contact_id]


# --------------------------------------------------------------------------- changes


def add_log(contact: Contact, at: datetime, kind: str, text: str) -> Contact:
    """Append a dated log entry (e.g. ``LOG_INTRO_ASK``) and bump ``updated_at``."""
    return replace(contact, updated_at=at, log=(*contact.log, LogEntry(at, kind, text)))


def change_stage(
    contact: Contact,
    stage: Stage,
    at: datetime,
    *,
    note: str = "",
    scheduled_for: datetime | None = None,
) -> Contact:
    """Move the contact along the path, logging "Request sent → Scheduled" with the date.

    Stages that mean the two of you were in touch also move ``last_interaction``; ``scheduled_for``
    is kept only while the contact is scheduled.
    """
    text = f"{contact.stage.label} → {stage.label}"
    if stage is Stage.SCHEDULED and scheduled_for is not None:
        text += f" ({scheduled_for:%Y-%m-%d %H:%M})"
    if note.strip():
        text += f": {note.strip()}"
    updated = add_log(contact, at, LOG_STAGE, text)
    keep_time = stage is Stage.SCHEDULED
    return replace(
        updated,
        stage=stage,
        scheduled_for=(scheduled_for or contact.scheduled_for) if keep_time else None,
        last_interaction=_latest(contact.last_interaction, at)
        if stage in _TOUCH_STAGES
        else contact.last_interaction,
    )


def log_interaction(
    contact: Contact, at: datetime, text: str, *, happened: datetime | None = None
) -> Contact:
    """Record a call, email or coffee chat; ``happened`` allows logging it after the fact."""
    when = happened or at
    entry = LogEntry(when, LOG_INTERACTION, text.strip() or "Interaction")
    return replace(
        contact,
        updated_at=at,
        last_interaction=_latest(contact.last_interaction, when),
        log=tuple(sorted((*contact.log, entry), key=lambda e: e.at)),
    )


# --------------------------------------------------------------------------- file mapping

# The flat text fields CSV columns and vCard properties both carry, so the two formats round-trip
# through one mapping instead of two that could drift apart.
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
        **{name: getattr(contact, name) for name in _TEXT_FIELDS},
        "circle": contact.circle or "",
        "stage": contact.stage.value,
        "introduced_by": introducer.name if introducer else "",
        "introduced_by_id": contact.introduced_by or "",
        "may_use_name": may,
        "last_interaction": _iso(contact.last_interaction) or "",
        "scheduled_for": _iso(contact.scheduled_for) or "",
        "id": contact.id,
    }


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def build_draft(values: Mapping[str, str], default_region: str | None = None) -> ContactDraft:
    """A draft from imported text fields (inverse of ``export_fields``), forgiving but honest:
    a value that fails validation is kept as typed and listed in ``problems``."""
    v = {k: (val or "").strip() for k, val in values.items()}
    problems: list[tuple[str, str]] = []
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
