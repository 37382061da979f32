"""A refusal whose words live in the message catalogue, so pure domain code can raise it.

The domain never reads files, so it cannot render text; it names a catalogue key and the values
to fill, and the handler renders them with :func:`bot.render.messages.explain`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


class Explained(ValueError):
    """Why an answer was refused, as a ``"feature.key"`` message and its placeholder values."""

    def __init__(self, key: str, /, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class Reason:
    """A student-facing sentence as a ``"feature.key"`` message and its values, unrendered."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)
