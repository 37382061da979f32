"""A spoken pitch says clipped words and jargon in full ("econ" is "economics"), and a comma
splice as two sentences, from tables and rules in ``bot.features.pitch.domain.text`` (issue 10)."""

from __future__ import annotations

import pytest

from bot.features.pitch.coach_offline import build_text
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.text import unsplice
from bot.shorthand import expand_shorthand, say_in_full


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("a new grad SWE role", "a new-grad software engineering role"),
        ("an SWE internship", "a software engineering internship"),
        ("a SWE at Google", "a software engineer at Google"),
        ("TA for intro CS", "TA for introductory computer science"),
        ("an econ major", "an economics major"),
        ("Econ major", "Economics major"),
        ("psych and poli sci", "psychology and political science"),
        ("comp sci, bio, chem and stats", "computer science, biology, chemistry and statistics"),
        ("TA for Intro to Psych", "TA for Introduction to Psychology"),
        ("a full time role", "a full-time role"),
        ("my prof said", "my professor said"),
        ("Intro Psych", "Introductory Psychology"),  # a whole phrase of clippings
        ("president of the bio club", "president of the biology club"),
    ],
)
def test_clipped_words_and_jargon_are_said_in_full(typed: str, said: str) -> None:
    assert say_in_full(typed) == said


@pytest.mark.parametrize(
    "kept",
    [
        "a CS senior",  # an acronym said as letters
        "Prof. Kim's lab",  # a title before a name
        "bio-inspired design",  # part of a longer word
        "I'm a new grad in CS",  # "new grad" as a noun, not a modifier
        "I work full time at Target",
        "biology",
        "president of the Bio Club",  # a capitalised clipping before a name's next word
        "at Info Session Day",
        "TA for CHEM 101",  # a course code
    ],
)
def test_what_is_no_clipping_is_left_as_typed(kept: str) -> None:
    assert say_in_full(kept) == kept


def test_chat_shorthand_and_clippings_are_expanded_together() -> None:
    typed = "sophomore, econ w minor in data science, esp stats"
    said = "sophomore, economics with minor in data science, especially statistics"
    assert expand_shorthand(typed) == said


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "I'm Kevin Tran, I study computer science at UC Davis.",
            ["I'm Kevin Tran.", "I study computer science at UC Davis."],
        ),
        ("I'm a junior, my major is economics.", ["I'm a junior.", "My major is economics."]),
        ("When I was 12, I built a robot.", ["When I was 12, I built a robot."]),
        ("Last summer, I interned at Intuit.", ["Last summer, I interned at Intuit."]),
        ("I think, I like it a lot.", ["I think, I like it a lot."]),
        ("I'm Kevin, I see.", ["I'm Kevin, I see."]),  # too short to be a sentence of its own
    ],
)
def test_a_comma_splice_becomes_two_sentences_with_no_word_added(
    typed: str, said: list[str]
) -> None:
    assert unsplice(typed) == said


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("an intro econ class", "an introductory economics class"),
        ("asked for an intro", "asked for an intro"),  # the noun, not a clipping
        ("a bio major", "a biology major"),
        ("my LinkedIn bio", "my LinkedIn bio"),
    ],
)
def test_a_clipping_is_said_in_full_only_where_it_is_one(typed: str, said: str) -> None:
    assert say_in_full(typed) == said


def test_a_club_named_with_a_clipping_keeps_its_name_in_the_pitch() -> None:
    answers = PitchAnswers(
        name="Lena Park",
        identity="sophomore in biology",
        leadership="president of the Bio Club, TA for CHEM 101",
    )
    text = build_text(answers, 60)
    assert "the Bio Club" in text and "CHEM 101" in text
    assert "Biology Club" not in text and "Chemistry 101" not in text
