"""The typed state of /prep and /debrief, and how the records the old handlers kept become it.

Before the flow kit each flow kept a dict in the student's state (``prep_flow``,
``debrief_flow``) with a numbered step; a student paused then continues at the same step now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.features.contacts.picker import PickerState


@dataclass(kw_only=True)
class Meeting(PickerState):
    """The contact the flow is about and the interview record it fills in."""

    contact: str = ""
    interview: str = ""


@dataclass(kw_only=True)
class Prepping(Meeting):
    """The meeting, the objective the student wrote before, the question being rewritten, and
    how many questions at the top were made for this contact (the list says so)."""

    saved: str = ""
    replacing: int | None = None
    tailored: int = 0


_OLD_PREP_STEPS = {0: "objective", 1: "questions", 2: "questions", 3: "when", 4: "when", 5: "mode"}


def prep_legacy(data: dict[str, Any]) -> Prepping | None:
    """Before the flow kit, /prep kept a dict under ``prep_flow`` with a numbered step."""
    old = data.pop("prep_flow", None)
    if (
        not isinstance(old, dict)
        or old.get("step") not in _OLD_PREP_STEPS
        or not old.get("contact")
    ):
        return None
    return Prepping(
        step=_OLD_PREP_STEPS[old["step"]],
        contact=str(old["contact"]),
        interview=str(old.get("interview", "")),
        saved=str(old.get("saved", "")),
    )


@dataclass
class Referred:
    """Someone the contact recommended, kept while the student says whether to use the name."""

    name: str
    organization: str = ""
    role: str = ""
    field: str = ""
    email: str = ""


@dataclass(kw_only=True)
class Debriefing(Meeting):
    """Where the notes stand, who is being added, and the next steps so far."""

    question: int = 0
    voice_only: bool = False
    referral: Referred | None = None
    next_steps: list[str] = field(default_factory=list)
    more: bool = False  # a referral was added: "anyone else?" rather than the first question


_OLD_DEBRIEF_STEPS = {0: "note", 1: "highlight", 2: "referral", 3: "referral", 4: "next"}


def debrief_legacy(data: dict[str, Any]) -> Debriefing | None:
    """Before the flow kit, /debrief kept a dict under ``debrief_flow`` with a numbered step."""
    old = data.pop("debrief_flow", None)
    if (
        not isinstance(old, dict)
        or old.get("step") not in _OLD_DEBRIEF_STEPS
        or not old.get("contact")
    ):
        return None
    return Debriefing(
        step=_OLD_DEBRIEF_STEPS[old["step"]],
        question=int(old.get("q", 0)),
        voice_only=bool(old.get("voice_only", False)),
        next_steps=[str(s) for s in old.get("steps", ())],
        contact=str(old["contact"]),
        interview=str(old.get("interview", "")),
    )
