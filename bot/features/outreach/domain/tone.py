"""The variation buttons under a draft and what each does to the next version."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Tone:
    """The variation buttons; ``warmer`` and ``formal`` pull in opposite directions."""

    shorter: bool = False
    warmer: bool = False
    formal: bool = False


PLAIN = Tone()  # the default tone, before any button is pressed


class Adjustment(StrEnum):
    """The buttons under a draft."""

    SHORTER = "shorter"
    WARMER = "warmer"
    FORMAL = "formal"
    ANOTHER = "another"
    SENT = "sent"

    @property
    def label_key(self) -> str:
        """The catalogue key of its button text."""
        return f"outreach.adjust_{self.value}"

    def apply(self, tone: Tone, variant: int) -> tuple[Tone, int]:
        """The tone and variant for the next draft; ``SENT`` changes nothing."""
        if self is Adjustment.SHORTER:
            return replace(tone, shorter=True), variant
        if self is Adjustment.WARMER:
            return replace(tone, warmer=True, formal=False), variant
        if self is Adjustment.FORMAL:
            return replace(tone, formal=True, warmer=False), variant
        if self is Adjustment.ANOTHER:
            return tone, variant + 1
        return tone, variant
