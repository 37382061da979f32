"""The pitch coach: Claude when it is on and its answer checks out, the offline coach otherwise.

Each function returns the same kind of result either way, so handlers never branch on where the
words came from. Claude's output is never trusted blindly: reviews are validated against the
pitch (``from_claude_review``), generated pitches must fit the word budget, and anything odd falls
back to the deterministic offline coach.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.features.pitch.coach_offline import (
    build_text,
    improved_text,
    practice_feedback_html,
    practice_reply_html,
    review_html,
)
from bot.features.pitch.content import pitch_language
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import PRACTICE_OPENER, TIERS, Element
from bot.features.pitch.domain.practice import practice_feedback, practice_follow_ups
from bot.features.pitch.domain.review import PitchAnalysis, analyze, from_claude_review
from bot.features.pitch.domain.tailoring import tailored_answers
from bot.features.pitch.domain.text import count_words, word_budget
from bot.llm.base import LLM, OnText, Request
from bot.llm.grounding import unsupported_facts
from bot.render.templates import render

log = logging.getLogger(__name__)
#: Claude may overshoot the budget a little (it counts differently); beyond this, offline wins.
_BUDGET_SLACK = 1.25
#: A built version is labelled with its time at the student's pace and kept for a slot: it may
#: run over by no more than a listener can hear.
_BUILD_SLACK = 1.1
_FEEDBACK_MAX_WORDS = 220
_TO_THEM = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)
PROFESSIONAL = "professional"
STUDENT = "student"


@dataclass(frozen=True, slots=True)
class Review:
    """A finished review: what was found, the cleaner version and the screen that shows both."""

    analysis: PitchAnalysis
    improved: str
    html: str
    by_claude: bool


def _fits(text: str | None, target_seconds: int, wpm: int) -> bool:
    return (
        bool(text) and count_words(text or "") <= word_budget(target_seconds, wpm) * _BUDGET_SLACK
    )


def _prompt_vars(target_seconds: int, wpm: int) -> dict[str, Any]:
    return {
        "target_seconds": target_seconds,
        "wpm": wpm,
        "budget": word_budget(target_seconds, wpm),
    }


class ElementCheck(BaseModel):
    """Whether the pitch covers one element, with the words that show it."""

    element: Element
    present: bool
    evidence: str = Field(description="Words copied exactly from the pitch; empty when absent")


class PitchReview(BaseModel):
    """A review of the student's pitch."""

    elements: list[ElementCheck]
    vague_claims: list[str] = Field(description="Phrases copied exactly from the pitch")
    suggestions: list[str] = Field(min_length=1, max_length=3)
    improved: str


class PitchVersions(BaseModel):
    """The student's one-minute commercial at three lengths, in their own voice."""

    seconds_15: str = Field(description="About 15 seconds spoken")
    seconds_30: str = Field(description="About 30 seconds spoken")
    seconds_60: str = Field(description="About 60 seconds spoken")

    def at(self, seconds: int) -> str:
        """The version for one tier."""
        return str(getattr(self, f"seconds_{seconds}")).strip()


class OnePitch(BaseModel):
    """One version of the student's commercial."""

    pitch: str


def pitch_problems(
    text: str,
    *,
    label: str,
    seconds: int,
    wpm: int,
    sources: Sequence[str],
    slack: float = _BUDGET_SLACK,
) -> list[str]:
    """The rules a pitch from Claude breaks, each named with why (empty: it may be shown).

    The same limits the offline builder keeps: the word budget for the length, no fact the
    student did not give (placeholders in square brackets are fine), and never a job request.
    """
    problems = []
    budget = word_budget(seconds, wpm)
    words = count_words(text)
    if not text.strip():
        problems.append(f"{label}: empty")
    elif words > budget * slack:
        problems.append(f"{label}: length: {words} words, at most {budget} for {seconds} seconds")
    invented = unsupported_facts(text, sources)
    if invented:
        problems.append(
            f"{label}: facts: {', '.join(invented)} not in the student's data; "
            "use only their facts or a [placeholder]"
        )
    problems += [f"{label}: job_ask: {s!r} asks them for a job" for s in _job_requests(text)]
    return problems


