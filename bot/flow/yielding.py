"""Passive entry points (a shared contact, a file, a voice note) that step aside mid-flow."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, ConversationHandler

from bot.flow.context import CoachContext

END = ConversationHandler.END


class YieldToFlows(BaseHandler[Update, CoachContext, Any]):
    """A non-command entry point (a shared contact, a file, a voice note) that steps aside while
    the student is in the middle of another flow, so that flow's own handling or hint applies.

    Commands may pull a student out of a flow (see :func:`leave_for_command`); a contact card
    or a voice note sent mid-flow is far more likely meant for that flow. ``register`` hands each
    instance the application's conversations.
    """

    def __init__(self, inner: BaseHandler[Update, CoachContext, Any]) -> None:
        super().__init__(inner.callback, block=inner.block)
        self.inner = inner
        self.flows: list[ConversationHandler[CoachContext]] = []

    def check_update(self, update: object) -> Any:
        """Match like the wrapped handler, unless the sender is in an active conversation."""
        if not isinstance(update, Update) or self._busy(update):
            return None
        return self.inner.check_update(update)

    async def handle_update(
        self, update: Any, application: Any, check_result: Any, context: Any
    ) -> Any:
        """Run the wrapped handler."""
        return await self.inner.handle_update(update, application, check_result, context)

    def collect_additional_context(
        self, context: Any, update: Any, application: Any, check_result: Any
    ) -> None:
        """As the wrapped handler does."""
        self.inner.collect_additional_context(context, update, application, check_result)

    def _busy(self, update: Update) -> bool:
        # PTB offers no public "is this user in a conversation" query; its per-key state map is
        # read here, never written (tests/e2e cover this so a PTB change shows up at once).
        for flow in self.flows:
            try:
                state = flow._conversations.get(flow._get_key(update))
            except RuntimeError:
                continue
            if state is not None and state != END:
                return True
        return False
