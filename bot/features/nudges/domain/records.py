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


#: History lines of the student's own presses on a nudge (written by ``NudgeRepository.act``).
DONE_NOTE = "marked done"
SNOOZE_NOTE = "snoozed {days} day(s)"
SENT_NOTE = "sent as message {message_id}"
_SNOOZE_PREFIX = SNOOZE_NOTE.split("{", 1)[0]
_SENT_PREFIX = SENT_NOTE.split("{", 1)[0]
#: The planner's notes when the student did what a nudge asked (its "do it now" button leads
#: there; the press itself is a plain navigation and leaves no trace).
_DID_IT = frozenset({"follow-up sent", "thank-you sent", "debrief done"})


def acted_on(nudge: Nudge) -> datetime | None:
    """When the student first acted on this nudge once it reached them: pressed done or
    snooze, or did what it asked. /stats counts nudges, so a nudge snoozed and then done is one."""
    shown = False
    for event in nudge.history:
        if event.text.startswith(_SENT_PREFIX):
            shown = True
        elif shown and (
            event.text == DONE_NOTE
            or event.text.startswith(_SNOOZE_PREFIX)
            or event.text in _DID_IT
        ):
            return event.at
    return None
