"""Rehearsals, practice conversations and saved versions: the pitch over time.

Rehearsals compare a take with earlier ones at the same target; practice measures what a short
exchange drew out; versions keep what each saved pitch covered, so progress is visible later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
from bot.features.pitch.domain.review import (
    PitchAnalysis,
    Suggestion,
    SuggestionKind,
    analyze,
)


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


class FollowUpReply(StrEnum):
    """What the student did with the professional's follow-up."""

    NONE = "none"  # ended the practice before answering
    DODGED = "dodged"  # "I'm not sure": a reply with no answer in it
    GIVEN = "given"


@dataclass(frozen=True, slots=True)
class _Asked:
    """What a follow-up line asked: elements, a vague claim to prove, or neither (general)."""

    elements: tuple[Element, ...]
    example_for: str | None


def _asked(follow_up: str, language: PitchLanguage) -> _Asked:
    """Read back what the scripted professional asked; Claude's own questions read as general."""

    def where(element: Element) -> int:
        return min(
            (i for q in language.follow_ups[element] if (i := follow_up.find(q)) >= 0), default=-1
        )

    elements = tuple(sorted((e for e in Element if where(e) >= 0), key=where))
    head, _, tail = language.vague_follow_up.partition("{phrase}")
    vague = re.search(re.escape(head) + "(.+?)" + re.escape(tail), follow_up)
    return _Asked(elements, vague.group(1) if vague else None)


def _gives_example(reply: str, language: PitchLanguage) -> bool:
    """A moment that proves a claim: a number, a name, an action, "for example" or "once".

    An experience cue alone is not one: "An internship in sustainable investing this summer."
    says when, not what happened, so the vague claim it answers stays vague."""
    return any(m.regex.search(reply) for m in (*language.concrete, *language.connectors))


def _answers(
    element: Element, reply: str, analysis: PitchAnalysis, language: PitchLanguage
) -> bool:
    """Whether a reply answers the question about ``element`` (its cues, or the answer cues)."""
    return element in analysis.present or any(
        m.regex.search(reply) for m in language.answer_cues[element]
    )


@dataclass(frozen=True, slots=True)
class PracticeFeedback:
    """How the whole exchange went: the opening answer and what the follow-up drew out.

    ``answered`` are the asked elements the student's reply gave; ``open_questions`` the scripted
    questions it left unanswered, so the feedback never says a question went unanswered when
    the student answered it, nor praises an answer that never came.
    """

    opening: PitchAnalysis
    follow_up: str
    reply: FollowUpReply
    asked_about: tuple[Element, ...]
    answered: tuple[Element, ...]
    example_for: str | None
    example_given: bool
    open_questions: tuple[str, ...]
    covered: tuple[Element, ...]
    later: tuple[Element, ...]  # covered only once the follow-up drew them out
    still_missing: tuple[Element, ...]
    fillers: int
    vague_claims: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]

    @property
    def questions(self) -> int:
        """How many questions the follow-up line asked (a general one counts once)."""
        return max(1, len(self.asked_about) + (self.example_for is not None))


def _reply(said: str, answered: bool, language: PitchLanguage) -> FollowUpReply:
    """No reply, a reply that only says "I'm not sure", or an answer."""
    if not said:
        return FollowUpReply.NONE
    if answered or not any(m.regex.search(said) for m in language.non_answers):
        return FollowUpReply.GIVEN
    return FollowUpReply.DODGED


def _still_useful(s: Suggestion, covered: set[Element], proved: set[str]) -> Suggestion | None:
    """An opening suggestion, unless the follow-up answer already did what it asks."""
    if s.kind == SuggestionKind.MISSING and s.element in covered:
        return None
    if s.kind == SuggestionKind.VAGUE and s.quotes and all(q.lower() in proved for q in s.quotes):
        return None
    if s.kind == SuggestionKind.UNDER_TIME and s.element in covered:
        return replace(s, element=None)
    return s


def practice_feedback(
    opening_reply: str,
    follow_up_replies: Sequence[str],
    *,
    follow_up: str | None = None,
    target_seconds: int = 60,
    wpm: int = DEFAULT_WPM,
    profile_name: str | None = None,
    language: PitchLanguage,
) -> PracticeFeedback:
    """Feedback on the exchange; the follow-up answers count towards what got covered.

    ``follow_up`` is the professional's line as it was said (the scripted one when omitted);
    a reply that answers it counts, whether or not it repeats the words the checklist looks for.
    """
    opening = analyze(
        opening_reply,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=profile_name,
        language=language,
    )
    if follow_up is None:
        follow_up = " ".join(practice_follow_ups(opening, language=language))
    asked = _asked(follow_up, language)
    said = "\n".join(r.strip() for r in follow_up_replies if r.strip())
    replies = analyze(said, target_seconds=target_seconds, wpm=wpm, language=language)
    answered = tuple(e for e in asked.elements if _answers(e, said, replies, language))
    example_given = bool(said) and asked.example_for is not None and _gives_example(said, language)
    reply = _reply(said, bool(answered) or example_given, language)
    if reply == FollowUpReply.GIVEN and asked.example_for is None and len(asked.elements) == 1:
        answered = asked.elements  # the only question asked, and the student answered it
    open_questions = tuple(language.follow_ups[e][0] for e in asked.elements if e not in answered)
    covered = {*opening.present, *replies.present, *answered}
    proved = {asked.example_for.lower()} if asked.example_for and example_given else set()
    claims = dict.fromkeys([*opening.vague_claims, *replies.vague_claims])
    vague = tuple(v for v in claims if v.lower() not in proved)
    suggestions = tuple(
        kept for s in opening.suggestions if (kept := _still_useful(s, covered, proved))
    )
    return PracticeFeedback(
        opening=opening,
        follow_up=follow_up,
        reply=reply,
        asked_about=asked.elements,
        answered=answered,
        example_for=asked.example_for,
        example_given=example_given,
        open_questions=open_questions if reply == FollowUpReply.GIVEN else (),
        covered=tuple(e for e in Element if e in covered),
        later=tuple(e for e in Element if e in covered and e not in opening.present),
        still_missing=tuple(e for e in opening.expected if e not in covered),
        fillers=opening.filler_count + replies.filler_count,
        vague_claims=vague,
        suggestions=suggestions[:2],
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
