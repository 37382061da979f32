"""Where a student stands in /pitch, stored once as the flow's typed state.

Before the flow kit the same facts lived under ten ``pitch_*`` keys of the student's scratch;
``legacy`` reads those once, so a student who paused mid-build, mid-tailoring or mid-practice
under the old code resumes at the same question.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource
from bot.flow import FlowState

log = logging.getLogger(__name__)

#: The build's questions in the handout's order, with the name first (half of the first element).
QUESTIONS: tuple[str, ...] = ("name", *(e.value for e in Element))


@dataclass(kw_only=True)
class Tailoring:
    """A tailored version in the making: for whom, and the facts asked for so far."""

    organization: str = ""
    role: str = ""
    who: str = ""
    gaps: list[Element] = field(default_factory=list)
    replies: dict[Element, str] = field(default_factory=dict)  # "" means skipped

    @property
    def open_gaps(self) -> list[Element]:
        """Facts still to ask for, in order."""
        return [g for g in self.gaps if g not in self.replies]


@dataclass(kw_only=True)
class Line:
    """One line of the practice conversation."""

    speaker: str
    text: str


@dataclass(kw_only=True)
class Candidate:
    """A shortened or tailored pitch on offer until the student keeps it."""

    text: str
    target: int
    source: PitchSource
    tailored_for: str | None = None


@dataclass(kw_only=True)
class ProfileSync:
    """A build answer that differs from the profile, waiting for "update my profile too?"."""

    question: str
    field: str
    before: str
    after: str


@dataclass(kw_only=True)
class PitchState(FlowState):
    """Everything /pitch remembers between messages."""

    fill: bool = False  # build: ask only the skipped questions
    built: dict[int, str] = field(default_factory=dict)  # build: lengths on offer
    review_text: str | None = None
    improved: str | None = None
    review_target: int = 60
    tailoring: Tailoring | None = None
    practice: list[Line] = field(default_factory=list)
    candidate: Candidate | None = None
    sync: ProfileSync | None = None  # build: a correction to offer to the profile

    def transcript(self) -> list[dict[str, str]]:
        """The practice conversation as the coach reads it."""
        return [{"speaker": line.speaker, "text": line.text} for line in self.practice]


OLD_KEYS = (
    "pitch_flow",
    "pitch_build_step",
    "pitch_build_fill",
    "pitch_built",
    "pitch_review_text",
    "pitch_review_improved",
    "pitch_review_target",
    "pitch_tailor",
    "pitch_practice",
    "pitch_candidate",
)


def legacy(data: dict[str, Any]) -> PitchState | None:
    """The state the pre-kit code kept in scratch, as a paused :class:`PitchState`."""
    old = {key: data.pop(key) for key in OLD_KEYS if key in data}
    if not old:
        return None
    try:
        return _from_old(old)
    except (AttributeError, KeyError, TypeError, ValueError):
        log.warning("Dropping an unreadable pre-kit /pitch state")
        return None


def _from_old(old: dict[str, Any]) -> PitchState:
    flow, step = old.get("pitch_flow"), old.get("pitch_build_step")
    state = PitchState(
        step="menu",
        fill=bool(old.get("pitch_build_fill")),
        built={int(k): str(v) for k, v in (old.get("pitch_built") or {}).items()},
        review_text=old.get("pitch_review_text"),
        improved=old.get("pitch_review_improved"),
        review_target=int(old.get("pitch_review_target", 60)),
        practice=[
            Line(speaker=t["speaker"], text=t["text"]) for t in old.get("pitch_practice") or ()
        ],
    )
    if flow == "build" and step in QUESTIONS:
        state.step = f"build.{step}"
    if tailor := old.get("pitch_tailor"):
        state.tailoring = Tailoring(
            organization=tailor.get("org", ""),
            role=tailor.get("role", ""),
            who=tailor.get("who", ""),
            gaps=[Element(g) for g in tailor.get("gaps", ())],
            replies={Element(k): v or "" for k, v in tailor.get("replies", {}).items()},
        )
        if flow == "tailor" and "gaps" in tailor:
            state.step = "tailor_gap"
    if flow == "practice" and state.practice:
        state.step = "practice"
    if candidate := old.get("pitch_candidate"):
        state.candidate = Candidate(
            text=candidate["text"],
            target=int(candidate["target"]),
            source=PitchSource(candidate["source"]),
            tailored_for=candidate.get("for"),
        )
    return state
