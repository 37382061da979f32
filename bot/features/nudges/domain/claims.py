"""Claiming due nudges before sending and settling them after: the never-lost, never-twice rules.

The sweep claims (a lease), sends, then records the Telegram message id. If the process dies in
between, the claim is found later (by a new process at once, by the same one when the lease runs
out) and each kind's ``Delivery`` policy decides: meeting reminders are sent again, everything else
is marked sent without being repeated.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.features.nudges.domain.kinds import Delivery, NudgeState
from bot.features.nudges.domain.records import SENT_NOTE, Nudge

LEASE = timedelta(minutes=5)


@dataclass(slots=True)
class ClaimResult:
    """``changed`` must be stored; ``to_send`` is what this sweep now owns and must deliver."""

    changed: list[Nudge] = field(default_factory=list)
    to_send: list[Nudge] = field(default_factory=list)


def claim_expired(
    nudge: Nudge, now: datetime, boot: str, live: frozenset[str] = frozenset()
) -> bool:
    """A claim whose lease ran out, or from a process that is gone: one process alone knows any
    other boot is dead; replicas over one database pass ``live``, the boots still running, whose
    claims stand until their lease ends (they may be sending right now)."""
    return nudge.state is NudgeState.CLAIMED and (
        nudge.claim_by not in {boot, *live} or nudge.claim_until is None or nudge.claim_until <= now
    )


def claim_due(
    nudges: list[Nudge],
    now: datetime,
    boot: str,
    lease: timedelta = LEASE,
    live: frozenset[str] = frozenset(),
) -> ClaimResult:
    """Claim everything due now for one student, applying the crash policy to stale claims."""
    result = ClaimResult()

    def take(nudge: Nudge, why: str) -> None:
        claimed = nudge.noted(
            now,
            why,
            state=NudgeState.CLAIMED,
            claim_by=boot,
            claimed_at=now,
            claim_until=now + lease,
        )
        result.changed.append(claimed)
        result.to_send.append(claimed)

    for nudge in nudges:
        if nudge.state is NudgeState.CLAIMED:
            if not claim_expired(nudge, now, boot, live):
                continue  # being delivered right now, by this process or a live replica
            if nudge.kind.spec.delivery is Delivery.AT_MOST_ONCE:
                # Policy AT_MOST_ONCE: it may have reached the student; a duplicate follow-up or
                # keep-in-touch nudge is worse than a missed one, so it is not sent again.
                result.changed.append(
                    nudge.noted(
                        now,
                        "claim expired: may have arrived, not sent again",
                        state=NudgeState.SENT,
                        claim_by=None,
                        claim_until=None,
                    )
                )
                continue
            if nudge.expires_at is not None and nudge.expires_at <= now:
                result.changed.append(_expired(nudge, now))
                continue
            # Policy AT_LEAST_ONCE: a meeting reminder goes again; a duplicate beats a no-show.
            take(nudge, "claim expired: sending again")
            continue
        if nudge.state not in (NudgeState.PENDING, NudgeState.SNOOZED) or nudge.deliver_at > now:
            continue
        if nudge.expires_at is not None and nudge.expires_at <= now:
            result.changed.append(_expired(nudge, now))
            continue
        take(nudge, "claimed")
    return result


def _expired(nudge: Nudge, now: datetime) -> Nudge:
    return nudge.noted(
        now,
        "its moment passed before it could be sent",
        state=NudgeState.CANCELLED,
        claim_by=None,
        claim_until=None,
    )


def delivered(nudge: Nudge, now: datetime, message_id: int) -> Nudge:
    """Record the message that carried the nudge; the claim is over."""
    return nudge.noted(
        now,
        SENT_NOTE.format(message_id=message_id),
        state=NudgeState.SENT,
        message_id=message_id,
        claim_by=None,
        claim_until=None,
    )


def released(nudge: Nudge, now: datetime, why: str) -> Nudge:
    """Not sent after all (blocked, rate limited): back to pending, due at once."""
    return replace(
        nudge.noted(now, why, state=NudgeState.PENDING, claim_by=None, claim_until=None),
        claimed_at=None,
    )
