"""What the student told the coach about themselves, per element of the handout's commercial.

The build flow saves these answers one at a time; the builder, the tailoring and the offline
"cleaner version" all read them, so the student's own words are the one source of every pitch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from rapidfuzz import fuzz

from bot.features.pitch.domain.elements import Element
from bot.features.profile.domain.profile import Profile

_UNDECIDED = re.compile(r"^(?:not sure|unsure|undecided|don't know|no idea)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PitchAnswers:
    """The student's own words per element, plus who they are and whom the pitch is for."""

    identity: str | None = None
    focus: str | None = None
    position: str | None = None
    experience: str | None = None
    leadership: str | None = None
    fit: str | None = None
    interest: str | None = None
    name: str | None = None
    organization: str | None = None
    ask: str | None = None  # their own closing question, used instead of ours

    def get(self, element: Element) -> str | None:
        """The answer for one element."""
        value: str | None = getattr(self, element.value)
        return value

    def with_answer(self, element: Element | str, text: str | None) -> PitchAnswers:
        """A copy with one answer set; blank text means skipped."""
        key = element.value if isinstance(element, Element) else element
        return replace(self, **{key: " ".join((text or "").split()) or None})

    def filled_from(self, other: PitchAnswers | None) -> PitchAnswers:
        """Own answers first, the other's where this one has none (e.g. profile prefill)."""
        if other is None:
            return self
        return replace(
            self, **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    @property
    def answered(self) -> tuple[Element, ...]:
        """Elements with an answer."""
        return tuple(e for e in Element if self.get(e))

    def given(self) -> dict[str, str]:
        """Only what the student actually gave, by field: what a prompt may quote as data."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name))}

    @classmethod
    def from_profile(cls, profile: Profile) -> PitchAnswers:
        """What onboarding already told us, so the build flow can skip those steps."""
        position = profile.position
        if position and undecided(position):
            position = None  # "Not sure yet" is an honest answer, not something to say out loud
        return cls(
            name=profile.name,
            identity=profile.degree,
            focus=spoken_list(profile.interests) if profile.interests else None,
            position=position,
        )


_NON_ANSWER = re.compile(
    r"^(?:idk|dunno|i don'?t know|no idea|n/?a|na|none|nothing|nope|no|same|whatever|\?+|-+|\.+"
    r"|lol|ok|okay|yes|yeah|skip|pass)[.!?]*$",
    re.IGNORECASE,
)


def non_answer(text: str) -> bool:
    """ "idk", "n/a", "same": nothing a pitch could say ("Lately I've been drawn to idk.")."""
    return bool(_NON_ANSWER.match(" ".join(text.replace("’", "'").split())))


def undecided(text: str) -> bool:
    """ "Not sure yet": an honest answer to "what are you looking for", not one to say aloud."""
    return bool(_UNDECIDED.match(text.strip()))


def spoken_list(text: str) -> str:
    """ "robotics, product design, consulting" -> "robotics, product design and consulting".

    Onboarding answers are often typed as lists; said aloud, a list ends with "and". Text that
    already has a conjunction, or isn't a short list, is left as the student wrote it.
    """
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not 2 <= len(items) <= 4 or re.search(r"\b(and|or)\b", text, re.IGNORECASE):
        return text
    if any(len(item.split()) > 4 for item in items):
        return text
    return ", ".join(items[:-1]) + " and " + items[-1]


#: How alike a builder answer and the profile must be for the answer to read as a correction of
#: it ("BS Comptuer Science" -> "BS Computer Science" is 95), not a different way to say it.
CORRECTION_LIKENESS = 75


def corrects(before: str | None, after: str) -> bool:
    """Whether ``after``, typed in the builder, corrects the profile's ``before``: alike enough to
    be the same thing fixed, and not a shorter form of it ("Kevin Tran" answered "Kevin"), nor
    a longer spoken answer ("junior, cognitive science w minor in CS" for "BA Cognitive Science").
    """
    old, new = " ".join((before or "").split()).casefold(), " ".join(after.split()).casefold()
    if not old or old == new or len(new.split()) < len(old.split()):
        return False
    return fuzz.ratio(old, new) >= CORRECTION_LIKENESS
