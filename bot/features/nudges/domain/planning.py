"""What the student just did, turned into nudges to create, move or cancel. Pure functions: the
repositories of contacts, interviews and drafts call them inside the very transaction that records
the change, so a request marked sent and its follow-up reminder are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.features.contacts.domain.records import LOG_INTERACTION, Contact, Stage
from bot.features.interviews.domain.interviews import Interview, Status
from bot.features.nudges.domain.cadence import NEVER, cadence_days
from bot.features.nudges.domain.kinds import (
    MEETING_KINDS,
    THANKS_KINDS,
    WAITING_KINDS,
    NudgeKind,
    NudgeState,
)
from bot.features.nudges.domain.prefs import NudgePrefs
from bot.features.nudges.domain.records import Nudge
from bot.features.nudges.domain.timing import delivery_time, due_time

# Hearing back in any of these ways means nobody needs to chase a reply any more.
REPLIED_STAGES = frozenset(
    {Stage.SCHEDULED, Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH, Stage.DECLINED}
)
# Professionals the student has met: the relationship is worth tending every few months.
KEEP_IN_TOUCH_STAGES = frozenset({Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH})


@dataclass(frozen=True, slots=True)
class Planner:
    """Everything a planning rule needs besides the records themselves."""

    prefs: NudgePrefs
    tz: ZoneInfo
    now: datetime
    new_id: Callable[[], str]

    def make(
        self,
        kind: NudgeKind,
        anchor: datetime,
        *,
        contact_id: str | None = None,
        interview_id: str | None = None,
        expires: datetime | None = None,
        why: str = "created",
        every_days: int | None = None,
    ) -> Nudge:
        """A new pending nudge, its due and delivery times worked out from the preferences."""
        due = due_time(kind, anchor, self.prefs, self.tz, every_days)
        return Nudge(
            id=self.new_id(),
            kind=kind,
            anchor=anchor,
            due_at=due,
            deliver_at=delivery_time(kind, due, self.prefs, self.tz, expires),
            created_at=self.now,
            contact_id=contact_id,
            interview_id=interview_id,
            expires_at=expires,
            every_days=every_days,
        ).noted(self.now, why)

    def place(self, nudge: Nudge) -> Nudge:
        """Recompute due and delivery times (after a change of settings, zone or anchor)."""
        due = nudge.snoozed_until or due_time(
            nudge.kind, nudge.anchor, self.prefs, self.tz, nudge.every_days
        )
        deliver = delivery_time(nudge.kind, due, self.prefs, self.tz, nudge.expires_at)
        return replace(nudge, due_at=due, deliver_at=deliver)


def _close(
    nudges: Iterable[Nudge],
    plan: Planner,
    why: str,
    keep: Callable[[Nudge], bool],
    state: NudgeState = NudgeState.CANCELLED,
) -> list[Nudge]:
    """Every active nudge ``keep`` selects, finished with ``state`` and the reason."""
    return [
        n.noted(plan.now, why, state=state, claim_by=None, claim_until=None)
        for n in nudges
        if n.state.active and keep(n)
    ]


def keep_in_touch_applies(contact: Contact, prefs: NudgePrefs) -> bool:
    """Keep-in-touch nudges are for people already met whose circle (or the student's choice on
    their card) has a cadence; a cadence the student chose applies whatever the stage."""
    chosen = prefs.cadence_override(contact.id)
    return (
        cadence_days(contact.circle, chosen) != NEVER
        and (contact.stage in KEEP_IN_TOUCH_STAGES or chosen is not None)
        and not prefs.stopped(contact.id)
    )


def plan_contact(
    before: Contact | None, after: Contact | None, nudges: list[Nudge], plan: Planner
) -> list[Nudge]:
    """Nudges to store after a contact changed: ``nudges`` are that contact's existing ones.

    A request marked sent starts the follow-up; a reply, a meeting or an interaction cancels it;
    an interaction (or reaching a met-in-person stage) restarts the keep-in-touch cadence.
    """
    if after is None:
        return _close(nudges, plan, "contact deleted", lambda n: True)
    if plan.prefs.stopped(after.id):
        return _close(nudges, plan, "stopped for this contact", lambda n: True)
    changes: list[Nudge] = []
    stage_moved = before is None or before.stage is not after.stage
    seen = set(before.log) if before else set()
    interacted = any(e.kind == LOG_INTERACTION and e not in seen for e in after.log)
    active = [n for n in nudges if n.state.active]

    if (stage_moved and after.stage in REPLIED_STAGES) or interacted:
        changes += _close(active, plan, "they replied", lambda n: n.kind in WAITING_KINDS)
    if stage_moved and after.stage is Stage.THANKED:
        changes += _close(
            active, plan, "thank-you sent", lambda n: n.kind in THANKS_KINDS, NudgeState.DONE
        )
    waiting = any(n.kind in WAITING_KINDS for n in active)
    if stage_moved and after.stage is Stage.REQUEST_SENT and not waiting:
        changes.append(
            plan.make(NudgeKind.FOLLOW_UP, plan.now, contact_id=after.id, why="request sent")
        )

    return changes + _plan_keep_in_touch(after, active, plan, restart=interacted or stage_moved)


def _plan_keep_in_touch(
    contact: Contact, active: list[Nudge], plan: Planner, *, restart: bool
) -> list[Nudge]:
    """The contact's one keep-in-touch nudge: created, moved to a new cadence or a new last
    interaction (when ``restart``), or cancelled when the cadence is "never"."""
    touching = [n for n in active if n.kind is NudgeKind.KEEP_IN_TOUCH]
    if not keep_in_touch_applies(contact, plan.prefs):
        return _close(touching, plan, "no longer keeping in touch", lambda n: True)
    days = cadence_days(contact.circle, plan.prefs.cadence_override(contact.id))
    anchor = contact.last_interaction or plan.now
    if not touching:
        return [plan.make(NudgeKind.KEEP_IN_TOUCH, anchor, contact_id=contact.id, every_days=days)]
    nudge = touching[0]
    if restart and nudge.anchor != anchor:
        moved = replace(nudge, anchor=anchor, snoozed_until=None, every_days=days)
        moved = moved.noted(plan.now, "interaction logged: cadence restarts")
        return [plan.place(replace(moved, state=NudgeState.PENDING))]
    if nudge.every_days != days and nudge.state is not NudgeState.CLAIMED:
        moved = replace(nudge, every_days=days).noted(plan.now, f"cadence now {days or 'default'}")
        return [plan.place(moved)]
    return []


def plan_cadence(contact: Contact, nudges: list[Nudge], plan: Planner) -> list[Nudge]:
    """Nudges to store after the student chose a cadence on the contact's card (already in
    ``plan.prefs``): the pending keep-in-touch nudge moves, appears or goes."""
    if plan.prefs.stopped(contact.id):
        return _close(nudges, plan, "stopped for this contact", lambda n: True)
    active = [n for n in nudges if n.state.active]
    return _plan_keep_in_touch(contact, active, plan, restart=False)


def plan_interview(
    before: Interview | None, after: Interview | None, nudges: list[Nudge], plan: Planner
) -> list[Nudge]:
    """Nudges to store after an interview changed; ``nudges`` are that interview's own.

    Setting (or moving) the meeting time plans the day-before and hour-before reminders, the
    debrief prompt and the thank-you (with its one escalation); finishing the debrief cancels the
    debrief prompt; cancelling the meeting cancels everything about it.
    """
    active = [n for n in nudges if n.state.active]
    if after is None or after.status is Status.CANCELLED or after.starts_at is None:
        return _close(active, plan, "meeting cancelled", lambda n: True)
    if plan.prefs.stopped(after.contact_id):
        return _close(active, plan, "stopped for this contact", lambda n: True)
    if after.status is Status.DONE:
        done = {NudgeKind.DEBRIEF, NudgeKind.MEETING_DAY_BEFORE, NudgeKind.MEETING_HOUR_BEFORE}
        return _close(active, plan, "debrief done", lambda n: n.kind in done, NudgeState.DONE)
    if before is not None and before.starts_at == after.starts_at and active:
        return []
    changes = _close(active, plan, "meeting moved", lambda n: n.kind in MEETING_KINDS)
    start = after.starts_at
    end = start + timedelta(minutes=after.duration_minutes)
    reminders = [NudgeKind.MEETING_HOUR_BEFORE]
    if plan.prefs.day_before:
        reminders.insert(0, NudgeKind.MEETING_DAY_BEFORE)
    for kind in reminders:
        nudge = plan.make(
            kind, start, contact_id=after.contact_id, interview_id=after.id, expires=start
        )
        if nudge.due_at > plan.now:
            changes.append(nudge)
    for kind in (NudgeKind.DEBRIEF, NudgeKind.THANK_YOU, NudgeKind.THANK_YOU_AGAIN):
        changes.append(plan.make(kind, end, contact_id=after.contact_id, interview_id=after.id))
    return changes


def plan_draft_sent(
    draft_kind: str, contact_id: str, nudges: list[Nudge], plan: Planner
) -> list[Nudge]:
    """Nudges to store after "I sent it" on a draft; ``nudges`` are the contact's own.

    A thank-you ends the thank-you reminders. The follow-up is the one follow-up: its nudge is
    done, and if no reply comes within the follow-up time the contact is marked "no reply".
    """
    active = [n for n in nudges if n.state.active]
    if draft_kind == "thank_you":
        return _close(
            active, plan, "thank-you sent", lambda n: n.kind in THANKS_KINDS, NudgeState.DONE
        )
    if draft_kind != "follow_up":
        return []
    changes = _close(
        nudges,
        plan,
        "follow-up sent",
        lambda n: n.kind is NudgeKind.FOLLOW_UP,
        NudgeState.DONE,
    )
    changes += [
        n.noted(plan.now, "follow-up sent", state=NudgeState.DONE)
        for n in nudges
        if n.kind is NudgeKind.FOLLOW_UP and n.state is NudgeState.SENT
    ]
    if plan.prefs.stopped(contact_id):
        return changes
    if not any(n.kind is NudgeKind.NO_REPLY for n in active):
        changes.append(
            plan.make(NudgeKind.NO_REPLY, plan.now, contact_id=contact_id, why="follow-up sent")
        )
    return changes


def after_delivery(nudge: Nudge, others: list[Nudge], plan: Planner) -> list[Nudge]:
    """What a delivered nudge sets in motion: the no-reply check after the follow-up, the next
    keep-in-touch round, next week's summary."""
    active = [n for n in others if n.state.active and n.id != nudge.id]
    same_contact = [n for n in active if n.contact_id == nudge.contact_id]
    if nudge.kind is NudgeKind.FOLLOW_UP and not any(
        n.kind is NudgeKind.NO_REPLY for n in same_contact
    ):
        return [plan.make(NudgeKind.NO_REPLY, plan.now, contact_id=nudge.contact_id)]
    if nudge.kind is NudgeKind.KEEP_IN_TOUCH and not any(
        n.kind is NudgeKind.KEEP_IN_TOUCH for n in same_contact
    ):
        return [
            plan.make(
                NudgeKind.KEEP_IN_TOUCH,
                plan.now,
                contact_id=nudge.contact_id,
                every_days=nudge.every_days,
            )
        ]
    if nudge.kind is NudgeKind.WEEKLY_SUMMARY and not any(
        n.kind is NudgeKind.WEEKLY_SUMMARY for n in active
    ):
        return [plan.make(NudgeKind.WEEKLY_SUMMARY, plan.now)]
    return []


