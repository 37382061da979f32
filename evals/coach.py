"""The one place the eval suite touches the bot: every call into the coach goes through here.

Features are being reshaped (one folder each, the flow kit, god modules split), so the suite
never reaches into handlers or private helpers: it uses each coach's public functions and the
few domain constructors they take. When a name moves, the fix is one import line below.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from bot.features.ask import evaluation as ask_evaluation
from bot.features.contacts.domain import Contact
from bot.features.interviews import coach as interviews_coach
from bot.features.interviews.content import shipped_question_bank
from bot.features.interviews.domain.interviews import Interview, Mode, Referral, prep_sheet
from bot.features.interviews.domain.phrasing import research_question
from bot.features.interviews.domain.questions import arranged, select_questions
from bot.features.outreach import coach as outreach_coach
from bot.features.outreach.coach_offline import DraftUnavailable
from bot.features.outreach.domain.facts import DraftFacts, ObjectiveError, clean_objective
from bot.features.outreach.domain.facts import draft_context as _draft_context
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.tone import Tone
from bot.features.pitch import coach as pitch_coach
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.tailoring import tailor_gaps
from bot.features.profile.domain.profile import Profile
from bot.llm.gateway import LLM, NoLLM, build_llm
from bot.render.messages import explain
from bot.render.templates import render
from bot.settings import Settings

#: A fixed moment, so nothing in a case depends on the day the suite runs.
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
QUESTIONS_PER_TOPIC = 2  # as /prep asks for


def offline_llm() -> LLM:
    """The deterministic offline coach, as every student without a key sees it."""
    return NoLLM()


def claude_llm() -> LLM | None:
    """Claude when ``ANTHROPIC_API_KEY`` is set (the live coach), else None."""
    if not os.environ.get("ANTHROPIC_API_KEY"):
        return None
    return build_llm(Settings())  # type: ignore[call-arg]


@dataclass(frozen=True, slots=True)
class Review:
    """What a pitch review gives the student, reduced to what graders read."""

    cleaner: str
    screen: str
    present: tuple[str, ...]
    fillers: tuple[str, ...]
    words: int


@dataclass(frozen=True, slots=True)
class Draft:
    """One drafted message, or why none could be drafted."""

    kind: str
    text: str
    refused: str = ""


@dataclass(frozen=True, slots=True)
class Prep:
    """The questions and the one-screen sheet /prep ends with."""

    questions: tuple[str, ...]
    sheet: str
    tailored: tuple[str, ...] = field(default=())


def answers(data: Mapping[str, Any]) -> PitchAnswers:
    """Builder answers from a case (element ids, plus name/organization/ask)."""
    known = {f.name for f in fields(PitchAnswers)}
    return PitchAnswers(**{k: v for k, v in data.items() if k in known and isinstance(v, str)})


async def review_pitch(
    llm: LLM, text: str, *, target_seconds: int, wpm: int, saved: Mapping[str, Any] | None
) -> Review:
    """The pitch review a student gets after pasting ``text``."""
    result = await pitch_coach.review(
        llm, text, target_seconds=target_seconds, wpm=wpm, answers=answers(saved) if saved else None
    )
    a = result.analysis
    return Review(
        cleaner=result.improved,
        screen=result.html,
        present=tuple(e.value for e in a.present),
        fillers=tuple(a.fillers),
        words=a.words,
    )


async def build_pitch(llm: LLM, data: Mapping[str, Any], *, wpm: int) -> dict[int, str]:
    """The guided build's 15, 30 and 60-second versions."""
    return await pitch_coach.build(llm, answers(data), wpm)


async def tailor_pitch(
    llm: LLM,
    data: Mapping[str, Any],
    *,
    organization: str,
    role: str,
    current: str | None,
    target_seconds: int,
    wpm: int,
) -> str:
    """A version of the pitch for one organization, as /pitch tailors it when the student skips
    the facts it asks for (``tailor_gaps``): those are left out, never carried over."""
    given = answers(data)
    for gap in tailor_gaps(given, organization, role or None):
        given = given.with_answer(gap, None)
    return await pitch_coach.tailor(
        llm,
        given,
        organization=organization,
        contact_role=role or None,
        current_pitch=current,
        target_seconds=target_seconds,
        wpm=wpm,
    )


def pitch_elements() -> tuple[str, ...]:
    """The handout's elements, by id."""
    from bot.features.pitch.domain.elements import Element

    return tuple(e.value for e in Element)


def objective_refusal(objective: str) -> str | None:
    """Why the coach refuses a typed objective, or None when it accepts it."""
    try:
        clean_objective(objective)
    except ObjectiveError as exc:
        return explain(exc)
    return None


def _profile(data: Mapping[str, Any]) -> Profile:
    return Profile(
        name=data.get("name"),
        degree=data.get("degree"),
        interests=data.get("interests"),
        position=data.get("position"),
        timezone=data.get("timezone", "UTC"),
        onboarded=True,
    )


