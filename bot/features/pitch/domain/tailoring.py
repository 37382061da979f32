"""Tailoring a pitch for one organization without inventing anything about it.

The coach asks for the facts it does not have (``tailor_gaps``) and builds the tailored version
from the current pitch's own sentences plus those answers (``tailored_answers``).
"""

from __future__ import annotations

from dataclasses import replace

from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import DEFAULT_WPM, Element
from bot.features.pitch.domain.improve import improve
from bot.features.pitch.domain.language import PitchLanguage
from bot.features.pitch.domain.review import analyze


def _built(answers: PitchAnswers) -> bool:
    """Whether the student answered the builder beyond the profile's prefilled steps."""
    return any(answers.get(e) for e in (Element.EXPERIENCE, Element.LEADERSHIP, Element.FOCUS))


def tailored_answers(
    answers: PitchAnswers,
    current_pitch: str | None,
    *,
    target_seconds: int,
    wpm: int = DEFAULT_WPM,
    language: PitchLanguage,
) -> PitchAnswers:
    """What a tailored version is built from: the current pitch's own sentences first.

    A student who pasted their pitch has no build answers, so building only from ``answers``
    would throw their pitch away. Interest, fit and organization come from the tailoring answers
    (the pitch's were for someone else), and so does the closing question.
    """
    if not current_pitch or not current_pitch.strip() or _built(answers):
        return answers  # the pitch was built from these answers: reading both says it twice
    analysis = analyze(
        current_pitch,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=answers.name,
        language=language,
    )
    from_pitch = improve(current_pitch, analysis, language=language)
    return replace(
        from_pitch,
        name=answers.name,
        organization=answers.organization,
        interest=answers.interest,
        fit=answers.fit,
        ask=None,
    ).filled_from(answers)


def tailor_gaps(
    answers: PitchAnswers, organization: str, contact_role: str | None = None
) -> list[Element]:
    """Facts the coach must ask for before tailoring, because inventing them would be lying.

    A specific interest must name the organization (or, without one, the contact's line of work);
    a fit written for a different organization doesn't transfer.
    """
    target = (organization or contact_role or "").strip().lower()
    gaps: list[Element] = []
    interest = (answers.interest or "").lower()
    if not interest or (target and target not in interest):
        gaps.append(Element.INTEREST)
    written_for = (answers.organization or "").strip().lower()
    if not answers.fit or (written_for and written_for != target):
        gaps.append(Element.FIT)
    return gaps