def _job_requests(text: str) -> list[str]:
    """Sentences asking the listener for a job. Saying which position one seeks is an element
    of the commercial (the handout lists it), so only a request put to them counts."""
    return [
        s for s in job_ask_sentences(text, seeking_counts=False) if "?" in s or _TO_THEM.search(s)
    ]


def _sources(answers: PitchAnswers | None, *texts: str | None) -> list[str]:
    values = list(answers.given().values()) if answers else []
    return [str(v) for v in (*values, *texts) if v]


async def review(
    llm: LLM,
    text: str,
    *,
    target_seconds: int,
    wpm: int,
    answers: PitchAnswers | None = None,
) -> Review:
    """Review a pitch against a target; Claude's checklist and rewrite when valid, else offline."""
    name = answers.name if answers else None
    # Off the event loop: a review is CPU work, and a non-English text loads the language model
    # (about two seconds, once) — no other student may wait for that.
    offline = await asyncio.to_thread(
        analyze,
        text,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=name,
        language=pitch_language(),
    )
    sources = _sources(answers, text)
    reply = await llm.parse(
        Request(
            "pitch/review_user.txt.j2",
            {
                "pitch": text,
                "words": offline.words,
                "seconds": round(offline.seconds),
                "expected": [e.label for e in offline.expected],
                **_prompt_vars(target_seconds, wpm),
            },
            task_template="pitch/review_system.txt.j2",
            max_tokens=1500,
        ),
        PitchReview,
        lambda r: pitch_problems(
            r.improved, label="improved", seconds=target_seconds, wpm=wpm, sources=sources
        ),
    )
    checked: tuple[PitchAnalysis, str] | None = None
    if reply.ok and reply.value is not None:
        try:
            checked = from_claude_review(reply.value.model_dump(mode="json"), text, offline)
        except (AttributeError, KeyError, TypeError, ValueError):
            log.warning("Claude's pitch review had an unexpected shape; using the offline coach")
    if checked is not None:
        analysis, improved = checked
        return Review(analysis, improved, review_html(analysis, improved), by_claude=True)
    improved = improved_text(text, offline)
    return Review(offline, improved, review_html(offline, improved), by_claude=False)


async def build(llm: LLM, answers: PitchAnswers, wpm: int) -> dict[int, str]:
    """The three lengths of a built pitch in one request; each tier is Claude's when it passes
    the checks (after one repair round), the offline builder's otherwise."""
    record = answers.given()
    sources = _sources(answers)

    def problems(versions: PitchVersions) -> list[str]:
        return [
            p
            for seconds in TIERS
            for p in pitch_problems(
                versions.at(seconds),
                label=f"seconds_{seconds}",
                seconds=seconds,
                wpm=wpm,
                sources=sources,
                slack=_BUILD_SLACK,
            )
        ]

    reply = await llm.parse(
        Request(
            "pitch/build_user.txt.j2",
            {
                "answers": record,
                "wpm": wpm,
                "lengths": [{"seconds": t, "at_most_words": word_budget(t, wpm)} for t in TIERS],
            },
            task_template="pitch/build_task.txt.j2",
            max_tokens=1200,
        ),
        PitchVersions,
        problems,
    )
    out: dict[int, str] = {}
    for seconds in TIERS:
        text = reply.value.at(seconds) if reply.value is not None else ""
        fine = text and not pitch_problems(
            text, label="", seconds=seconds, wpm=wpm, sources=sources, slack=_BUILD_SLACK
        )
        out[seconds] = text if fine else await asyncio.to_thread(build_text, answers, seconds, wpm)
    return out


