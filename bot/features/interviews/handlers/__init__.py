"""Informational interviews: /prep before the meeting, /debrief after it."""

from __future__ import annotations

from bot.features.interviews.handlers import debrief, prep
from bot.flow.context import AnyHandler


def handlers() -> list[AnyHandler]:
    """Both conversations."""
    return [*prep.handlers(), *debrief.handlers()]
