"""Interview questions tailored to one contact: Claude when configured, the bank's rules otherwise.

Claude's suggestions are data like any other: each must be a real question, short enough for a
phone, new to the list and never a job request, or it is dropped; if none survive, the offline
rules answer instead: the student's objective asked in their own words, then the bank's
questions for the contact's field, those sharing the objective's words first.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.features.interviews.domain.interviews import MAX_QUESTION_CHARS
from bot.features.interviews.domain.phrasing import objective_question
from bot.features.interviews.domain.questions import QuestionBank, tailored_questions
from bot.features.interviews.domain.relevance import says_the_same
from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.features.pitch.repository import PitchRepository
from bot.llm.base import LLM, Request, Task

# With one question per topic and the closing asks: 7, about 3 min each (8 offline, where the
# objective asked in the student's words comes first).
TAILORED_LIMIT = 2


# The bound is checked by pydantic on the reply; the SDK moves it out of the JSON schema into
# the description, as structured outputs refuse ``maxItems`` (tests/unit/test_structured_schemas).
class TailoredQuestions(BaseModel):
    """Questions tailored to one professional."""

    questions: list[str] = Field(
        max_length=5, description="Questions for this professional, each ending with '?'"
    )


def question_problems(
    questions: list[str], *, avoid: list[str], limit: int = TAILORED_LIMIT
) -> list[str]:
    """Why too few of Claude's questions are usable, rule by rule (empty when enough are)."""
    if len(valid_questions(questions, avoid=avoid, limit=limit)) >= min(limit, 1):
        return []
    seen = {" ".join(q.lower().split()) for q in avoid}
    problems = []
    for index, item in enumerate(questions):
        text = " ".join(item.split())
        where = f"questions[{index}]"
        if not text.endswith("?"):
            problems.append(f"{where}: not a question (must end with '?')")
        elif len(text) > MAX_QUESTION_CHARS:
            problems.append(f"{where}: longer than {MAX_QUESTION_CHARS} characters")
        elif text.lower() in seen:
            problems.append(f"{where}: the student already has this question")
        elif job_ask_sentences(text):
            problems.append(f"{where}: job_ask: it asks for a job, openings or a referral")
    return problems or ["questions: no usable question"]


def valid_questions(raw: object, *, avoid: list[str], limit: int = TAILORED_LIMIT) -> list[str]:
    """The usable questions from a model's answer: questions, short, new, never a job ask."""
    if not isinstance(raw, list):
        return []
    seen = {" ".join(q.lower().split()) for q in avoid}
    out: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            continue
        text = " ".join(item.split())
        key = text.lower()
        if (
            not text.endswith("?")
            or len(text) > MAX_QUESTION_CHARS
            or key in seen
            or job_ask_sentences(text)
        ):
            continue
        seen.add(key)
        out.append(text)
    return out[:limit]


async def tailor_questions(
    llm: LLM,
    bank: QuestionBank,
    *,
    field: str,
    role: str,
    organization: str,
    objective: str,
    already: list[str],
    limit: int = TAILORED_LIMIT,
) -> list[str]:
    """Up to ``limit`` questions about this contact's own work, not already on the list."""
    contact = {"field": field, "role": role, "organization": organization, "objective": objective}
    reply = await llm.parse(
        Request(
            "interviews/tailor_user.txt.j2",
            {
                "contact": {k: v for k, v in contact.items() if v},
                "already": already,
                "limit": limit,
            },
            task_template="interviews/tailor_system.txt.j2",
            task=Task.CHECK,
            max_tokens=500,
        ),
        TailoredQuestions,
        lambda answer: question_problems(answer.questions, avoid=already, limit=limit),
    )
    if reply.ok and reply.value is not None:
        good = valid_questions(reply.value.questions, avoid=already, limit=limit)
        if good:
            return good
    offline = tailored_questions(  # one spare, in case one asks what the objective asks
        bank, field, role, organization, limit=limit + len(already) + 1, objective=objective
    )
    own = objective_question(bank.frames, objective)
    if own is None:
        return valid_questions(offline, avoid=already, limit=limit)
    # the objective in their own words comes on top of, not instead of, the field's questions,
    # and a field question asking the same thing gives way
    offline = [q for q in offline if not says_the_same(q, own)]
    return valid_questions([own, *offline], avoid=already, limit=limit + 1)


async def saved_pitch(pitches: PitchRepository, user_id: int) -> str | None:
    """The student's own one-minute commercial: their newest saved pitch version, if any."""
    current = await pitches.current(user_id)
    if current is None:
        return None
    return current.text.strip() or None
