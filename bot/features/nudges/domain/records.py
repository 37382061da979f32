"""A nudge as stored in the student's own data: the record is the truth, not a scheduler job."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.features.nudges.domain.kinds import NudgeKind, NudgeState


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Event:
    """One line of a nudge's history ("created", "claimed", "sent #812", "snoozed 1 day" ...)."""

    at: datetime
    text: str

    def to_record(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {"at": self.at.isoformat(), "text": self.text}

    @classmethod
    def from_record(cls, d: Mapping[str, Any]) -> Event:
        """Inverse of ``to_record``."""
        return cls(datetime.fromisoformat(d["at"]), str(d.get("text", "")))


@dataclass(frozen=True, slots=True)
class Nudge:
    """One reminder.

    ``anchor`` is the moment the nudge counts from (the request was sent, the meeting starts or
    ends, the last interaction, the previous summary); ``due_at`` follows from it and the student's
    timings, and ``deliver_at`` from that and their quiet hours, so a changed setting can recompute
    both. A snooze fixes ``snoozed_until`` instead. All times are UTC.
    """

    id: str
    kind: NudgeKind
    anchor: datetime
    due_at: datetime
    deliver_at: datetime
    created_at: datetime
    state: NudgeState = NudgeState.PENDING
    contact_id: str | None = None
    interview_id: str | None = None
    expires_at: datetime | None = None
    snoozed_until: datetime | None = None
    claim_by: str | None = None
    claimed_at: datetime | None = None
    claim_until: datetime | None = None
    message_id: int | None = None
    history: tuple[Event, ...] = ()

    def noted(self, at: datetime, text: str, **changes: Any) -> Nudge:
        """The nudge with ``changes`` applied and the reason written into its history."""
        return replace(self, **changes, history=(*self.history, Event(at, text)))

    def to_record(self) -> dict[str, Any]:
        """JSON-safe form for the store."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "anchor": self.anchor.isoformat(),
            "due_at": self.due_at.isoformat(),
            "deliver_at": self.deliver_at.isoformat(),
            "created_at": self.created_at.isoformat(),
            "state": self.state.value,
            "contact_id": self.contact_id,
            "interview_id": self.interview_id,
            "expires_at": _iso(self.expires_at),
            "snoozed_until": _iso(self.snoozed_until),
            "claim_by": self.claim_by,
            "claimed_at": _iso(self.claimed_at),
            "claim_until": _iso(self.claim_until),
            "message_id": self.message_id,
            "history": [e.to_record() for e in self.history],
        }

    @classmethod
    def from_record(cls, d: Mapping[str, Any]) -> Nudge:
        """Inverse of ``to_record``."""
        return cls(
            id=str(d["id"]),
            kind=NudgeKind(d["kind"]),
            anchor=datetime.fromisoformat(d["anchor"]),
            due_at=datetime.fromisoformat(d["due_at"]),
            deliver_at=datetime.fromisoformat(d["deliver_at"]),
            created_at=datetime.fromisoformat(d["created_at"]),
            state=NudgeState(d.get("state", NudgeState.PENDING.value)),
            contact_id=d.get("contact_id"),
            interview_id=d.get("interview_id"),
            expires_at=_dt(d.get("expires_at")),
            snoozed_until=_dt(d.get("snoozed_until")),
            claim_by=d.get("claim_by"),
            claimed_at=_dt(d.get("claimed_at")),
            claim_until=_dt(d.get("claim_until")),
            message_id=d.get("message_id"),
            history=tuple(Event.from_record(e) for e in d.get("history", ())),
        )
