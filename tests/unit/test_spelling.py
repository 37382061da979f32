"""Likely typos in profile answers are questioned; names and acronyms are left alone."""

from __future__ import annotations

import pytest

from bot.features.profile.domain.spelling import spelling_suggestion


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("BS Comptuer Science", "BS Computer Science"),
        ("Pyschology, minor in Bussiness", "Psychology, minor in Business"),
        ("Mechanical Enginering", "Mechanical Engineering"),
        ("Data Science & Managment", "Data Science & Management"),
    ],
)
def test_likely_typos_get_a_suggestion(typed: str, suggested: str) -> None:
    assert spelling_suggestion(typed) == suggested


@pytest.mark.parametrize(
    "typed",
    [
        "BS Computer Science",
        "BArch Architecture",
        "UX research at Duolingo",
        "Zoë Łukasiewicz",
        "sports analytics, fintech",
        "Gensler, Stryker or Deloitte",
        "First full-time role",
    ],
)
def test_names_acronyms_and_right_spellings_are_left_alone(typed: str) -> None:
    assert spelling_suggestion(typed) is None


@pytest.mark.parametrize(
    "typed", ["health tech", "fintech and analytics", "cybersecurity", "edtech startups", "UX"]
)
def test_everyday_career_words_are_not_questioned(typed: str) -> None:
    """Onboarding asked "Did you mean health teach?": the dictionary lacks "tech"."""
    assert spelling_suggestion(typed) is None
