"""The /prep and /debrief use cases: load the meeting, change it, save it, hand back values.

Handlers stay thin: each step reads the update, calls one of these with the shared services and
renders what comes back. The rules they apply (which questions to ask, what a date means in the
student's zone, which stage a debrief moves the contact to) live in the domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as dc_replace
from datetime import datetime

from bot.explained import Reason
from bot.features.contacts.domain import Contact, ContactDraft, Stage
from bot.features.interviews.coach import saved_pitch, tailor_questions
from bot.features.interviews.domain.calendar import interview_ics
from bot.features.interviews.domain.debriefing import held_today, still_ahead
from bot.features.interviews.domain.interviews import (
    Interview,
    Mode,
    NoteEntry,
    PrepSheet,
    Referral,
    Status,
    one_minute_commercial,
    parse_when,
    prep_sheet,
)
from bot.features.interviews.domain.phrasing import (
    clean_found,
    objective_question,
    research_question,
)
from bot.features.interviews.domain.questions import arranged, select_questions
from bot.features.interviews.domain.research import research_checklist
from bot.features.nudges.domain.timing import zone
from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.render.messages import message
from bot.services import Services

# A 20-minute conversation holds about seven questions: one per topic, two about their own
# work, and the two closing asks. The student can add more.
QUESTIONS_PER_TOPIC = 1
MAX_QUESTIONS = 15
MAX_NOTE_CHARS = 1500
# Stages a debrief does not move back to "interviewed" (the student is further along).
_AFTER_DEBRIEF = (Stage.THANKED, Stage.KEEPING_IN_TOUCH)


class JobQuestion(ValueError):
    """A question the student wrote asks for a job."""


async def meeting(
    services: Services, user_id: int, contact_id: str, interview_id: str
) -> tuple[Contact, Interview] | None:
    """The contact and interview a flow is about, or None when either is gone."""
    contact = await services.contacts.get(user_id, contact_id) if contact_id else None
    interview = await services.interviews.get(user_id, interview_id) if interview_id else None
    return (contact, interview) if contact is not None and interview is not None else None


# --- prep ------------------------------------------------------------------------------------


async def planned(services: Services, user_id: int, contact: Contact) -> Interview | None:
    """An interview with them still being planned, which a new /prep continues."""
    latest = await services.interviews.latest_for_contact(user_id, contact.id)
    if latest is not None and latest.status in (Status.PLANNED, Status.SCHEDULED):
        return latest
    return None


async def set_objective(
    services: Services, user_id: int, contact: Contact, interview_id: str, objective: str
) -> tuple[Interview, int]:
    """Keep the objective; the first time, choose the questions (bank plus tailored ones).

    Returns the interview and how many questions were tailored to the contact (listed first).
    """
    interview = await services.interviews.get(user_id, interview_id) if interview_id else None
    bank = services.questions
    if interview is not None and interview.questions:
        was = objective_question(bank.frames, interview.objective)
        now = objective_question(bank.frames, objective)
        changed = await services.interviews.update(
            user_id, interview.id, lambda i: i.with_objective(objective, was, now)
        )
        return changed or interview, 0
    chosen = select_questions(
        bank,
        field=contact.field,
        role=contact.role,
        organization=contact.organization,
        per_category=QUESTIONS_PER_TOPIC,
        objective=objective,
    )
    tailored = await tailor_questions(
        services.llm,
        bank,
        field=contact.field,
        role=contact.role,
        organization=contact.organization,
        objective=objective,
        already=[q.text for q in chosen],
    )
    questions = arranged(tailored, chosen)
    if interview is None:
        interview = await services.interviews.create(user_id, contact.id, objective, questions)
    else:
        changed = await services.interviews.update(
            user_id, interview.id, lambda i: dc_replace(i, objective=objective, questions=questions)
        )
        interview = changed or interview
    return interview, len(tailored)


async def write_question(
    services: Services, user_id: int, interview_id: str, text: str, replacing: int | None
) -> Interview | None:
    """Add the student's question (or reword question ``replacing``); a "?" is added.

    Raises ``JobQuestion`` for a job request and ``ValueError`` for an empty or long question.
    """
    text = " ".join(text.split())
    if text and not text.endswith("?"):
        text += "?"
    if job_ask_sentences(text):
        raise JobQuestion(text)

    def change(i: Interview) -> Interview:
        if replacing is not None and 0 <= replacing < len(i.questions):
            return i.with_question_replaced(replacing, text)
        return i.with_question_added(text)

    return await services.interviews.update(user_id, interview_id, change)


async def remove_question(
    services: Services, user_id: int, interview_id: str, index: int
) -> Interview | None:
    """Drop one question."""
    return await services.interviews.update(
        user_id, interview_id, lambda i: i.with_question_removed(index)
    )


async def move_question(
    services: Services, user_id: int, interview_id: str, index: int, to: int
) -> Interview | None:
    """Put question ``index`` at position ``to`` (both 0-based)."""
    return await services.interviews.update(
        user_id, interview_id, lambda i: i.with_question_moved(index, to)
    )


async def note_research(
    services: Services, user_id: int, interview_id: str, text: str
) -> Interview | None:
    """Keep one thing the student found about them, asked about first on the list.

    Raises ``JobQuestion`` for a job request and ``ValueError`` (a sentence for the student)
    for an empty or long note.
    """
    found = clean_found(text)
    if job_ask_sentences(found):
        raise JobQuestion(found)
    question = research_question(services.questions.frames, found)
    return await services.interviews.update(
        user_id, interview_id, lambda i: i.with_research(found, question)
    )


async def schedule(
    services: Services, user_id: int, contact: Contact, interview: Interview, text: str
) -> datetime:
    """Read the date the student typed in their zone; the interview and contact are scheduled.

    Raises ``WhenError`` (with a reason for the student) for anything unreadable or past.
    """
    profile = await services.profiles.get(user_id)
    when = parse_when(text, profile.timezone or "UTC", services.clock.now())
    await services.interviews.update(
        user_id, interview.id, lambda i: dc_replace(i, starts_at=when, status=Status.SCHEDULED)
    )
    await services.contacts.set_stage(user_id, contact.id, Stage.SCHEDULED, scheduled_for=when)
    return when


async def finish_prep(
    services: Services,
    user_id: int,
    contact: Contact,
    interview: Interview,
    mode: Mode | None = None,
) -> tuple[Interview, PrepSheet]:
    """Keep how they will meet (if chosen), mark the prep done and build the sheet."""

    def change(i: Interview) -> Interview:
        return dc_replace(i, prep_done=True, mode=mode or i.mode)

    interview = await services.interviews.update(user_id, interview.id, change) or interview
    return interview, await sheet_for(services, user_id, contact, interview)


async def sheet_for(
    services: Services, user_id: int, contact: Contact, interview: Interview
) -> PrepSheet:
    """The prep sheet as it stands, opening with the student's own pitch when one is saved."""
    profile = await services.profiles.get(user_id)
    commercial = await saved_pitch(services.pitches, user_id) or one_minute_commercial(
        profile.name or "",
        profile.degree or "",
        contact.field or profile.interests or "",
        contact.organization,
        interview.objective,
    )
    return prep_sheet(
        interview,
        contact_name=contact.name,
        organization=contact.organization,
        role=contact.role,
        tz_name=profile.timezone or "UTC",
        commercial=commercial,
    )


