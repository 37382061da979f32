"""Nudges for handlers and for the sweep: each method is one transaction on one student's data.

Handlers list, finish, snooze and stop nudges and change preferences; the sweep claims what is due
(with the contacts, interviews and weekly numbers needed to word it), records what it sent, or
releases what it could not send. Planning rules live in ``domain/``; the hooks other features'
repositories call are in ``sync.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.features.contacts.domain.records import Contact
from bot.features.contacts.repository import TABLE as CONTACTS
from bot.features.interviews.domain.interviews import Interview
from bot.features.interviews.repository import INTERVIEWS
from bot.features.nudges import sync
from bot.features.nudges.domain.claims import claim_due, delivered, released
from bot.features.nudges.domain.followups import (
    FollowUpAdvice,
    Waiting,
    follow_up_advice,
    waiting_on_reply,
)
from bot.features.nudges.domain.kinds import NudgeKind, NudgeState
from bot.features.nudges.domain.planning import (
    after_delivery,
    ensure_weekly,
    plan_cadence,
    replan,
)
from bot.features.nudges.domain.prefs import NudgePrefs
from bot.features.nudges.domain.records import DONE_NOTE, SNOOZE_NOTE, Nudge, acted_on
from bot.features.nudges.domain.summary import (
    Overview,
    WeekSummary,
    listable,
    overview,
    summarize_week,
)
from bot.features.nudges.domain.timing import snooze_until
from bot.features.outreach.repository import DRAFTS
from bot.store.base import Store, Transaction
from bot.store.records import from_json, to_json

T = TypeVar("T")
FINISHED = frozenset({NudgeState.DONE, NudgeState.CANCELLED})


@dataclass(frozen=True, slots=True)
class Batch:
    """What one student gets in one sweep: claimed nudges with what is needed to word them."""

    user_id: int
    tz: ZoneInfo
    nudges: tuple[Nudge, ...]
    contacts: dict[str, Contact]
    interviews: dict[str, Interview]
    summary: WeekSummary | None


@dataclass(frozen=True, slots=True)
class Listed:
    """A nudge as /nudges shows it."""

    nudge: Nudge
    contact: Contact | None


def _contacts(tx: Transaction) -> dict[str, Contact]:
    return {r["id"]: from_json(Contact, r) for r in tx.table(CONTACTS).all()}


def _interviews(tx: Transaction) -> dict[str, Interview]:
    return {r["id"]: from_json(Interview, r) for r in tx.table(INTERVIEWS).all()}


def _sent_drafts(tx: Transaction) -> list[tuple[str, datetime]]:
    return [
        (r["kind"], datetime.fromisoformat(r["sent_at"]))
        for r in tx.table(DRAFTS).all()
        if r.get("sent_at")
    ]


def _summary(tx: Transaction, now: datetime, prefs: NudgePrefs, week_end: datetime) -> WeekSummary:
    return summarize_week(
        now,
        week_end=min(week_end, now),
        goal=prefs.weekly_goal,
        contacts=_contacts(tx).values(),
        sent_drafts=_sent_drafts(tx),
        interviews=_interviews(tx).values(),
        nudges=[n for n in sync.load_all(tx) if n.state is not NudgeState.CLAIMED],
    )


class NudgeRepository:
    """The nudges of one store's students."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- preferences ------------------------------------------------------------------------

    async def prefs(self, user_id: int) -> NudgePrefs:
        """The student's reminder preferences."""
        return await self._store.run(user_id, sync.load_prefs)

    async def update_prefs(
        self, user_id: int, change: Callable[[NudgePrefs], NudgePrefs]
    ) -> NudgePrefs:
        """Change preferences and move every pending nudge to match, in one transaction."""
        now = self._clock.now()

        def work(tx: Transaction) -> NudgePrefs:
            prefs = change(sync.load_prefs(tx))
            tx.set_value(sync.PREFS_KEY, to_json(prefs))
            everything = sync.load_all(tx)
            plan = sync.planner(tx, now, prefs)
            changes = replan(everything, plan)
            if prefs.enabled:  # e.g. the summary day set before any contact: the summary starts
                changes += ensure_weekly(everything, plan)
            sync.write(tx, changes, prefs)
            return prefs

        return await self._store.run(user_id, work)

    async def start(self, user_id: int) -> None:
        """The student finished onboarding: their first weekly summary is planned now, rather
        than waiting for their first contact."""
        now = self._clock.now()

        def work(tx: Transaction) -> None:
            plan = sync.planner(tx, now)
            if plan.prefs.enabled:
                sync.write(tx, ensure_weekly(sync.load_all(tx), plan), plan.prefs)

        await self._store.run(user_id, work)

    async def cadence(self, user_id: int, contact_id: str) -> int | None:
        """The keep-in-touch days chosen for this contact (None: the circle's default)."""
        prefs = await self.prefs(user_id)
        return prefs.cadence_override(contact_id)

    async def set_cadence(self, user_id: int, contact_id: str, days: int) -> bool:
        """Keep in touch with the contact every ``days`` (0: never), moving their pending
        keep-in-touch nudge in the same transaction. False when the contact is gone."""
        now = self._clock.now()

        def work(tx: Transaction) -> bool:
            record = tx.table(CONTACTS).get(contact_id)
            if record is None:
                return False
            prefs = sync.load_prefs(tx).with_cadence(contact_id, days)
            tx.set_value(sync.PREFS_KEY, to_json(prefs))
            plan = sync.planner(tx, now, prefs)
            mine = [n for n in sync.load_all(tx) if n.contact_id == contact_id]
            sync.write(tx, plan_cadence(from_json(Contact, record), mine, plan), prefs)
            return True

        return await self._store.run(user_id, work)

    async def replan(self, user_id: int) -> None:
        """Re-place pending nudges after the student's time zone changed."""
        await self.update_prefs(user_id, lambda p: p)

    async def set_active(self, user_id: int, active: bool) -> bool:
        """Blocked (False) or unblocked (True) the bot; True when that changed anything."""

        def work(tx: Transaction) -> bool:
            prefs = sync.load_prefs(tx)
            if prefs.active is active:
                return False
            sync.save_prefs(tx, replace(prefs, active=active))
            return True

        return await self._store.run(user_id, work)

    # -- what the student sees ------------------------------------------------------------

    async def upcoming(self, user_id: int, limit: int = 8) -> list[Listed]:
        """Pending and snoozed nudges (and shown ones not yet acted on), soonest first."""

        def work(tx: Transaction) -> list[Listed]:
            contacts = _contacts(tx)
            open_ = [n for n in listable(sync.load_all(tx)) if n.state is not NudgeState.CLAIMED]
            open_.sort(key=lambda n: n.deliver_at)
            return [Listed(n, contacts.get(n.contact_id or "")) for n in open_[:limit]]

        return await self._store.run(user_id, work)

    async def overview(self, user_id: int) -> tuple[Overview, ZoneInfo]:
        """Due today and this week, for a returning student's /start."""
        now = self._clock.now()

        def work(tx: Transaction) -> tuple[Overview, ZoneInfo]:
            names = {c.id: c.name for c in _contacts(tx).values()}
            tz = sync.timezone_of(tx)
            return overview(sync.load_all(tx), names, now, tz), tz

        return await self._store.run(user_id, work)

    async def get(self, user_id: int, nudge_id: str) -> Listed | None:
        """One nudge with its contact."""

        def work(tx: Transaction) -> Listed | None:
            record = tx.table(sync.NUDGES).get(nudge_id)
            if record is None:
                return None
            nudge = from_json(Nudge, record)
            contact = tx.table(CONTACTS).get(nudge.contact_id) if nudge.contact_id else None
            return Listed(nudge, from_json(Contact, contact) if contact else None)

        return await self._store.run(user_id, work)

    async def act(self, user_id: int, nudge_id: str, action: str) -> Nudge | None:
        """A nudge button: "done", "snooze1", "snooze7" or "stop" (for its contact)."""
        now = self._clock.now()

        def work(tx: Transaction) -> Nudge | None:
            record = tx.table(sync.NUDGES).get(nudge_id)
            if record is None:
                return None
            nudge = from_json(Nudge, record)
            prefs = sync.load_prefs(tx)
            if nudge.state in FINISHED and action != "stop":
                return nudge  # an old button: a cancelled or done nudge is not brought back
            if action == "done":
                changed = [nudge.noted(now, DONE_NOTE, state=NudgeState.DONE)]
            elif action in ("snooze1", "snooze7"):
                days = 1 if action == "snooze1" else 7
                until = snooze_until(now, days, sync.timezone_of(tx))
                snoozed = nudge.noted(
                    now,
                    SNOOZE_NOTE.format(days=days),
                    state=NudgeState.SNOOZED,
                    snoozed_until=until,
                    claim_by=None,
                    claim_until=None,
                )
                changed = [sync.planner(tx, now, prefs).place(snoozed)]
            elif action == "stop" and nudge.contact_id:
                prefs = prefs.stop(nudge.contact_id)
                tx.set_value(sync.PREFS_KEY, to_json(prefs))
                changed = [
                    n.noted(now, "stopped for this contact", state=NudgeState.CANCELLED)
                    for n in sync.load_all(tx)
                    if n.contact_id == nudge.contact_id and n.state.open
                ]
            else:
                return None
            sync.write(tx, changed, prefs)
            return next((n for n in changed if n.id == nudge_id), nudge)

        return await self._store.run(user_id, work)

    async def acted_on(self, user_id: int) -> list[datetime]:
        """When the student first acted on each nudge still kept (``KEEP_FINISHED``): bare
        times, for /stats."""

        def work(tx: Transaction) -> list[datetime]:
            moments = (acted_on(nudge) for nudge in sync.load_all(tx))
            return [at for at in moments if at is not None]

        return await self._store.run(user_id, work)

    async def waiting_on_reply(self, user_id: int) -> list[Waiting]:
        """Contacts whose request went out and who have not answered, longest-waiting first."""

        def work(tx: Transaction) -> list[Waiting]:
            return waiting_on_reply(list(_contacts(tx).values()), _request_times(tx))

        return await self._store.run(user_id, work)

    async def follow_up_advice(self, user_id: int, contact_id: str) -> FollowUpAdvice:
        """How long ago the request to this contact went out, in working days."""
        now = self._clock.now()

        def work(tx: Transaction) -> FollowUpAdvice:
            return follow_up_advice(_request_times(tx).get(contact_id), now, sync.timezone_of(tx))

        return await self._store.run(user_id, work)

    # -- the sweep ------------------------------------------------------------------------

    async def claim(
        self, user_id: int, now: datetime, boot: str, live: frozenset[str] = frozenset()
    ) -> Batch | None:
        """Claim what is due for the student (None: nothing to send); ``live``: the other
        replicas still running, whose claims are respected until their lease ends."""

        def work(tx: Transaction) -> Batch | None:
            prefs = sync.load_prefs(tx)
            if not prefs.delivering:
                sync.refresh(tx, prefs)
                return None
            result = claim_due(sync.load_all(tx), now, boot, live=live)
            sync.write(tx, result.changed, prefs)
            if not result.to_send:
                return None
            summary = None
            weekly = [n for n in result.to_send if n.kind is NudgeKind.WEEKLY_SUMMARY]
            if weekly:
                summary = _summary(tx, now, prefs, weekly[0].due_at)
            return Batch(
                user_id,
                sync.timezone_of(tx),
                tuple(result.to_send),
                _contacts(tx),
                _interviews(tx),
                summary,
            )

        return await _settling(self._store, user_id, work)

    async def record(
        self, user_id: int, nudge_ids: list[str], message_id: int, now: datetime
    ) -> list[str]:
        """The message went out: record it, plan what follows. Returns contacts whose follow-up
        went unanswered (to be marked "no reply")."""

        def work(tx: Transaction) -> list[str]:
            everything = {n.id: n for n in sync.load_all(tx)}
            plan = sync.planner(tx, now)
            changes: list[Nudge] = []
            no_reply: list[str] = []
            for nudge_id in nudge_ids:
                nudge = everything.get(nudge_id)
                if nudge is None or nudge.state is not NudgeState.CLAIMED:
                    continue  # cancelled meanwhile (the student acted while it was in flight)
                sent = delivered(nudge, now, message_id)
                everything[sent.id] = sent
                changes.append(sent)
                follow = after_delivery(sent, list(everything.values()), plan)
                everything.update({n.id: n for n in follow})
                changes += follow
                if sent.kind is NudgeKind.NO_REPLY and sent.contact_id:
                    no_reply.append(sent.contact_id)
            sync.write(tx, changes, plan.prefs)
            sync.prune(tx, now)
            return no_reply

        return await _settling(self._store, user_id, work)

    async def release(
        self, user_id: int, nudge_ids: list[str], now: datetime, why: str, *, blocked: bool = False
    ) -> None:
        """Not sent after all: back to pending (and, if the student blocked us, pause them)."""

        def work(tx: Transaction) -> None:
            prefs = sync.load_prefs(tx)
            if blocked:
                prefs = replace(prefs, active=False)
                tx.set_value(sync.PREFS_KEY, to_json(prefs))
            changes = [
                released(n, now, why)
                for n in sync.load_all(tx)
                if n.id in nudge_ids and n.state is NudgeState.CLAIMED
            ]
            sync.write(tx, changes, prefs)

        await _settling(self._store, user_id, work)

    async def drop(self, user_id: int, nudge_ids: list[str], now: datetime, why: str) -> None:
        """Claimed nudges that can no longer be worded: cancelled, with the reason."""

        def work(tx: Transaction) -> None:
            changes = [
                n.noted(now, why, state=NudgeState.CANCELLED, claim_by=None, claim_until=None)
                for n in sync.load_all(tx)
                if n.id in nudge_ids and n.state is NudgeState.CLAIMED
            ]
            sync.write(tx, changes)

        await _settling(self._store, user_id, work)

    async def settle(self, user_id: int) -> None:
        """Nothing to deliver after all: make the index entry match the stored moment."""

        def work(tx: Transaction) -> None:
            sync.refresh(tx)

        await _settling(self._store, user_id, work)


def _request_times(tx: Transaction) -> dict[str, datetime]:
    """When each contact's request went out: the anchor of their latest follow-up nudge."""
    times: dict[str, datetime] = {}
    for nudge in sync.load_all(tx):
        if nudge.kind is NudgeKind.FOLLOW_UP and nudge.contact_id:
            times[nudge.contact_id] = max(nudge.anchor, times.get(nudge.contact_id, nudge.anchor))
    return times


async def _settling(store: Store, user_id: int, work: Callable[[Transaction], T]) -> T:
    """Sweep transactions also settle the due-index when the store keeps one."""
    settle = getattr(store, "run_and_settle", None)
    if settle is not None:
        return await settle(user_id, work)  # type: ignore[no-any-return]
    return await store.run(user_id, work)
