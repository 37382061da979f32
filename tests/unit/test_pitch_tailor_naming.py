"""A tailored pitch names the organization once a sentence ("its work", "how it restores") and
says it the way the student does ("the Urban Institute"), issue 10."""

from __future__ import annotations

import pytest

from bot.features.pitch.coach_offline import build_text
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.naming import named_once, spoken_organization
from bot.features.pitch.domain.text import split_sentences

AISHA = PitchAnswers(
    name="Aisha Bello",
    identity="second-year master's student in public policy",
    focus="housing affordability",
    position="policy analyst role",
    interest="the Urban Institute's work on zoning reform",
    fit="quantitative analysis plus community experience",
    organization="Urban Institute",
)
ZOE = PitchAnswers(
    name="Zoë Łukasiewicz",
    identity="a senior in architecture at Cal Poly",
    focus="adaptive reuse of industrial buildings",
    interest="how Page & Turnbull restores historic sites",
    organization="Page & Turnbull",
)


def test_the_organization_keeps_the_students_the_and_is_named_once_a_sentence() -> None:
    text = build_text(AISHA, 60, 150)
    assert "What draws me to the Urban Institute is its work on zoning reform." in text
    assert "plus community experience to the Urban Institute." in text
    assert "how you got started at the Urban Institute." in text
    for sentence in split_sentences(text):
        assert sentence.count("Urban Institute") <= 1, sentence
        assert "Urban Institute" not in sentence.replace("the Urban Institute", "")


def test_an_ampersand_name_said_with_and_is_still_the_same_name() -> None:
    text = build_text(ZOE, 60, 150)
    assert "What draws me to Page & Turnbull is how it restores historic sites." in text
    assert "Page and Turnbull" not in text


@pytest.mark.parametrize(
    ("phrase", "organization", "said"),
    [
        ("the Urban Institute's work on zoning", "the Urban Institute", "its work on zoning"),
        ("how Page and Turnbull restores sites", "Page & Turnbull", "how it restores sites"),
        ("Stripe, especially how they price risk", "Stripe", "how they price risk"),
        ("Stripe", "Stripe", "Stripe"),  # "What draws me to Stripe is it." says less
        ("the Google Maps redesign", "Google", "the Google Maps redesign"),  # another name
        ("their flood maps", "Riverside Water", "their flood maps"),
    ],
)
def test_a_phrase_after_the_name_says_it_once(phrase: str, organization: str, said: str) -> None:
    assert named_once(phrase, organization) == said


@pytest.mark.parametrize(
    ("texts", "said"),
    [
        (["the Urban Institute's work"], "the Urban Institute"),
        (["I'd love to work at the Urban Institute."], "the Urban Institute"),
        (["the urban institute is doing great work"], "the Urban Institute"),
        (["I like the Stripe team"], "Stripe"),  # a modifier: "the" belongs to "team"
        (["Stripe's API"], "Stripe"),
    ],
)
def test_the_name_takes_the_only_when_the_student_says_it(texts: list[str], said: str) -> None:
    organization = said.removeprefix("the ")
    assert spoken_organization(organization, texts) == said