async def tailor(
    llm: LLM,
    answers: PitchAnswers,
    *,
    organization: str,
    contact_role: str | None,
    current_pitch: str | None,
    target_seconds: int,
    wpm: int,
) -> str:
    """A version for one organization, from the student's own answers only."""
    record = answers.given()
    sources = _sources(answers, current_pitch, organization, contact_role)
    reply = await llm.parse(
        Request(
            "pitch/tailor_user.txt.j2",
            {
                "answers": record,
                "current_pitch": current_pitch or "",
                "organization": organization,
                "contact_role": contact_role or "",
                **_prompt_vars(target_seconds, wpm),
            },
            task_template="pitch/tailor_task.txt.j2",
            max_tokens=800,
        ),
        OnePitch,
        lambda p: pitch_problems(
            p.pitch, label="pitch", seconds=target_seconds, wpm=wpm, sources=sources
        ),
    )
    if reply.ok and reply.value is not None:
        return reply.value.pitch.strip()
    base = await asyncio.to_thread(
        tailored_answers,
        answers,
        current_pitch,
        target_seconds=target_seconds,
        wpm=wpm,
        language=pitch_language(),
    )
    return await asyncio.to_thread(build_text, base, target_seconds, wpm)


async def shorten(
    llm: LLM, text: str, *, target_seconds: int, wpm: int, answers: PitchAnswers | None
) -> str:
    """The same pitch cut to a shorter target: the review's cleaner version at that length."""
    return (
        await review(llm, text, target_seconds=target_seconds, wpm=wpm, answers=answers)
    ).improved


async def _practice(
    llm: LLM,
    turns: Sequence[Mapping[str, str]],
    finish: bool,
    organization: str,
    role: str,
    timing: dict[str, Any],
    *,
    max_tokens: int,
    on_text: OnText | None = None,
) -> str | None:
    """One practice request: the professional's next line, or (``finish``) the feedback."""
    request = Request(
        "pitch/practice_user.txt.j2",
        {
            "turns": list(turns),
            "finish": finish,
            "opener": PRACTICE_OPENER,
            "organization": organization,
            "role": role,
            **timing,
        },
        task_template="pitch/practice_task.txt.j2",
        max_tokens=max_tokens,
    )
    if on_text is not None:
        reply = await llm.stream(request, on_text)
    else:
        reply = await llm.complete(request)
    text = reply.value if reply.ok else None
    return None if text and _job_requests(text) else text


def _student_replies(turns: Sequence[Mapping[str, str]]) -> list[str]:
    return [t["text"] for t in turns if t.get("speaker") == STUDENT]


def _follow_up(turns: Sequence[Mapping[str, str]]) -> str | None:
    """The professional's line after the student's first answer, as it was said."""
    answered = False
    for t in turns:
        if t.get("speaker") == STUDENT:
            answered = True
        elif answered:
            return t["text"]
    return None


async def practice_turn(
    llm: LLM,
    turns: Sequence[Mapping[str, str]],
    *,
    target_seconds: int,
    wpm: int,
    profile_name: str | None,
    organization: str = "",
    role: str = "",
) -> tuple[str, str]:
    """The professional's next line: (plain text for the transcript, HTML for the chat)."""
    text = await _practice(
        llm, turns, False, organization, role, _prompt_vars(target_seconds, wpm), max_tokens=200
    )
    if text and count_words(text) <= 60:
        return text, render("pitch/practice_turn.html.j2", questions=[text], first=False)
    opening = _student_replies(turns)[0]
    language = pitch_language()
    analysis = await asyncio.to_thread(
        analyze,
        opening,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=profile_name,
        language=language,
    )
    follow_ups = practice_follow_ups(analysis, language=language)
    return " ".join(follow_ups), practice_reply_html(analysis)


async def practice_end(
    llm: LLM,
    turns: Sequence[Mapping[str, str]],
    *,
    target_seconds: int,
    wpm: int,
    profile_name: str | None,
    organization: str = "",
    role: str = "",
    on_text: OnText | None = None,
) -> str:
    """Feedback on the whole exchange, as HTML; with ``on_text`` Claude's words stream to it."""
    text = await _practice(
        llm,
        turns,
        True,
        organization,
        role,
        _prompt_vars(target_seconds, wpm),
        max_tokens=600,
        on_text=on_text,
    )
    if text and count_words(text) <= _FEEDBACK_MAX_WORDS:
        return render("pitch/practice_claude_feedback.html.j2", text=text)
    replies = _student_replies(turns)
    feedback = await asyncio.to_thread(
        practice_feedback,
        replies[0] if replies else "",
        replies[1:],
        follow_up=_follow_up(turns),
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=profile_name,
        language=pitch_language(),
    )
    return practice_feedback_html(feedback)
