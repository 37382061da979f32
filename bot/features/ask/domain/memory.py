"""A short memory of the exchange with the coach, trimmed by size rather than by count.

Size, because one pasted email can be longer than ten questions: what matters for cost and for
the prompt is how much text is carried, not how many turns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

#: Characters of past exchange kept (about 500 tokens).
MEMORY_CHARS = 2000
#: A single turn longer than this is cut before it is stored.
TURN_CHARS = 800

Speaker = Literal["student", "coach"]


@dataclass(frozen=True, slots=True)
class Turn:
    """One message in the exchange."""

    speaker: Speaker
    text: str

    def to_record(self) -> dict[str, str]:
        """JSON-safe form."""
        return {"speaker": self.speaker, "text": self.text}

    @classmethod
    def from_record(cls, d: Mapping[str, Any]) -> Turn:
        """Inverse of :meth:`to_record`."""
        speaker: Speaker = "coach" if d.get("speaker") == "coach" else "student"
        return cls(speaker, str(d.get("text", "")))


def clip(text: str, limit: int = TURN_CHARS) -> str:
    """Cut at a word boundary with an ellipsis, so a stored turn never grows unbounded."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


def remember(
    turns: Sequence[Turn], new: Iterable[Turn], *, limit: int = MEMORY_CHARS
) -> tuple[Turn, ...]:
    """Append ``new`` (each clipped), then drop the oldest turns until the total fits ``limit``."""
    kept = [*turns, *(Turn(t.speaker, clip(t.text)) for t in new)]
    while kept and sum(len(t.text) for t in kept) > limit:
        kept.pop(0)
    return tuple(kept)
