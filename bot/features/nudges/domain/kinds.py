"""What the coach reminds students of, and how each reminder may be delivered.

Telegram's ``sendMessage`` has no idempotency key: if the bot dies between sending a message and
recording that it did, nobody can know whether the student saw it. Each kind therefore states which
mistake is the lesser one, and the sweep applies that choice (see ``claims.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NudgeKind(StrEnum):
    """One kind of reminder."""

    FOLLOW_UP = "follow_up"
    NO_REPLY = "no_reply"
    MEETING_DAY_BEFORE = "meeting_day_before"
    MEETING_HOUR_BEFORE = "meeting_hour_before"
    THANK_YOU = "thank_you"
    THANK_YOU_AGAIN = "thank_you_again"
    DEBRIEF = "debrief"
    KEEP_IN_TOUCH = "keep_in_touch"
    WEEKLY_SUMMARY = "weekly_summary"

    @property
    def spec(self) -> KindSpec:
        """How this kind is delivered."""
        return SPECS[self]


class NudgeState(StrEnum):
    """Where one nudge is in its life."""

    PENDING = "pending"
    CLAIMED = "claimed"  # a sweep took it and is sending it right now
    SENT = "sent"
    DONE = "done"
    SNOOZED = "snoozed"
    CANCELLED = "cancelled"

    @property
    def active(self) -> bool:
        """Still to be delivered (or being delivered)."""
        return self in (NudgeState.PENDING, NudgeState.SNOOZED, NudgeState.CLAIMED)

    @property
    def open(self) -> bool:
        """Not finished from the student's point of view: waiting, or shown but not acted on."""
        return self.active or self is NudgeState.SENT


class Delivery(StrEnum):
    """What to do with a nudge whose sender died after claiming it (a crash between send and
    record): nobody knows whether it reached the student."""

    AT_MOST_ONCE = "at_most_once"  # never send again: a missed nudge beats a duplicate
    AT_LEAST_ONCE = "at_least_once"  # send again: a duplicate beats a missed meeting


class Quiet(StrEnum):
    """What quiet hours do to a nudge due inside them."""

    DEFER = "defer"  # wait for the morning
    IGNORE = "ignore"  # tied to a time the student chose themselves (an hour before a meeting)


@dataclass(frozen=True, slots=True)
class KindSpec:
    """Delivery policy of one kind; ``expires`` means it is pointless once the meeting starts."""

    delivery: Delivery
    quiet: Quiet
    expires: bool
    label: str


SPECS: dict[NudgeKind, KindSpec] = {
    NudgeKind.FOLLOW_UP: KindSpec(Delivery.AT_MOST_ONCE, Quiet.DEFER, False, "Follow up"),
    NudgeKind.NO_REPLY: KindSpec(Delivery.AT_MOST_ONCE, Quiet.DEFER, False, "No reply yet"),
    NudgeKind.MEETING_DAY_BEFORE: KindSpec(
        Delivery.AT_LEAST_ONCE, Quiet.DEFER, True, "Meeting tomorrow"
    ),
    NudgeKind.MEETING_HOUR_BEFORE: KindSpec(
        Delivery.AT_LEAST_ONCE, Quiet.IGNORE, True, "Meeting soon"
    ),
    NudgeKind.THANK_YOU: KindSpec(Delivery.AT_MOST_ONCE, Quiet.DEFER, False, "Thank-you"),
    NudgeKind.THANK_YOU_AGAIN: KindSpec(Delivery.AT_MOST_ONCE, Quiet.DEFER, False, "Thank-you"),
    NudgeKind.DEBRIEF: KindSpec(Delivery.AT_MOST_ONCE, Quiet.DEFER, False, "Debrief"),
    NudgeKind.KEEP_IN_TOUCH: KindSpec(Delivery.AT_MOST_ONCE, Quiet.DEFER, False, "Keep in touch"),
    NudgeKind.WEEKLY_SUMMARY: KindSpec(Delivery.AT_MOST_ONCE, Quiet.DEFER, False, "Your week"),
}

MEETING_KINDS = frozenset(
    {
        NudgeKind.MEETING_DAY_BEFORE,
        NudgeKind.MEETING_HOUR_BEFORE,
        NudgeKind.THANK_YOU,
        NudgeKind.THANK_YOU_AGAIN,
        NudgeKind.DEBRIEF,
    }
)
WAITING_KINDS = frozenset({NudgeKind.FOLLOW_UP, NudgeKind.NO_REPLY})
THANKS_KINDS = frozenset({NudgeKind.THANK_YOU, NudgeKind.THANK_YOU_AGAIN})
