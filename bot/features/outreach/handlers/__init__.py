"""/draft on Telegram: the conversation that gathers what a draft needs, then its buttons."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.features.outreach.handlers import draft


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The /draft conversation and the buttons under every shown draft."""
    return draft.handlers()
