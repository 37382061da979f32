"""Contact records, their stages on the informational-interview path, and the dated log that
tells each relationship's story. Changes are pure functions returning new records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.features.contacts.domain.capitals import display_organization
from bot.features.contacts.domain.fields import display_phone, fold, normalize_name


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
LOG_EDITED = "edited"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One dated event on a contact; the log is how the student sees the relationship's story."""

    at: datetime
    kind: str
    text: str = ""


# --------------------------------------------------------------------------- records

TEXT_FIELDS = ("name", "organization", "role", "field", "email", "phone", "url", "notes")


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

    @property
    def phone_display(self) -> str:
        """The phone as cards show it ("+1 408-555-0100"); ``phone`` stays E.164."""
        return display_phone(self.phone)

    def with_value(self, field: str, value: str | None) -> ContactDraft:
        """The draft with ``field`` set (a checked value, or empty) and its old problem cleared."""
        changes: dict[str, Any] = {field: value if field == "circle" else value or ""}
        problems = tuple(p for p in self.problems if p[0] != field)
        return replace(self, **changes, problems=problems)


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
    #: How the student said formal messages should address them (/draft asks once, when a
    #: formal draft needs it): a title ("Dr.", "Ms."), "first name" or "not sure"; "" until asked.
    #: The greeting rules that read it live in outreach/domain/salutations.py.
    salutation: str = ""

    @property
    def phone_display(self) -> str:
        """The phone as cards show it ("+1 408-555-0100"); ``phone`` stays E.164."""
        return display_phone(self.phone)


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
        organization=display_organization(draft.organization.strip()),
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


_STAGE_RANK = {stage: rank for rank, stage in enumerate(Stage)}
_STAGE_RANK[Stage.DECLINED] = _STAGE_RANK[Stage.NO_REPLY] = 1  # an answer, not progress


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    return max(a, b) if a and b else a or b


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
