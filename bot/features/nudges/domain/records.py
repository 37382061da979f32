"""A nudge as stored in the student's own data: the record is the truth, not a scheduler job."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.features.nudges.domain.kinds import NudgeKind, NudgeState


@dataclass(frozen=True, slots=True)
class Event:
    """One line of a nudge's history ("created", "claimed", "sent #812", "snoozed 1 day" ...)."""

    at: datetime
    text: str = ""


@dataclass(frozen=True, slots=True)
class Nudge:
    """One reminder.

    ``anchor`` is the moment the nudge counts from (the request was sent, the meeting starts or
    ends, the last interaction, the previous summary); ``due_at`` follows from it and the student's
    timings, and ``deliver_at`` from that and their quiet hours, so a changed setting can recompute
    both. A snooze fixes ``snoozed_until`` instead. All times are UTC. ``every_days`` is a
    keep-in-touch nudge's own cadence; None means the student's /settings number.
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
    every_days: int | None = None
    history: tuple[Event, ...] = ()

    def noted(self, at: datetime, text: str, **changes: Any) -> Nudge:
        """The nudge with ``changes`` applied and the reason written into its history."""
        return replace(self, **changes, history=(*self.history, Event(at, text)))
