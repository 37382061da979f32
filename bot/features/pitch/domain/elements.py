"""The handout's elements of a one-minute commercial and how much of it each length has room for.

Every other pitch module speaks in these terms, so "a 15-second pitch" means the same thing to the
builder, the review, rehearsals and practice.
"""

from __future__ import annotations

from enum import StrEnum

DEFAULT_WPM = 150
LONG_SENTENCE_WORDS = 25
TIERS = (15, 30, 60)
PROGRESS_LOOKBACK = 3  # "down from 94 s three rehearsals ago"
PRACTICE_OPENER = "So, tell me about yourself."


# --------------------------------------------------------------------------- elements


class Element(StrEnum):
    """What the handout says a commercial may include, in the handout's order."""

    IDENTITY = "identity"
    FOCUS = "focus"
    POSITION = "position"
    EXPERIENCE = "experience"
    LEADERSHIP = "leadership"
    FIT = "fit"
    INTEREST = "interest"

    @property
    def label(self) -> str:
        """A short checklist line."""
        return _LABELS[self]

    @property
    def question(self) -> str:
        """The guided-build question for this step."""
        return _QUESTIONS[self]


_LABELS = {
    Element.IDENTITY: "Name, degree and minors",
    Element.FOCUS: "Career interests and focus",
    Element.POSITION: "The position you're after",
    Element.EXPERIENCE: "Relevant experience",
    Element.LEADERSHIP: "Leadership, teamwork or service",
    Element.FIT: "Fit with their needs",
    Element.INTEREST: "Specific interest in them",
}
_QUESTIONS = {
    Element.IDENTITY: "Let's start with you: what are you studying? Your degree, your year and any "
    "minor that matters.",
    Element.FOCUS: "What part of your field gets you most excited right now?",
    Element.POSITION: "What are you hoping to find next: an internship, a first job, a research "
    "spot? Be as specific as you can.",
    Element.EXPERIENCE: "Tell me about one experience that connects to where you're headed: a job, "
    "internship, volunteer role or class project. What did you do, and what came of it?",
    Element.LEADERSHIP: "Where have you led, worked on a team or helped others? A club, a team, a "
    "cause. One example is plenty.",
    Element.FIT: "Think about the teams you'd like to join. What do they need that your background "
    "helps with?",
    Element.INTEREST: "Is there an organization you're especially keen on? What draws you to it, "
    "and how do your skills connect?",
}

#: Spoken order: who I am, what I'm into, what I've done, why you, what I'm looking for, the ask.
ORDER = (
    Element.IDENTITY,
    Element.FOCUS,
    Element.EXPERIENCE,
    Element.LEADERSHIP,
    Element.INTEREST,
    Element.FIT,
    Element.POSITION,
)
#: What each length has room for: 15 s is name, focus and the ask; 30 s adds experience.
TIER_ELEMENTS: dict[int, tuple[Element, ...]] = {
    15: (Element.IDENTITY, Element.FOCUS, Element.POSITION),
    30: (Element.IDENTITY, Element.FOCUS, Element.POSITION, Element.EXPERIENCE),
    60: tuple(Element),
}
CORE = frozenset(TIER_ELEMENTS[15])
DROP_ORDER = (Element.LEADERSHIP, Element.FIT, Element.INTEREST, Element.EXPERIENCE)
TIE_PREFERENCE = (
    Element.INTEREST,
    Element.FIT,
    Element.POSITION,
    Element.LEADERSHIP,
    Element.EXPERIENCE,
    Element.FOCUS,
    Element.IDENTITY,
)
FOLLOW_UP_PRIORITY = (
    Element.POSITION,
    Element.EXPERIENCE,
    Element.FOCUS,
    Element.IDENTITY,
    Element.INTEREST,
    Element.LEADERSHIP,
    Element.FIT,
)


def tier(target_seconds: float) -> int:
    """The nearest of the three lengths, which decides what the pitch has room for."""
    if target_seconds <= 22:
        return 15
    return 30 if target_seconds <= 45 else 60


def expected_elements(target_seconds: float) -> tuple[Element, ...]:
    """Elements a pitch of this length should cover, in handout order."""
    wanted = TIER_ELEMENTS[tier(target_seconds)]
    return tuple(e for e in Element if e in wanted)
