"""The buttons of /prep and /debrief: one typed class per kind, spelled only here.

Codes and field order are the ones these buttons were sent with before the flow kit, so a prep
or debrief paused on a student's phone keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.features.interviews.domain.interviews import Mode
from bot.flow import Press

# --- /prep -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrepObjective(Press, code="pr|o"):
    """A suggested objective by number, or "keep" the student's own."""

    choice: str


@dataclass(frozen=True, slots=True)
class AddQuestion(Press, code="qe|a"):
    """Write a question of their own."""


@dataclass(frozen=True, slots=True)
class ReplaceQuestion(Press, code="qe|p"):
    """Reword a question: without a number, ask which one."""

    number: int | None = None


@dataclass(frozen=True, slots=True)
class RemoveQuestion(Press, code="qe|r"):
    """Drop a question: without a number, ask which one."""

    number: int | None = None


@dataclass(frozen=True, slots=True)
class MoveQuestion(Press, code="qe|m"):
    """Move a question: without a number, ask which one; without ``to``, ask where (1-based)."""

    number: int | None = None
    to: int | None = None


@dataclass(frozen=True, slots=True)
class SkipResearch(Press, code="pr|rs|skip"):
    """Nothing found (yet): on to the questions."""


@dataclass(frozen=True, slots=True)
class SheetView(Press, code="sv"):
    """A part of a finished prep sheet, shown on its own: (q)uestions, (l)ogistics,
    (r)esearch, (o)pener or the (c)alendar file. Works after the flow has ended."""

    part: Literal["q", "l", "r", "o", "c"]
    interview: str


@dataclass(frozen=True, slots=True)
class QuestionsOk(Press, code="qe|ok"):
    """The list is good; on to the date."""


@dataclass(frozen=True, slots=True)
class BackToQuestions(Press, code="qe|back"):
    """Leave the "which one?" choice."""


@dataclass(frozen=True, slots=True)
class DateLater(Press, code="pr|w|later"):
    """The date isn't set yet: the sheet now."""


@dataclass(frozen=True, slots=True)
class PickMode(Press, code="pr|m"):
    """How they will meet."""

    mode: Mode


# --- /debrief --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SkipQuestion(Press, code="db|n|skip"):
    """No note for this question."""


@dataclass(frozen=True, slots=True)
class DoneWithNotes(Press, code="db|n|done"):
    """Stop taking notes."""


@dataclass(frozen=True, slots=True)
class SkipHighlight(Press, code="db|h|skip"):
    """No highlight for the thank-you."""


@dataclass(frozen=True, slots=True)
class NoMoreReferrals(Press, code="db|r|done"):
    """No one (else) was recommended."""


@dataclass(frozen=True, slots=True)
class MayUseName(Press, code="db|u"):
    """Whether the contact said their name may be used: yes, no, or not asked."""

    answer: Literal["y", "n", "x"]


@dataclass(frozen=True, slots=True)
class NextStepsDone(Press, code="db|x|done"):
    """No (more) next steps."""


@dataclass(frozen=True, slots=True)
class MeetingHeld(Press, code="db|held"):
    """The meeting is still set for a future date: did it happen already (yes / not yet)?"""

    answer: Literal["y", "n"]


@dataclass(frozen=True, slots=True)
class NotYet(Press, code="db|later"):
    """The meeting is still to come and the student won't prepare now: leave it."""
