"""Informational interviews: /prep before the meeting, /debrief after it."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.features.interviews.handlers import debrief, prep


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Both conversations."""
    return [*prep.handlers(), *debrief.handlers()]
