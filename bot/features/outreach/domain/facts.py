"""From the student's records to the facts a draft may use, and what "I sent it" changes.

Drafting must never depend on storage shapes, and the rules about names (a referrer only with
permission) and stages (a sent request moves the contact along) are domain rules, so they live here
as pure functions the handlers call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.explained import Explained
from bot.features.contacts.domain import Contact, Stage
from bot.features.contacts.domain.names import split_name
from bot.features.interviews.domain.interviews import Interview, objective_suggestions
from bot.features.outreach.domain.connections import (
    connection_line,
    knows_well,
    warm_connection_line,
)
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.display import (
    display_name,
    display_organization,
    written,
    written_field,
    written_role,
)
from bot.features.outreach.domain.job_ask import asks_for_job
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.salutations import addressed_as, formal_form
from bot.features.profile.domain.profile import Profile

MAX_OBJECTIVE_CHARS = 200
MIN_OBJECTIVE_CHARS = 8

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


# Markup and brackets in a contact's or the student's text: the draft checker reads them as
# unfilled placeholders, so a contact saved as "<b>Dana</b>" would make every draft impossible.
_TAG = re.compile(
    r"</?(?:b|i|u|s|a|em|strong|code|pre|br|p|span|div|ins|del|strike)\b[^<>]{0,40}>",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"[<>\[\]{}]|_{3,}")


def data_text(text: str | None) -> str:
    """Text typed by a person, cleaned of what would read as markup or a placeholder in a draft."""
    cleaned = _BRACKETS.sub(" ", _TAG.sub("", text or ""))
    return " ".join(cleaned.split())


def objective_asks_for_job(objective: str) -> bool:
    """Whether the objective goes after a job rather than advice ("how people get hired" is fine).

    Saying what one seeks counts here: the objective is written into "May I have 20 minutes of
    your time to ...", where "find an internship" would be a request.
    """
    return asks_for_job(objective)


_NOT_IN_NAMES_TEXT = (
    "how what why when where which who whom the about into with from that this is are was were "
    "i i'm you she he they we my your her his their learn want would like to for can could "
    "should please said told thanks thank no none nobody"
)
_NOT_IN_NAMES = frozenset(_NOT_IN_NAMES_TEXT.split())
MAX_NAME_WORDS = 5


def name_problem(name: str) -> str | None:
    """Why a typed "name" is more likely a sentence (an objective, a note) than a person."""
    words = [w.strip(".,!?;:'\"()").lower() for w in name.split()]
    if name.strip().endswith("?") or len(words) > MAX_NAME_WORDS or _NOT_IN_NAMES & set(words):
        return (
            "That reads like a sentence rather than a name. Type just their name "
            "(organization and role after commas)."
        )
    return None


def first_name(name: str) -> str:
    """The name a greeting uses: "Lakshmi" for "Lakshmi Iyer", "Dr. Brooks" for "Dr. Alan Brooks
    Jr.", "Aunt Rosa" for "Aunt Rosa".

    A title is not a name ("Hello, is this Dr.?"): it keeps the family name beside it, and a
    relation keeps the given name ("Hello Aunt," greets nobody).
    """
    parts = split_name(name)
    if parts.prefix and parts.family:
        return f"{parts.prefix} {parts.family}"
    if parts.relation and parts.given:
        return f"{parts.relation} {parts.given}"
    return parts.given or parts.family or name.strip()


def formal_greeting(contact: Contact) -> str:
    """The formal greeting every draft to ``contact`` opens with, as the drafts write the name
    ("omar haddad" typed, "Dear Dr. Haddad," written): shown when the student picks a title."""
    name = display_name(data_text(contact.name) or contact.name.strip())
    addressed = addressed_as(name, contact.salutation, first_name(name))
    return formal_form(name, addressed, contact.salutation)


def connection_phrase(contact: Contact) -> str | None:
    """What a request may truthfully say about how the student knows the contact, or None."""
    return connection_line(contact.circle, contact.notes)


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
    """The facts a draft may use: the student's own words first, then their records, written
    as a letter says them (display.py: "priya shah" at "intuit" is "Priya Shah" at "Intuit",
    "u" is "you").

    The referrer's name goes in only with the introducer's permission (``contact.may_use_name``);
    the checker enforces that again on every draft.
    """
    objective = (
        data_text(facts.objective)
        or (data_text(interview.objective) if interview else "")
        or default_objective(contact)
    )
    highlight = data_text(facts.highlight) or (data_text(interview.highlight) if interview else "")
    name = display_name(data_text(contact.name) or contact.name.strip())
    connection = connection_phrase(contact)
    warm_connection = warm_connection_line(contact.circle, contact.notes)
    return DraftContext(
        student_name=display_name(data_text(profile.name or fallback_name)),
        programme=data_text(profile.degree),  # signed as typed; introduced in plain words
        contact_name=name,
        contact_first_name=addressed_as(name, contact.salutation, first_name(name)),
        objective=written(objective),
        organization=display_organization(data_text(contact.organization)),
        role=written_role(data_text(contact.role)),
        field=written_field(data_text(contact.field)),
        connection=written(connection) if connection else None,
        warm_connection=written(warm_connection) if warm_connection else None,
        knows_student=knows_well(contact.circle),
        referrer_name=display_name(data_text(introducer.name)) if introducer is not None else None,
        may_use_referrer_name=bool(introducer is not None and contact.may_use_name),
        minutes=interview.duration_minutes if interview else 20,
        debrief_highlight=written(highlight) or None,
        progress_update=written(data_text(facts.progress)) or None,
        referrals=(
            tuple(display_name(data_text(r.name)) for r in interview.referrals) if interview else ()
        ),
        salutation=contact.salutation,
        interests=written(data_text(profile.interests)),
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


def in_students_zone(moment: datetime, tz_name: str | None) -> datetime:
    """A stored UTC moment as the student's own clock shows it (UTC if their zone is unknown)."""
    try:
        return moment.astimezone(ZoneInfo(tz_name)) if tz_name else moment
    except (ZoneInfoNotFoundError, ValueError):
        return moment


class ObjectiveError(Explained):
    """The typed objective can't be used; its ``outreach.objective_*`` message says why, kindly."""


def clean_objective(text: str) -> str:
    """Validate an objective the student typed: one clear sentence, about learning, not a job."""
    value = " ".join(text.split())
    if len(value) < MIN_OBJECTIVE_CHARS:
        raise ObjectiveError("outreach.objective_short")
    if len(value) > MAX_OBJECTIVE_CHARS:
        raise ObjectiveError(
            "outreach.objective_long", length=len(value), limit=MAX_OBJECTIVE_CHARS
        )
    if objective_asks_for_job(value):
        raise ObjectiveError("outreach.objective_job")
    return value
