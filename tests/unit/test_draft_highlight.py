"""The debrief highlight, addressed back to the person in a thank-you."""

from __future__ import annotations

import pytest

from bot.features.outreach.domain.highlight import highlight_phrase


@pytest.mark.parametrize(
    ("noted", "said_to_them"),
    [
        # "her" as the object is "you": the eval's thank-you read "taught your more than any course"
        (
            "She said charge-nurse shifts taught her more than any course",
            "charge-nurse shifts taught you more than any course",
        ),
        ("She said the job gave her a network", "the job gave you a network"),
        ("She told me to email her again in March", "to email you again in March"),
        # "her" as the owner is "your"
        (
            "She said her manager taught her to ask for feedback",
            "your manager taught you to ask for feedback",
        ),
        (
            "He said his team hired him after an internship",
            "your team hired you after an internship",
        ),
    ],
)
def test_the_person_the_note_is_about_becomes_you(noted: str, said_to_them: str) -> None:
    assert highlight_phrase(noted).text == said_to_them
