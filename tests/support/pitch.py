"""What several /pitch tests do: walk a student to a saved pitch, read the pitch repository,
and run the offline coach's pieces together."""

from __future__ import annotations

from bot.features.pitch.coach_offline import build_text, improved_text, review_html
from bot.features.pitch.content import pitch_language
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import DEFAULT_WPM, TIERS
from bot.features.pitch.domain.review import PitchAnalysis, analyze
from bot.features.pitch.repository import PitchRepository
from tests.fakes.harness import Harness
from tests.support.pitch_samples import GOOD_60

LANG = pitch_language()
# A student's builder answers, for the coach tests.
ANSWERS = PitchAnswers(
    name="Maya Chen",
    identity="a third-year computer science major",
    focus="health informatics",
    position="a summer internship",
    experience="I cleaned 40,000 vaccination records for the county health department.",
)


def repo(h: Harness) -> PitchRepository:
    return PitchRepository(h.store, h.clock)


async def onboard(chat, name: str = "Maya Chen") -> None:  # type: ignore[no-untyped-def]
    await chat.send("/start")
    await chat.send(name)
    await chat.send("third-year environmental science major, minor in statistics")
    await chat.send("climate data")
    await chat.press("Internship")
    await chat.press("Skip")


async def save_pitch(chat, text: str = GOOD_60, target: str = "60 s") -> None:  # type: ignore[no-untyped-def]
    await chat.send("/pitch")
    paste = next(b for b in chat.buttons() if "Paste" in b)
    await chat.press(paste)
    await chat.send(text)
    await chat.press(target)
    await chat.press("Keep mine")


def all_lengths(answers: PitchAnswers, wpm: int = DEFAULT_WPM) -> dict[int, str]:
    """The offline build at every length the build flow offers."""
    return {seconds: build_text(answers, seconds, wpm) for seconds in TIERS}


def offline_review(
    text: str, *, target_seconds: int, answers: PitchAnswers | None = None
) -> tuple[PitchAnalysis, str, str]:
    """The offline review as the coach composes it: (analysis, cleaner version, screen)."""
    name = answers.name if answers else None
    analysis = analyze(text, target_seconds=target_seconds, profile_name=name, language=LANG)
    improved = improved_text(text, analysis)
    return analysis, improved, review_html(analysis, improved)
