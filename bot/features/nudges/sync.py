"""Keeping a student's nudges in step with what they do, inside the transaction that records it.

The contacts, interviews and drafts repositories call these functions from their own transaction
functions, so "request marked sent" and "follow-up planned" are one commit. Each one loads the
student's nudges and preferences from the same transaction, asks the pure planner what changes, and
stores the result together with the student's next-due moment (which the cross-student due-index
mirrors; see ``bot/store/due_index.py``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.features.contacts.domain.records import Contact
from bot.features.interviews.domain.interviews import Interview
from bot.features.nudges.domain.planning import (
    Planner,
    ensure_weekly,
    next_due,
    plan_contact,
    plan_draft_sent,
    plan_interview,
)
from bot.features.nudges.domain.prefs import NudgePrefs
from bot.features.nudges.domain.records import Nudge
from bot.features.nudges.domain.timing import zone
from bot.store.base import Transaction
from bot.store.records import from_json, to_json

NUDGES = "nudges"
PREFS_KEY = "nudge_prefs"
#: Unix seconds of the student's earliest pending delivery (or None); mirrored by the due-index.
NEXT_DUE_KEY = "nudges_next_due"
KEEP_FINISHED = timedelta(days=180)
_PROFILE_KEY = "profile"  # the profile feature's record; only its time zone is read here


def load_prefs(tx: Transaction) -> NudgePrefs:
    """The student's reminder preferences (defaults until they change one)."""
    return _prefs(tx.get_value(PREFS_KEY))


def save_prefs(tx: Transaction, prefs: NudgePrefs) -> None:
    """Store the preferences and refresh the next-due moment (delivery may have been switched)."""
    tx.set_value(PREFS_KEY, to_json(prefs))
    refresh(tx, prefs)


def timezone_of(tx: Transaction) -> ZoneInfo:
    """The zone from the student's profile; UTC until they set one."""
    profile = tx.get_value(_PROFILE_KEY) or {}
    return zone(profile.get("timezone") if isinstance(profile, dict) else None)


def load_all(tx: Transaction) -> list[Nudge]:
    """Every stored nudge of the student, oldest first."""
    return [from_json(Nudge, r) for r in tx.table(NUDGES).all()]


def planner(tx: Transaction, now: datetime, prefs: NudgePrefs | None = None) -> Planner:
    """A planner with this student's preferences and zone."""
    return Planner(prefs or load_prefs(tx), timezone_of(tx), now, lambda: secrets.token_hex(4))


def write(tx: Transaction, changes: Iterable[Nudge], prefs: NudgePrefs | None = None) -> None:
    """Store changed nudges and the student's new next-due moment."""
    table = tx.table(NUDGES)
    for nudge in changes:
        table.put(to_json(nudge))
    refresh(tx, prefs)


def prune(tx: Transaction, now: datetime) -> int:
    """Forget finished nudges after ``KEEP_FINISHED``, so a student's file doesn't grow forever
    (a year of weekly summaries alone is 52 records). Returns how many went."""
    table = tx.table(NUDGES)
    old = [
        n.id
        for n in load_all(tx)
        if not n.state.active
        and (n.history[-1].at if n.history else n.created_at) < now - KEEP_FINISHED
    ]
    for nudge_id in old:
        table.remove(nudge_id)
    return len(old)


def refresh(tx: Transaction, prefs: NudgePrefs | None = None) -> None:
    """Recompute the next-due moment; the due-index follows it (see ``IndexedStore``)."""
    moment = next_due(load_all(tx), prefs or load_prefs(tx))
    value = int(moment.timestamp()) if moment is not None else None
    if tx.get_value(NEXT_DUE_KEY) != value:
        tx.set_value(NEXT_DUE_KEY, value)


def contact_changed(
    tx: Transaction, before: Contact | None, after: Contact | None, now: datetime
) -> None:
    """A contact was added, edited, moved along, logged with or deleted."""
    either = after or before
    contact_id = either.id if either is not None else None
    everything = load_all(tx)
    plan = planner(tx, now)
    mine = [n for n in everything if n.contact_id == contact_id]
    changes = plan_contact(before, after, mine, plan)
    if after is None and contact_id is not None and contact_id in dict(plan.prefs.cadences):
        plan = replace(plan, prefs=plan.prefs.without_cadence(contact_id))  # forget the choice
        tx.set_value(PREFS_KEY, to_json(plan.prefs))
    if after is not None and plan.prefs.enabled:
        changes += ensure_weekly(everything, plan)
    if changes:
        write(tx, changes, plan.prefs)


def interview_changed(
    tx: Transaction, before: Interview | None, after: Interview | None, now: datetime
) -> None:
    """An interview was planned, given a time, moved, debriefed or cancelled."""
    either = after or before
    interview_id = either.id if either is not None else None
    plan = planner(tx, now)
    mine = [n for n in load_all(tx) if n.interview_id == interview_id]
    changes = plan_interview(before, after, mine, plan)
    if changes:
        write(tx, changes, plan.prefs)


def draft_sent(tx: Transaction, draft_kind: str, contact_id: str, now: datetime) -> None:
    """The student tapped "I sent it" on a draft for the first time."""
    plan = planner(tx, now)
    mine = [n for n in load_all(tx) if n.contact_id == contact_id]
    changes = plan_draft_sent(draft_kind, contact_id, mine, plan)
    if changes:
        write(tx, changes, plan.prefs)


def _prefs(record: dict[str, Any] | None) -> NudgePrefs:
    """The stored settings; none stored yet means the defaults (unknown keys are ignored)."""
    return from_json(NudgePrefs, record) if record else NudgePrefs()
