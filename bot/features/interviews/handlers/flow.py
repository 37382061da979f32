"""What /prep and /debrief share: which contact and interview the flow is about, kept in scratch.

Both flows resume at the same step after /cancel or a restart, and both can start from a contact
card, so the bookkeeping lives here once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.features.contacts.domain import Contact
from bot.features.contacts.picker import ContactPicker
from bot.features.interviews.domain.interviews import Interview
from bot.flow.kit import END, CoachContext, drop_buttons, pressed, say, user_id

Resume = Callable[[Update, CoachContext, Contact, Interview], Awaitable[int]]


@dataclass(frozen=True, slots=True)
class InterviewFlow:
    """One flow's scratch record (``key``) and the command that restarts it."""

    key: str
    command: str

    def data(self, context: CoachContext) -> dict[str, Any]:
        """The flow's scratch dict (created empty on first use)."""
        return context.scratch.setdefault(self.key, {})

    def reset(self, context: CoachContext) -> dict[str, Any]:
        """Start a fresh record."""
        context.scratch[self.key] = {}
        return context.scratch[self.key]

    def resumable(self, context: CoachContext) -> bool:
        """Whether a paused run of this flow can continue."""
        data = self.data(context)
        return bool(data.get("interview")) and data.get("step") is not None

    async def current(
        self, update: Update, context: CoachContext
    ) -> tuple[Contact, Interview] | None:
        """The contact and interview this run is about, or None (after saying so)."""
        data = self.data(context)
        uid = user_id(update)
        contact = await context.services.contacts.get(uid, data.get("contact", ""))
        interview = await context.services.interviews.get(uid, data.get("interview", ""))
        if contact is None or interview is None:
            context.scratch.pop(self.key, None)
            await say(
                update, context, f"I lost track of that interview. {self.command} starts again."
            )
            return None
        return contact, interview

    async def start(
        self, update: Update, context: CoachContext, picker: ContactPicker, resume: Resume
    ) -> int:
        """The flow's command: continue a paused run at its step, or ask who it is about."""
        if self.resumable(context):
            current = await self.current(update, context)
            if current is not None:
                await say(update, context, "Let's pick up where we left off.")
                return await resume(update, context, *current)
        self.reset(context)
        return await picker.ask(update, context)

    async def from_card(self, update: Update, context: CoachContext, picker: ContactPicker) -> int:
        """A contact card's button: the contact is known, so skip the picker if it still exists."""
        press = await pressed(update, context)
        if press is None:
            return END
        await drop_buttons(update.callback_query)
        self.reset(context)
        contact_id = press.arg(1)
        contact = (
            await context.services.contacts.get(user_id(update), contact_id) if contact_id else None
        )
        if contact is None:
            return await picker.ask(update, context)
        return await picker.on_chosen(update, context, contact)
