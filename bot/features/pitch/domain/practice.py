"""Rehearsals, practice conversations and saved versions: the pitch over time.

Rehearsals compare a take with earlier ones at the same target; practice measures what a short
exchange drew out; versions keep what each saved pitch covered, so progress is visible later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.features.pitch.domain.elements import (
    DEFAULT_WPM,
    FOLLOW_UP_PRIORITY,
    PROGRESS_LOOKBACK,
    Element,
    expected_elements,
)
from bot.features.pitch.domain.language import PitchLanguage
from bot.features.pitch.domain.review import PitchAnalysis, Suggestion, analyze


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """One voice note; transcript-based numbers exist only when a transcriber is configured."""

    at: datetime
    duration_seconds: float
    target_seconds: int
    transcript: str | None = None
    wpm: float | None = None
    fillers_per_minute: float | None = None
    elements: tuple[Element, ...] = ()
    id: str = ""


def new_rehearsal(
    at: datetime,
    duration_seconds: float,
    target_seconds: int,
    transcript: str | None = None,
    *,
    profile_name: str | None = None,
    language: PitchLanguage,
) -> Rehearsal:
    """A rehearsal record; with a transcript, pace, fillers and elements are measured too."""
    if duration_seconds <= 0:
        raise ValueError("a rehearsal needs a positive duration")
    text = (transcript or "").strip()
    if not text:
        return Rehearsal(at, duration_seconds, target_seconds)
    a = analyze(text, target_seconds=target_seconds, profile_name=profile_name, language=language)
    minutes = duration_seconds / 60
    return Rehearsal(
        at,
        duration_seconds,
        target_seconds,
        text,
        round(a.words / minutes, 1),
        round(a.filler_count / minutes, 1),
        tuple(a.present),
    )


@dataclass(frozen=True, slots=True)
class RehearsalFeedback:
    """How this take went, and how it compares with earlier ones at the same target."""

    seconds: int
    target_seconds: int
    delta_seconds: int  # positive: over the target
    timing: str  # "over", "under" or "on"
    previous_seconds: int | None
    rehearsals_ago: int | None
    count: int  # rehearsals at this target, this one included
    transcript: str | None
    wpm: int | None
    pace: str | None  # "fast", "slow" or "good"
    fillers_per_minute: float | None
    present: tuple[Element, ...]
    missing: tuple[Element, ...]

    @property
    def change_seconds(self) -> int | None:
        """Seconds gained (positive) or cut (negative) since the compared rehearsal."""
        return None if self.previous_seconds is None else self.seconds - self.previous_seconds

    @property
    def closer_to_target(self) -> bool | None:
        """Whether this take landed nearer the target than the compared one."""
        if self.previous_seconds is None:
            return None
        return abs(self.delta_seconds) < abs(self.previous_seconds - self.target_seconds)


def rehearsal_feedback(current: Rehearsal, history: Sequence[Rehearsal]) -> RehearsalFeedback:
    """Compare a take with the one ``PROGRESS_LOOKBACK`` takes back (or the oldest there is)."""

    def comparable(r: Rehearsal) -> bool:
        same = r is current or (bool(r.id) and r.id == current.id)
        return not same and r.target_seconds == current.target_seconds and r.at <= current.at

    earlier = sorted(filter(comparable, history), key=lambda r: r.at, reverse=True)
    back = min(PROGRESS_LOOKBACK, len(earlier))
    previous = earlier[back - 1] if back else None
    seconds = round(current.duration_seconds)
    tolerance = max(2.0, current.target_seconds * 0.1)
    delta = current.duration_seconds - current.target_seconds
    timing = "over" if delta > tolerance else "under" if delta < -tolerance else "on"
    wpm = round(current.wpm) if current.wpm is not None else None
    pace = None if wpm is None else "fast" if wpm > 175 else "slow" if wpm < 115 else "good"
    expected = expected_elements(current.target_seconds)
    return RehearsalFeedback(
        seconds=seconds,
        target_seconds=current.target_seconds,
        delta_seconds=round(delta),
        timing=timing,
        previous_seconds=round(previous.duration_seconds) if previous else None,
        rehearsals_ago=back or None,
        count=len(earlier) + 1,
        transcript=current.transcript,
        wpm=wpm,
        pace=pace,
        fillers_per_minute=current.fillers_per_minute,
        present=current.elements,
        missing=tuple(e for e in expected if e not in current.elements)
        if current.transcript
        else (),
    )


# --------------------------------------------------------------------------- practice


def _follow_up_targets(analysis: PitchAnalysis) -> tuple[Element, ...]:
    """The elements the one or two follow-up questions ask about (a vague claim takes a turn)."""
    room = 1 if analysis.vague_claims else 2
    return tuple(e for e in FOLLOW_UP_PRIORITY if e in analysis.missing_expected)[:room]


def practice_follow_ups(analysis: PitchAnalysis, *, language: PitchLanguage) -> list[str]:
    """One or two questions a professional would naturally ask next, aimed at what's missing."""
    questions: list[str] = []
    if analysis.vague_claims:
        questions.append(language.vague_follow_up.format(phrase=analysis.vague_claims[0]))
    for element in _follow_up_targets(analysis):
        questions.append(language.follow_ups[element][0])
    return questions or [language.general_follow_ups[0]]


