"""Every /pitch button, one typed class each.

Codes and field order are the ones the buttons were sent with before the flow kit
(``pt|b``, ``pb|k|<step>``, ``pv|t|<seconds>``, ...), so buttons already on students' phones keep
working.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.flow import Press

# -- the /pitch options (they work from any screen of the flow) -------------------------------


@dataclass(frozen=True, slots=True)
class Build(Press, code="pt|b"):
    """Build a pitch from the handout's elements, one question at a time."""


@dataclass(frozen=True, slots=True)
class Paste(Press, code="pt|p"):
    """Paste a pitch to have it reviewed."""


@dataclass(frozen=True, slots=True)
class Review(Press, code="pt|r"):
    """Review the saved pitch."""


@dataclass(frozen=True, slots=True)
class Shorten(Press, code="pt|s"):
    """Cut the saved pitch to the next shorter slot."""


@dataclass(frozen=True, slots=True)
class Tailor(Press, code="pt|t"):
    """A version for one contact or organization."""


@dataclass(frozen=True, slots=True)
class Rehearse(Press, code="pt|h"):
    """Say it out loud: a timed voice note."""


@dataclass(frozen=True, slots=True)
class Practice(Press, code="pt|q"):
    """Role-play with a professional who asks follow-ups."""


@dataclass(frozen=True, slots=True)
class Versions(Press, code="pt|v"):
    """Every saved version."""


@dataclass(frozen=True, slots=True)
class KeepCandidate(Press, code="pt|k"):
    """Save the shortened or tailored pitch on offer."""


@dataclass(frozen=True, slots=True)
class Home(Press, code="pt|m"):
    """Back to the pitch and its options."""


NEEDS_A_PITCH: tuple[type[Press], ...] = (Review, Shorten, Rehearse, Practice, Versions)

# -- build --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeepAnswer(Press, code="pb|k"):
    """Keep what the coach already knows for this question (from the profile or a past build)."""

    step: str


@dataclass(frozen=True, slots=True)
class SkipQuestion(Press, code="pb|s"):
    """Leave this question out; the pitch is built without it."""

    step: str


@dataclass(frozen=True, slots=True)
class FinishLater(Press, code="pb|l"):
    """Pause the build; /pitch resumes at the same question."""


@dataclass(frozen=True, slots=True)
class KeepLength(Press, code="pb|v"):
    """Keep the built pitch of this length as the current version."""

    seconds: int


@dataclass(frozen=True, slots=True)
class AnswerSkipped(Press, code="pb|a"):
    """After a thin build: ask only the skipped questions, then build again."""


@dataclass(frozen=True, slots=True)
class UpdateProfile(Press, code="pb|u"):
    """Write the correction just typed into the profile too, so drafts use it."""


@dataclass(frozen=True, slots=True)
class PitchOnly(Press, code="pb|o"):
    """Keep the correction in the pitch only; the profile stays as it is."""


# -- review -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot(Press, code="pv|t"):
    """Review against this slot length (15, 30 or 60 s)."""

    seconds: int = 60


@dataclass(frozen=True, slots=True)
class KeepImproved(Press, code="pv|i"):
    """Keep the review's cleaner version."""


@dataclass(frozen=True, slots=True)
class KeepMine(Press, code="pv|m"):
    """Keep the pitch as the student wrote it."""


# -- tailor -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ForContact(Press, code="ta|c"):
    """Tailor for this contact's organization."""

    contact_id: str


@dataclass(frozen=True, slots=True)
class SkipFact(Press, code="ta|s"):
    """Leave this fact out of the tailored version rather than guess it."""

    element: str = ""


# -- practice -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EndPractice(Press, code="pp|e"):
    """Stop the role-play and get feedback on what was said."""
