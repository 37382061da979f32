"""The callback context every handler receives, with typed access to the shared services."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackContext, ExtBot

from bot.services import Services

# Handlers of any update type, context and return value, as lists of them are mixed.
AnyHandler = BaseHandler[Any, Any, Any]


class CoachContext(CallbackContext[ExtBot[None], dict[str, Any], dict[str, Any], dict[str, Any]]):
    """PTB's context plus ``services`` and the student's small persisted state."""

    @property
    def services(self) -> Services:
        """Store, LLM, clock, codec and repositories."""
        return self.application.bot_data["services"]  # type: ignore[no-any-return]

    @property
    def scratch(self) -> dict[str, Any]:
        """The student's small state (flows, list filters), persisted after every update."""
        assert self.user_data is not None
        return self.user_data


def user_id(update: Update) -> int:
    """The id of the person this update came from (always present in private chats)."""
    assert update.effective_user is not None
    return update.effective_user.id