async def calendar_file(
    services: Services, user_id: int, contact: Contact, interview: Interview
) -> bytes | None:
    """The .ics for the phone's calendar, once the date is set."""
    if interview.starts_at is None:
        return None
    profile = await services.profiles.get(user_id)
    return interview_ics(
        interview,
        contact_name=contact.name,
        organization=contact.organization,
        student_tz=profile.timezone or "UTC",
    )


async def checklist(services: Services, user_id: int, contact: Contact) -> tuple[Reason, ...]:
    """What to look up about them before the meeting (naming who introduced them, if anyone)."""
    introducer = ""
    if contact.introduced_by:
        found = await services.contacts.get(user_id, contact.introduced_by)
        introducer = found.name if found is not None else ""
    return research_checklist(
        name=contact.name,
        organization=contact.organization,
        role=contact.role,
        field=contact.field,
        circle=contact.circle,
        url=contact.url,
        introducer=introducer,
    )


# --- debrief ---------------------------------------------------------------------------------


async def start_debrief(services: Services, user_id: int, contact: Contact) -> Interview:
    """Their latest interview (a new one when the student never used /prep)."""
    interview = await services.interviews.latest_for_contact(user_id, contact.id)
    if interview is None or interview.status is Status.CANCELLED:
        interview = await services.interviews.create(user_id, contact.id, "")
    return interview


