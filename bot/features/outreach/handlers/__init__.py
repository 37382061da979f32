"""/draft on Telegram: the conversation that gathers what a draft needs, then its buttons."""

from __future__ import annotations

from bot.features.outreach.handlers import draft
from bot.flow.context import AnyHandler


def handlers() -> list[AnyHandler]:
    """The /draft conversation and the buttons under every shown draft."""
    return draft.handlers()
