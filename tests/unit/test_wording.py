"""Plain English shared by every feature's texts (bot/wording.py)."""

from __future__ import annotations

import pytest

from bot.wording import article, in_a_sentence


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
