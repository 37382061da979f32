"""The /draft use cases: what a draft still needs, writing and keeping one, "I sent it".

Handlers and the presenter call these with the shared services; each loads what it needs, asks
the domain and the coach, saves, and hands back plain values to render.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.features.contacts.domain import LOG_INTRO_ASK, Contact, Stage
from bot.features.outreach.coach import write_draft
from bot.features.outreach.domain.facts import (
    OBJECTIVE_KINDS,
    DraftFacts,
    draft_context,
    in_students_zone,
    stage_after_sent,
)
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import Draft, SavedDraft
from bot.features.outreach.domain.salutations import Salutation
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.render.messages import message
from bot.services import Services


class Need(StrEnum):
    """The one fact a kind of draft asks the student for."""

    OBJECTIVE = "objective"
    HIGHLIGHT = "highlight"
    PROGRESS = "progress"


@dataclass(frozen=True, slots=True)
class Plan:
    """What happens once kind and contact are known: ask for ``need`` (offering ``saved``),
    draft straight away (``need`` None), or stop because the one follow-up was already sent."""

    need: Need | None = None
    saved: str = ""
    followed_up: bool = False


async def plan(
    services: Services, user_id: int, kind: DraftKind, contact: Contact, remembered: str
) -> Plan:
    """Which fact to ask for; the student's remembered objective is offered back to them."""
    if kind is DraftKind.FOLLOW_UP and await services.drafts.sent_count(user_id, contact.id, kind):
        return Plan(followed_up=True)
    interview = await services.interviews.latest_for_contact(user_id, contact.id)
    if kind in OBJECTIVE_KINDS:
        return Plan(Need.OBJECTIVE, remembered or (interview.objective if interview else ""))
    if kind is DraftKind.THANK_YOU and not (interview and interview.highlight):
        return Plan(Need.HIGHLIGHT)
    if kind is DraftKind.KEEP_IN_TOUCH:
        return Plan(Need.PROGRESS)
    return Plan()


async def request_went_out(services: Services, user_id: int, contact: Contact) -> bool:
    """Whether a request went to ``contact``, so a follow-up has something to follow.

    The same test the follow-up coaching applies (nudges/followups.py): the contact waits at
    "request sent", or a sent request planned its follow-up nudge.
    """
    if contact.stage is Stage.REQUEST_SENT:
        return True
    advice = await services.nudges.follow_up_advice(user_id, contact.id)
    return advice.sent_at is not None


async def keep_salutation(
    services: Services, user_id: int, contact_id: str, choice: Salutation
) -> Contact | None:
    """Keep how the student wants ``contact`` addressed, for every later draft to them."""
    return await services.contacts.set_field(user_id, contact_id, "salutation", choice.value)


@dataclass(frozen=True, slots=True)
class Written:
    """A draft that passed every rule, as shown and as kept."""

    draft: Draft
    saved: SavedDraft


async def write(
    services: Services,
    user_id: int,
    kind: DraftKind,
    contact: Contact,
    facts: DraftFacts,
    *,
    tone: Tone = PLAIN,
    variant: int = 0,
    fallback_name: str = "",
) -> Written:
    """Build the draft's context from the student's records, write it, check it, keep it.

    Raises ``DraftUnavailable`` when the student's own facts make every draft break a rule.
    """
    profile = await services.profiles.get(user_id)
    introducer = (
        await services.contacts.get(user_id, contact.introduced_by)
        if contact.introduced_by
        else None
    )
    interview = await services.interviews.latest_for_contact(user_id, contact.id)
    ctx = draft_context(
        profile,
        contact,
        introducer=introducer,
        interview=interview,
        facts=facts,
        fallback_name=fallback_name,
    )
    draft = await write_draft(services.llm, kind, ctx, tone, variant)
    return Written(draft, await services.drafts.keep(user_id, contact.id, draft))


async def kept(
    services: Services, user_id: int, draft_id: str
) -> tuple[SavedDraft, Contact] | None:
    """A shown draft and its contact, or None when either is gone."""
    saved = await services.drafts.get(user_id, draft_id)
    contact = await services.contacts.get(user_id, saved.contact_id) if saved else None
    return (saved, contact) if saved is not None and contact is not None else None


@dataclass(frozen=True, slots=True)
class Sent:
    """What "I sent it" changed: the contact's stage (``moved``) or their log."""

    saved: SavedDraft
    contact: Contact
    moved: bool
    sent_at: datetime | None


async def mark_sent(services: Services, user_id: int, draft_id: str) -> Sent | None:
    """Record the send date (once) and move the contact along; None when the contact is gone."""
    saved = await services.drafts.mark_sent(user_id, draft_id)
    contact = await services.contacts.get(user_id, saved.contact_id) if saved else None
    if saved is None or contact is None:
        return None
    stage = stage_after_sent(saved.kind, contact.stage)
    note = message("outreach.sent_note", kind=message(saved.kind.label_key))
    if stage is not None:
        contact = (
            await services.contacts.set_stage(user_id, contact.id, stage, note=note) or contact
        )
    else:
        kind = LOG_INTRO_ASK if saved.kind is DraftKind.INTRO_REQUEST else "sent"
        contact = await services.contacts.add_log(user_id, contact.id, kind, note) or contact
    profile = await services.profiles.get(user_id)
    sent_at = in_students_zone(saved.sent_at, profile.timezone) if saved.sent_at else None
    return Sent(saved, contact, stage is not None, sent_at)