def ensure_weekly(nudges: list[Nudge], plan: Planner) -> list[Nudge]:
    """The weekly summary exists once the student has started (one pending at a time)."""
    if any(n.kind is NudgeKind.WEEKLY_SUMMARY and n.state.active for n in nudges):
        return []
    return [plan.make(NudgeKind.WEEKLY_SUMMARY, plan.now)]


def replan(nudges: list[Nudge], plan: Planner) -> list[Nudge]:
    """Changed settings (timings, quiet hours, zone, summary day) applied to pending nudges."""
    changes: list[Nudge] = []
    for nudge in nudges:
        if nudge.state not in (NudgeState.PENDING, NudgeState.SNOOZED):
            continue
        if nudge.kind is NudgeKind.MEETING_DAY_BEFORE and not plan.prefs.day_before:
            changes.append(
                nudge.noted(plan.now, "day-before reminder turned off", state=NudgeState.CANCELLED)
            )
            continue
        placed = plan.place(nudge)
        if (placed.due_at, placed.deliver_at) != (nudge.due_at, nudge.deliver_at):
            changes.append(placed.noted(plan.now, "settings changed"))
    return changes


def next_due(nudges: Iterable[Nudge], prefs: NudgePrefs) -> datetime | None:
    """The earliest moment the sweep should look at this student again (None: never).

    A claimed nudge counts from its claim: if the process that claimed it died, the next process
    must look at once rather than wait for the lease to run out.
    """
    if not prefs.delivering:
        return None
    moments = [
        (n.claimed_at or n.deliver_at) if n.state is NudgeState.CLAIMED else n.deliver_at
        for n in nudges
        if n.state.active
    ]
    return min(moments, default=None)