async def meeting_ahead(services: Services, user_id: int, interview: Interview) -> datetime | None:
    """The planned start in the student's zone when the meeting is still to come (a debrief
    must then ask whether it already happened), else None."""
    if not still_ahead(interview, services.clock.now()):
        return None
    return await local_start(services, user_id, interview)


async def local_start(services: Services, user_id: int, interview: Interview) -> datetime:
    """When the meeting starts (now, when no time is set) in the student's zone."""
    profile = await services.profiles.get(user_id)
    return (interview.starts_at or services.clock.now()).astimezone(zone(profile.timezone))


async def mark_held(
    services: Services, user_id: int, contact: Contact, interview: Interview
) -> Interview:
    """The meeting already happened: record it as today's, so the thank-you reminder and the
    keep-in-touch cadence (both planned from the meeting time) follow the real date."""
    profile = await services.profiles.get(user_id)
    when = held_today(interview, services.clock.now(), zone(profile.timezone))
    held = await services.interviews.update(
        user_id, interview.id, lambda i: dc_replace(i, starts_at=when, status=Status.SCHEDULED)
    )
    if contact.stage is Stage.SCHEDULED:
        await services.contacts.set_stage(
            user_id,
            contact.id,
            Stage.SCHEDULED,
            note=message("interviews.held_earlier"),
            scheduled_for=when,
        )
    return held or interview


async def keep_note(
    services: Services, user_id: int, interview: Interview, index: int, answer: str
) -> Interview:
    """The note for prepared question ``index``, or free notes when there is no such question."""
    answer = answer.strip()[:MAX_NOTE_CHARS]
    question = interview.questions[index] if index < len(interview.questions) else None

    def change(i: Interview) -> Interview:
        if question is None:
            joined = f"{i.free_notes}\n{answer}".strip()
            return dc_replace(i, free_notes=joined[-MAX_NOTE_CHARS * 4 :])
        kept = tuple(n for n in i.notes if n.question != question)
        return dc_replace(i, notes=(*kept, NoteEntry(question, answer)))

    return await services.interviews.update(user_id, interview.id, change) or interview


async def set_highlight(services: Services, user_id: int, interview_id: str, text: str) -> None:
    """The one line the thank-you will mention."""
    await services.interviews.update(user_id, interview_id, lambda i: dc_replace(i, highlight=text))


async def add_referral(
    services: Services,
    user_id: int,
    contact: Contact,
    interview_id: str,
    person: ContactDraft,
    may_use: bool | None,
) -> Contact | None:
    """Save someone the contact recommended, introduced by them; None when the contact is gone."""
    added = await services.contacts.introduce(user_id, contact.id, person, may_use)
    if added is None:
        return None
    referral = Referral(added.name, added.organization, bool(may_use))
    await services.interviews.update(
        user_id, interview_id, lambda i: dc_replace(i, referrals=(*i.referrals, referral))
    )
    return added


@dataclass(frozen=True, slots=True)
class Debriefed:
    """The contact (stage moved, interview logged) and the finished interview."""

    contact: Contact
    interview: Interview


async def finish_debrief(
    services: Services,
    user_id: int,
    contact: Contact,
    interview: Interview,
    next_steps: tuple[str, ...],
) -> Debriefed:
    """Close the interview, move the contact to "interviewed" and log the conversation."""
    now = services.clock.now()
    interview = (
        await services.interviews.update(
            user_id,
            interview.id,
            lambda i: dc_replace(i, next_steps=next_steps, status=Status.DONE),
        )
        or interview
    )
    if contact.stage not in _AFTER_DEBRIEF:
        await services.contacts.set_stage(user_id, contact.id, Stage.INTERVIEWED)
    happened = interview.starts_at if interview.starts_at and interview.starts_at <= now else None
    logged = await services.contacts.log_interaction(
        user_id, contact.id, message("interviews.interview_logged"), happened=happened
    )
    return Debriefed(logged or contact, interview)