def _contact(data: Mapping[str, Any], cid: str, introduced_by: str | None = None) -> Contact:
    return Contact(
        id=cid,
        name=data["name"],
        created_at=NOW,
        updated_at=NOW,
        circle=data.get("circle"),
        organization=data.get("organization", ""),
        role=data.get("role", ""),
        field=data.get("field", ""),
        notes=data.get("notes", ""),
        introduced_by=introduced_by,
        may_use_name=data.get("may_use_name"),
        salutation=data.get("salutation", ""),
    )


def _interview(case: Mapping[str, Any], objective: str) -> Interview:
    return Interview(
        id="i1",
        contact_id="c1",
        objective=objective,
        created_at=NOW,
        questions=tuple(case.get("questions", ())),
        duration_minutes=case.get("minutes", 20),
        mode=Mode(case.get("mode", "in_person")),
        location=case.get("location", ""),
        highlight=case.get("highlight", ""),
        next_steps=tuple(case.get("next_steps", ())),
        referrals=tuple(
            Referral(r["name"], r.get("organization", ""), bool(r.get("may_use_name")))
            for r in case.get("referrals", ())
        ),
    )


DRAFT_KINDS = tuple(k.value for k in DraftKind)
#: A case's "tone" list, as the buttons under a draft name it, to the flags of ``Tone``.
TONES = {"shorter": "shorter", "warmer": "warmer", "more formal": "formal"}


async def write_draft(llm: LLM, kind: str, case: Mapping[str, Any]) -> Draft:
    """One draft for a case's profile, contact (and introducer) and facts, as /draft writes it."""
    introducer = case.get("introducer")
    contact = _contact(case["contact"], "c1", "c0" if introducer else None)
    objective = case.get("objective", "")
    has_meeting = bool(case.get("highlight") or case.get("referrals"))
    ctx = _draft_context(
        _profile(case.get("profile", {})),
        contact,
        introducer=_contact(introducer, "c0") if introducer else None,
        interview=_interview(case, objective) if has_meeting else None,
        facts=DraftFacts(objective=objective, highlight=case.get("highlight", "")),
        fallback_name=case.get("profile", {}).get("telegram_name", "Student"),
    )
    try:
        tone = Tone(**{TONES[t]: True for t in case.get("tone", ())})  # "warmer", "more formal"
        draft = await outreach_coach.write_draft(llm, DraftKind(kind), ctx, tone)
    except DraftUnavailable as exc:
        return Draft(kind, "", refused="; ".join(explain(v.reason) for v in exc.violations))
    return Draft(kind, draft.text)


async def prepare(llm: LLM, case: Mapping[str, Any], objective: str) -> Prep:
    """The questions and the sheet /prep builds for a contact and an objective."""
    bank = shipped_question_bank()
    c = case["contact"]
    chosen = select_questions(
        bank,
        field=c.get("field", ""),
        role=c.get("role", ""),
        organization=c.get("organization", ""),
        per_category=QUESTIONS_PER_TOPIC,
        objective=objective,
    )
    tailored = await interviews_coach.tailor_questions(
        llm,
        bank,
        field=c.get("field", ""),
        role=c.get("role", ""),
        organization=c.get("organization", ""),
        objective=objective,
        already=[q.text for q in chosen],
    )
    questions: Sequence[str] = arranged(tailored, chosen)
    interview = _interview({**case, "questions": questions}, objective)
    if found := case.get("research"):  # one thing the student found, asked about first
        interview = interview.with_research(found, research_question(bank.frames, found))
        questions = interview.questions
    sheet = prep_sheet(
        interview,
        contact_name=c["name"],
        organization=c.get("organization", ""),
        role=c.get("role", ""),
        tz_name=case.get("profile", {}).get("timezone", "UTC"),
        commercial=case.get("commercial"),
    )
    return Prep(
        tuple(questions), plain(render("interviews/sheet.html.j2", sheet=sheet)), tuple(tailored)
    )


def plain(html_text: str) -> str:
    """What a phone shows of the coach's HTML: tags gone, entities read."""
    return html.unescape(re.sub(r"</?[a-z][^>]*>", "", html_text))


@dataclass(frozen=True, slots=True)
class ChatAnswer:
    """One answer of "ask the coach", with the ask feature's own checks on it."""

    case_id: str
    question: str
    text: str
    checks: dict[str, bool]
    sources: tuple[str, ...]


async def ask_the_coach(llm: LLM) -> list[ChatAnswer]:
    """The ask feature's shipped cases (``data/ask_eval_cases.json``), answered and checked by
    ``bot.features.ask.evaluation`` (its graders run beside this suite's)."""
    cases = ask_evaluation.load_cases()
    scores = await ask_evaluation.run_cases(cases, llm)
    out: list[ChatAnswer] = []
    for case, score in zip(cases, scores, strict=True):
        data = [case.question, *case.profile.values()]
        data += [v for c in case.contacts for v in c.values()]
        out.append(ChatAnswer(case.id, case.question, score.text, score.checks, tuple(data)))
    return out
