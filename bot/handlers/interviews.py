"""Informational interviews: /prep before the meeting, /debrief after it."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.handlers import debrief, prep

CLAIMS: tuple[str, ...] = ("prep", "debrief")


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Both conversations."""
    return [*prep.handlers(), *debrief.handlers()]
