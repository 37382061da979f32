"""From the student's records to the facts a draft may use, and what "I sent it" changes.

Drafting must never depend on storage shapes, and the rules about names (a referrer only with
permission) and stages (a sent request moves the contact along) are domain rules, so they live here
as pure functions the handlers call.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.contacts import Contact, Stage
from bot.domain.drafts import DraftContext, DraftKind, job_ask_sentences
from bot.domain.interviews import Interview, objective_suggestions
from bot.domain.profile import Profile

MAX_OBJECTIVE_CHARS = 200
MIN_OBJECTIVE_CHARS = 8

# How the student knows someone, as it reads after "I found you through ...".
_CIRCLE_CONNECTIONS = {
    "alumni": "the alumni network",
    "faculty": "my department",
    "clubs": "a club we share",
    "online": "an online professional group",
    "coworkers": "work",
}

# Kinds that need the student's objective (they ask for the interview).
OBJECTIVE_KINDS = frozenset(
    {
        DraftKind.REQUEST_EMAIL,
        DraftKind.PHONE_SCRIPT,
        DraftKind.LINKEDIN_NOTE,
        DraftKind.LINKEDIN_MESSAGE,
        DraftKind.FOLLOW_UP,
    }
)


@dataclass(frozen=True, slots=True)
class DraftFacts:
    """What the student told the coach for this draft, beyond their records."""

    objective: str = ""
    highlight: str = ""
    progress: str = ""


def first_name(name: str) -> str:
    """The name a greeting uses."""
    parts = name.split()
    return parts[0] if parts else name


def connection_phrase(contact: Contact) -> str | None:
    """How the student found the contact, in words a request can open with; None if unknown."""
    return _CIRCLE_CONNECTIONS.get(contact.circle or "")


def default_objective(contact: Contact) -> str:
    """A sensible objective when the student hasn't phrased one (they can change it)."""
    return objective_suggestions(contact.field, contact.role, contact.organization)[0]


def draft_context(
    profile: Profile,
    contact: Contact,
    *,
    introducer: Contact | None = None,
    interview: Interview | None = None,
    facts: DraftFacts = DraftFacts(),
    fallback_name: str = "",
) -> DraftContext:
    """The facts a draft may use: the student's own words first, then their records.

    The referrer's name goes in only with the introducer's permission (``contact.may_use_name``);
    the checker enforces that again on every draft.
    """
    objective = (
        facts.objective.strip()
        or (interview.objective.strip() if interview else "")
        or default_objective(contact)
    )
    highlight = facts.highlight.strip() or (interview.highlight.strip() if interview else "")
    return DraftContext(
        student_name=(profile.name or fallback_name or "").strip(),
        programme=(profile.degree or "").strip(),
        contact_name=contact.name,
        contact_first_name=first_name(contact.name),
        objective=objective,
        organization=contact.organization,
        role=contact.role,
        field=contact.field,
        connection=connection_phrase(contact),
        referrer_name=introducer.name if introducer is not None else None,
        may_use_referrer_name=bool(introducer is not None and contact.may_use_name),
        minutes=interview.duration_minutes if interview else 20,
        debrief_highlight=highlight or None,
        progress_update=facts.progress.strip() or None,
    )


def stage_after_sent(kind: DraftKind, current: Stage) -> Stage | None:
    """The stage a sent message moves the contact to; None when the stage should stay.

    Only forward moves: a request sent to someone already scheduled doesn't send them back.
    """
    if kind in (
        DraftKind.REQUEST_EMAIL,
        DraftKind.PHONE_SCRIPT,
        DraftKind.LINKEDIN_NOTE,
        DraftKind.LINKEDIN_MESSAGE,
        DraftKind.FOLLOW_UP,
    ):
        if current in (Stage.TO_CONTACT, Stage.NO_REPLY):
            return Stage.REQUEST_SENT
        return None
    if kind is DraftKind.THANK_YOU:
        return Stage.THANKED if current is not Stage.KEEPING_IN_TOUCH else None
    if kind is DraftKind.KEEP_IN_TOUCH:
        return Stage.KEEPING_IN_TOUCH
    return None


class ObjectiveError(ValueError):
    """The typed objective can't be used; ``str(exc)`` says why, kindly."""


def clean_objective(text: str) -> str:
    """Validate an objective the student typed: one clear sentence, about learning, not a job."""
    value = " ".join(text.split())
    if len(value) < MIN_OBJECTIVE_CHARS:
        raise ObjectiveError("That's a little short. What do you hope to learn from them?")
    if len(value) > MAX_OBJECTIVE_CHARS:
        raise ObjectiveError(
            f"That's {len(value)} characters; keep it to one sentence under "
            f"{MAX_OBJECTIVE_CHARS} so it fits the request."
        )
    if job_ask_sentences(value):
        raise ObjectiveError(
            "That sounds like asking for a job. An informational interview is for advice "
            "and information — what would you like to learn?"
        )
    return value