@dataclass(frozen=True, slots=True)
class PracticeFeedback:
    """How the whole exchange went: the opening answer and what the follow-ups drew out."""

    opening: PitchAnalysis
    asked_about: tuple[Element, ...]
    answered: tuple[Element, ...]
    covered: tuple[Element, ...]
    still_missing: tuple[Element, ...]
    fillers: int
    vague_claims: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]


def practice_feedback(
    opening_reply: str,
    follow_up_replies: Sequence[str],
    *,
    target_seconds: int = 60,
    wpm: int = DEFAULT_WPM,
    profile_name: str | None = None,
    language: PitchLanguage,
) -> PracticeFeedback:
    """Feedback on the exchange; the follow-up answers count towards what got covered."""
    opening = analyze(
        opening_reply,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=profile_name,
        language=language,
    )
    replies = [
        analyze(r, target_seconds=target_seconds, wpm=wpm, language=language)
        for r in follow_up_replies
        if r.strip()
    ]
    asked = _follow_up_targets(opening)
    covered = {*opening.present, *(e for r in replies for e in r.present)}
    vague = tuple(
        dict.fromkeys([*opening.vague_claims, *(v for r in replies for v in r.vague_claims)])
    )
    return PracticeFeedback(
        opening=opening,
        asked_about=asked,
        answered=tuple(e for e in asked if e in covered),
        covered=tuple(e for e in Element if e in covered),
        still_missing=tuple(e for e in opening.expected if e not in covered),
        fillers=opening.filler_count + sum(r.filler_count for r in replies),
        vague_claims=vague,
        suggestions=opening.suggestions[:2],
    )


# --------------------------------------------------------------------------- versions


class PitchSource(StrEnum):
    """Where a saved version came from."""

    BUILT = "built"
    REVIEWED = "reviewed"
    TAILORED = "tailored"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class PitchVersion:
    """A saved pitch with what it covered at the time, so progress is visible later."""

    id: str
    created_at: datetime
    text: str
    target_seconds: int
    words: int
    seconds: float
    elements: tuple[Element, ...] = ()
    source: PitchSource = PitchSource.MANUAL
    tailored_for: str | None = None


def new_version(
    text: str,
    *,
    at: datetime,
    target_seconds: int,
    source: PitchSource | str,
    wpm: int = DEFAULT_WPM,
    tailored_for: str | None = None,
    profile_name: str | None = None,
    language: PitchLanguage,
) -> PitchVersion:
    """A version with its length and coverage measured now, by the same rules as the review."""
    text = text.strip()
    if not text:
        raise ValueError("an empty pitch can't be saved")
    a = analyze(
        text,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=profile_name,
        language=language,
    )
    return PitchVersion(
        id="",
        created_at=at,
        text=text,
        target_seconds=target_seconds,
        words=a.words,
        seconds=round(a.seconds, 1),
        elements=tuple(a.present),
        source=PitchSource(source),
        tailored_for=tailored_for,
    )
