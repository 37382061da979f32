"""A short memory of the exchange with the coach, trimmed by size rather than by count.

Size, because one pasted email can be longer than ten questions: what matters for cost and for
the prompt is how much text is carried, not how many turns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

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
