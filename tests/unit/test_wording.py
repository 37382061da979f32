"""Plain English shared by every feature's texts (bot/wording.py)."""

from __future__ import annotations

import pytest

from bot.wording import article, clause_to_you, in_a_sentence, pronouns_to_you


@pytest.mark.parametrize(
    ("phrase", "said"),
    [("MBA", "an"), ("BS", "a"), ("Economics major", "an"), ("third-year", "a"), ("hour", "an")],
)
def test_article_by_sound(phrase: str, said: str) -> None:
    assert article(phrase) == said


@pytest.mark.parametrize(
    ("organization", "said"),
    [
        ("City of Oakland", "the City of Oakland"),
        ("University of Michigan", "the University of Michigan"),
        ("Bank of America", "Bank of America"),
        ("Kaiser Permanente", "Kaiser Permanente"),
        ("the Urban Institute", "the Urban Institute"),
    ],
)
def test_a_body_of_a_place_takes_the_in_a_sentence(organization: str, said: str) -> None:
    assert in_a_sentence(organization) == said


def test_pronouns_about_someone_are_said_to_them() -> None:
    """One rule for the thank-you highlight and the prep sheet's research question."""
    assert pronouns_to_you("Her team hired her") == "Your team hired you"
    assert pronouns_to_you("his manager taught him") == "your manager taught you"
    assert pronouns_to_you("mentored her for a year", ("she",), objects=False) == (
        "mentored her for a year"  # after "She …", "her" is someone else
    )
    assert pronouns_to_you("taught herself, then her team", ("she",), objects=False) == (
        "taught yourself, then your team"
    )
    assert pronouns_to_you("with their CEO and them", ("she", "he")) == "with their CEO and them"


def test_a_clause_about_someone_agrees_with_you() -> None:
    assert clause_to_you("She uses R") == "you use R"
    assert clause_to_you("he teaches a course") == "you teach a course"
    assert clause_to_you("They've moved to Austin") == "you've moved to Austin"
    assert clause_to_you("She always posts on Fridays") == "you always post on Fridays"
    assert clause_to_you("She Duolingo") is None
    assert clause_to_you("Duolingo launched a course") is None


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("They run a podcast on hiring", "you run a podcast on hiring"),
        ("They host a meetup in Austin", "you host a meetup in Austin"),
        ("They hire interns every summer", None),  # no article after it: not sure it's a verb
    ],
)
def test_after_they_a_plain_verb_before_a_phrase_is_said_to_them(
    note: str, said: str | None
) -> None:
    assert clause_to_you(note) == said
