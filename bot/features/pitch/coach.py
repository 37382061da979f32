"""The pitch coach: Claude when it is on and its answer checks out, the offline coach otherwise.

Each function returns the same kind of result either way, so handlers never branch on where the
words came from. Claude's output is never trusted blindly: reviews are validated against the
pitch (``from_claude_review``), generated pitches must fit the word budget, and anything odd falls
back to the deterministic offline coach.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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
from bot.features.pitch.domain.review import (
    REVIEW_SCHEMA,
    PitchAnalysis,
    analyze,
    from_claude_review,
)
from bot.features.pitch.domain.tailoring import tailored_answers
from bot.features.pitch.domain.text import count_words, word_budget
from bot.llm.base import LLM
from bot.llm.prompts import render

log = logging.getLogger(__name__)
_SYSTEM = "pitch/coach_system.txt.j2"
#: Claude may overshoot the budget a little (it counts differently); beyond this, offline wins.
_BUDGET_SLACK = 1.25
_FEEDBACK_MAX_WORDS = 220
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
    offline = analyze(
        text,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=name,
        language=pitch_language(),
    )
    data = await llm.json(
        "pitch/review_system.txt.j2",
        "pitch/review_user.txt.j2",
        schema=REVIEW_SCHEMA,
        elements=list(Element),
        words=offline.words,
        seconds=round(offline.seconds),
        expected=list(offline.expected),
        pitch=text,
        **_prompt_vars(target_seconds, wpm),
    )
    checked: tuple[PitchAnalysis, str] | None = None
    if data is not None:
        try:
            checked = from_claude_review(data, text, offline)
        except (AttributeError, KeyError, TypeError, ValueError):
            log.warning("Claude's pitch review had an unexpected shape; using the offline coach")
    if checked is not None:
        analysis, improved = checked
        return Review(analysis, improved, review_html(analysis, improved), by_claude=True)
    improved = improved_text(text, offline, answers)
    return Review(offline, improved, review_html(offline, improved), by_claude=False)


async def build(llm: LLM, answers: PitchAnswers, wpm: int) -> dict[int, str]:
    """The three lengths of a built pitch; each is Claude's when it fits, else the offline one."""
    record = answers.given()
    out: dict[int, str] = {}
    for seconds in TIERS:
        text = await llm.text(
            _SYSTEM, "pitch/build_user.txt.j2", answers=record, **_prompt_vars(seconds, wpm)
        )
        out[seconds] = (
            text if text and _fits(text, seconds, wpm) else build_text(answers, seconds, wpm)
        )
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
    text = await llm.text(
        _SYSTEM,
        "pitch/tailor_user.txt.j2",
        answers=record,
        current_pitch=current_pitch or "",
        organization=organization,
        contact_role=contact_role or "",
        **_prompt_vars(target_seconds, wpm),
    )
    if text and _fits(text, target_seconds, wpm):
        return text
    base = tailored_answers(
        answers,
        current_pitch,
        target_seconds=target_seconds,
        wpm=wpm,
        language=pitch_language(),
    )
    return build_text(base, target_seconds, wpm)


async def shorten(
    llm: LLM, text: str, *, target_seconds: int, wpm: int, answers: PitchAnswers | None
) -> str:
    """The same pitch cut to a shorter target: the review's cleaner version at that length."""
    return (
        await review(llm, text, target_seconds=target_seconds, wpm=wpm, answers=answers)
    ).improved


def _student_replies(turns: Sequence[Mapping[str, str]]) -> list[str]:
    return [t["text"] for t in turns if t.get("speaker") == STUDENT]


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
    text = await llm.text(
        _SYSTEM,
        "pitch/practice_user.txt.j2",
        turns=list(turns),
        finish=False,
        opener=PRACTICE_OPENER,
        organization=organization,
        role=role,
        **_prompt_vars(target_seconds, wpm),
    )
    if text and count_words(text) <= 60:
        return text, render("pitch/practice_turn.html.j2", questions=[text], first=False)
    opening = _student_replies(turns)[0]
    language = pitch_language()
    analysis = analyze(
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
) -> str:
    """Feedback on the whole exchange, as HTML."""
    text = await llm.text(
        _SYSTEM,
        "pitch/practice_user.txt.j2",
        turns=list(turns),
        finish=True,
        opener=PRACTICE_OPENER,
        organization=organization,
        role=role,
        **_prompt_vars(target_seconds, wpm),
    )
    if text and count_words(text) <= _FEEDBACK_MAX_WORDS:
        return render("pitch/practice_claude_feedback.html.j2", text=text)
    replies = _student_replies(turns)
    feedback = practice_feedback(
        replies[0] if replies else "",
        replies[1:],
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=profile_name,
        language=pitch_language(),
    )
    return practice_feedback_html(feedback)
