"""The follow-up draft's rules: who is waiting on a reply, and whether it is too soon to chase.

The handout's advice is one follow-up, about a week after the request. Fewer than five working
days looks impatient, so the coach says so gently (the student may still go ahead).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.features.contacts.domain.records import Contact, Stage
from bot.features.nudges.domain.timing import working_days_between

PATIENT_WORKING_DAYS = 5


@dataclass(frozen=True, slots=True)
class Waiting:
    """A contact whose request went out, and when."""

    contact: Contact
    sent_at: datetime


@dataclass(frozen=True, slots=True)
class FollowUpAdvice:
    """Whether a follow-up now is sooner than the handout's week."""

    sent_at: datetime | None
    working_days: int

    @property
    def too_soon(self) -> bool:
        """Sooner than five working days after the request."""
        return self.sent_at is not None and self.working_days < PATIENT_WORKING_DAYS


def waiting_on_reply(contacts: list[Contact], sent_at: dict[str, datetime]) -> list[Waiting]:
    """Contacts still at "request sent", longest-waiting first (only those a request went to)."""
    waiting = [
        Waiting(c, sent_at.get(c.id) or c.updated_at)
        for c in contacts
        if c.stage is Stage.REQUEST_SENT
    ]
    return sorted(waiting, key=lambda w: w.sent_at)


def follow_up_advice(sent: datetime | None, now: datetime, tz: ZoneInfo) -> FollowUpAdvice:
    """Working days since the request (Monday to Friday, in the student's zone)."""
    return FollowUpAdvice(sent, working_days_between(sent, now, tz) if sent else 0)
