"""The element checklist reads a pitch as it is said out loud, not only as it is written.

Issue 10: practice marked the position and the experience missing though the student said both
("I'm after a role in…", "I spent two years at…"). The detector is the review's, so every screen
(review, rehearsal, practice, versions) agrees on what a pitch covers.
"""

from __future__ import annotations

import pytest

from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.review import analyze
from tests.support.pitch import LANG


def _present(text: str) -> dict[Element, str]:
    return analyze(text, target_seconds=60, language=LANG).present


@pytest.mark.parametrize(
    "said",
    [
        "I'm hoping to find a summer internship in climate analytics.",
        "I'm after a role in product design.",
        "so I'm basically after an internship in health policy",
        "A summer internship is what I'm after.",
        "I'm hoping to, uh, find a summer internship in audit.",
        "I'm, um, hoping to find a co-op in manufacturing.",
        "I'd love to land a co-op in manufacturing.",
        "I'm trying to get an internship at a design studio.",
        "I'm on the hunt for a research position.",
        "I'm keen to find an internship in marketing.",
        "I want to do an internship in public health.",
        "I'm interested in an internship in fintech.",
        "Next summer I'd really like to intern at a museum.",
        "I'd love an internship in journalism.",
        "I'm going for entry-level roles in finance.",
        "So I'm looking at internships in consulting.",
        "im hoping to find a summer internship",
        "I'm applying to graduate programs in public health.",
    ],
)
def test_the_position_said_out_loud_counts(said: str) -> None:
    assert Element.POSITION in _present(said)


@pytest.mark.parametrize(
    "said",
    [
        "Last summer I worked at the county water office.",
        "um last summer I, uh, worked at the county water office",
        "I spent two years at a bank.",
        "I spent a year at a startup.",
        "I spent the summer at a law firm.",
        "I spent, like, two years at the campus bookstore.",
        "I spent a summer with Habitat for Humanity.",
        "I was a barista at a cafe near campus.",
        "I've been a cashier at Safeway since high school.",
        "I was a lab assistant in a chemistry lab.",
        "Over the summer I was at Acme doing QA.",
        "I've been working part time at the library.",
        "I helped run the food bank's inventory.",
        "At my last job I handled customer complaints.",
        "I led the redesign of our club's website.",
        "I used to intern at a bakery.",
    ],
)
def test_experience_said_out_loud_counts(said: str) -> None:
    assert Element.EXPERIENCE in _present(said)


@pytest.mark.parametrize(
    "said", ["I led a team of five.", "I led the robotics club.", "I was captain of the team."]
)
def test_i_led_is_leadership(said: str) -> None:
    assert Element.LEADERSHIP in _present(said)


@pytest.mark.parametrize(
    "said",
    [
        "I love my job at the campus library.",
        "After a role in the school musical, I got hooked on stage design.",
        "My internship at Acme taught me a lot.",
        "I'm after a good night's sleep most weeks.",
        "I'd love to hear your role in the project.",
        "I'm interested in your internship program.",
        "I used to intern at a bakery.",
        "I spent two years at a bank.",
        "I'm in the market for a new laptop.",
    ],
)
def test_innocent_phrasings_are_not_the_position(said: str) -> None:
    assert Element.POSITION not in _present(said)


@pytest.mark.parametrize(
    "said",
    [
        "I spent a week in Paris.",
        "I spent the summer with my cousins.",
        "I spent two weeks with my grandparents.",
        "I was the first in my family to go to college.",
        "I'm on the swim team at school.",
        "I was at home all summer.",
        "I headed home early.",
        "I'm hoping to find a summer internship.",
        "I'm after a role in product design.",
        "I'd love to hear how you got started.",
        "I'm looking for a full-time role in data science.",
        "I'm looking for an internship at Google.",
        "I'm hoping to land an internship with a design studio.",
        "I'd like a part-time job on campus.",
        "I spent two years in Boston.",
        "I lived in Boston for two years.",
    ],
)
def test_innocent_phrasings_are_not_experience(said: str) -> None:
    assert Element.EXPERIENCE not in _present(said)


def test_the_checklist_quotes_the_words_without_the_fillers() -> None:
    present = _present("I'm, um, kind of after a role in financial analysis.")
    assert present[Element.POSITION] == "I'm after a role in financial analysis"
