"""The pitch coach without a Claude key: domain results rendered through ``prompts/pitch/``.

The domain decides what goes into a pitch and what the review found; these functions only word
it. The Claude-backed coach will sit beside this module and fall back to it, so both hand the
student the same kind of result.
"""

from __future__ import annotations

import re
from typing import Any

from bot.features.pitch.content import pitch_language
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.assemble import assemble_pitch
from bot.features.pitch.domain.elements import DEFAULT_WPM, ORDER, PRACTICE_OPENER, Element
from bot.features.pitch.domain.improve import improve
from bot.features.pitch.domain.parts import PitchParts
from bot.features.pitch.domain.practice import (
    PracticeFeedback,
    RehearsalFeedback,
    practice_follow_ups,
)
from bot.features.pitch.domain.review import PitchAnalysis
from bot.features.pitch.domain.spoken_language import language_name
from bot.features.pitch.domain.text import count_words, normalize
from bot.render.templates import render

_BLANK_RUNS = re.compile(r"\n{3,}")


def _screen(template: str, **variables: Any) -> str:
    """Render a screen; optional sections may leave blank runs, which a phone shows as gaps."""
    return _BLANK_RUNS.sub("\n\n", render(template, **variables))


def _fit(template: str, answers: PitchAnswers, target_seconds: int, wpm: int, **extra: Any) -> str:
    """The template's text from answers trimmed until the rendered words fit the budget."""

    def said(parts: PitchParts) -> str:
        return render(template, parts=parts, order=ORDER, **extra)

    def measure(parts: PitchParts) -> int:
        return count_words(said(parts))

    language = pitch_language()
    return said(assemble_pitch(answers, target_seconds, wpm, language=language, measure=measure))


def build_text(answers: PitchAnswers, target_seconds: int, wpm: int = DEFAULT_WPM) -> str:
    """The guided build's pitch at one length, in spoken first-person sentences."""
    return _fit("pitch/build.txt.j2", answers, target_seconds, wpm)


def improved_text(text: str, analysis: PitchAnalysis) -> str:
    """The offline improved version: their words, cleaned and trimmed, gaps clearly marked.

    Only English has the word lists to clean with; another language gets its own words back.
    """
    if not analysis.in_english:
        return normalize(text)
    extracted = improve(text, analysis, language=pitch_language())
    return _fit(
        "pitch/improve.txt.j2",
        extracted,
        analysis.target_seconds,
        analysis.wpm,
        covered=list(analysis.present),
    )


def review_html(analysis: PitchAnalysis, improved: str) -> str:
    """The review screen: checklist, timing, language notes, suggestions, improved version."""
    return _screen(
        "pitch/review.html.j2",
        a=analysis,
        improved=improved,
        elements=list(Element),
        language_name=language_name(analysis.language),
    )


def rehearsal_html(feedback: RehearsalFeedback) -> str:
    """What the coach says after a voice note."""
    return _screen("pitch/rehearsal.html.j2", r=feedback, elements=list(Element))


def practice_opener_html() -> str:
    """The professional's first line in the practice conversation."""
    return _screen("pitch/practice_turn.html.j2", questions=[PRACTICE_OPENER], first=True)


def practice_reply_html(analysis: PitchAnalysis) -> str:
    """The scripted professional's one or two follow-up questions."""
    return _screen(
        "pitch/practice_turn.html.j2",
        questions=practice_follow_ups(analysis, language=pitch_language()),
        first=False,
    )


def practice_feedback_html(feedback: PracticeFeedback) -> str:
    """Feedback on the whole practice exchange."""
    return _screen(
        "pitch/practice_feedback.html.j2",
        p=feedback,
        opener=PRACTICE_OPENER,
        elements=list(Element),
    )
