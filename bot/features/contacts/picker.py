"""Choosing the contact a flow is about: /draft, /prep and /debrief all start here.

The people who need attention come first as buttons; typing searches the whole list; "Someone new"
saves the person as a contact on the spot, so nobody the student meets is lost.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.features.contacts.domain import Contact, parse_contact_line
from bot.features.outreach.domain.facts import name_problem
from bot.flow.kit import CoachContext, drop_buttons, pressed, say, say_template, user_id
from bot.render.keyboards import Button, btn

PICK, NAMING = 10, 11
SHOWN = 6
_LABEL_CHARS = 32

Chosen = Callable[[Update, CoachContext, Contact], Awaitable[int]]


def _label(contact: Contact) -> str:
    label = contact.name if not contact.organization else f"{contact.name} · {contact.organization}"
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


class ContactPicker:
    """One flow's picker; ``flow`` is a letter that keeps its buttons apart from other flows'."""

    def __init__(self, flow: str, question: str, on_chosen: Chosen) -> None:
        self.flow = flow
        self.question = question
        self.on_chosen = on_chosen
        self._query_key = f"picker_{flow}_query"
        self._pending_key = f"picker_{flow}_pending"

    def _rows(
        self, contacts: tuple[Contact, ...] | list[Contact], *extra: Button
    ) -> list[list[Button]]:
        rows = [[btn(_label(c), "pk", self.flow, c.id)] for c in contacts]
        rows.append(list(extra) or [btn("➕ Someone new", "pk", self.flow, "+")])
        return rows

    async def ask(self, update: Update, context: CoachContext) -> int:
        """Show who needs attention first; the student taps one, types a name, or adds someone."""
        uid = user_id(update)
        page = await context.services.contacts.page(uid, limit=SHOWN)
        await say_template(
            update,
            context,
            "outreach/pick.html.j2",
            self._rows(page.items),
            question=self.question,
            contacts=page.items,
            reasons=page.reasons,
            total=page.total,
            query=None,
        )
        return PICK

    async def press(self, update: Update, context: CoachContext) -> int:
        """A contact, "someone new", "add as typed" or "show my list"."""
        press = await pressed(update, context)
        if press is None:
            return PICK
        await drop_buttons(update.callback_query)
        choice = press.arg(1)
        if choice == "+":
            await say_template(update, context, "outreach/new_contact.html.j2", problem=None)
            return NAMING
        if choice == "l":
            return await self.ask(update, context)
        if choice == "a":
            return await self._add(update, context, context.scratch.get(self._query_key, ""))
        if choice == "!":
            pending = context.scratch.pop(self._pending_key, "")
            return await self._add(update, context, pending, force=True)
        contact = await context.services.contacts.get(user_id(update), choice)
        if contact is None:
            await say(update, context, "I can't find that contact any more.")
            return await self.ask(update, context)
        context.scratch.pop(self._query_key, None)
        return await self.on_chosen(update, context, contact)

    async def search(self, update: Update, context: CoachContext) -> int:
        """Typing a name searches the whole list; no match offers to add them."""
        assert update.message is not None and update.message.text is not None
        query = " ".join(update.message.text.split())[:100]
        context.scratch[self._query_key] = query
        page = await context.services.contacts.page(user_id(update), query=query, limit=SHOWN)
        extra = [
            btn("➕ Add as new", "pk", self.flow, "a"),
            btn("📋 My list", "pk", self.flow, "l"),
        ]
        await say_template(
            update,
            context,
            "outreach/pick.html.j2",
            self._rows(page.items, *extra),
            question=self.question,
            contacts=page.items,
            reasons={},
            total=page.total,
            query=query,
        )
        return PICK

    async def named(self, update: Update, context: CoachContext) -> int:
        """The name of someone new (organization and role may follow after commas)."""
        assert update.message is not None and update.message.text is not None
        return await self._add(update, context, update.message.text)

    async def _add(
        self, update: Update, context: CoachContext, text: str, *, force: bool = False
    ) -> int:
        draft = parse_contact_line(text)
        problem = next((reason for field, reason in draft.problems if field == "name"), None)
        problem = problem or (name_problem(draft.name) if draft.name else None)
        if problem or not draft.name:
            await say_template(
                update,
                context,
                "outreach/new_contact.html.j2",
                problem=problem or "A name, please.",
            )
            return NAMING
        uid = user_id(update)
        same = [] if force else await context.services.contacts.duplicates(uid, draft)
        if same:
            context.scratch[self._pending_key] = text
            rows = [[btn(_label(c), "pk", self.flow, c.id)] for c in same[:SHOWN]]
            rows.append([btn("➕ No, add someone new", "pk", self.flow, "!")])
            await say_template(update, context, "outreach/duplicate.html.j2", rows, contacts=same)
            return PICK
        contact = await context.services.contacts.add(uid, draft)
        context.scratch.pop(self._query_key, None)
        await say_template(update, context, "outreach/contact_added.html.j2", contact=contact)
        return await self.on_chosen(update, context, contact)

    def states(self) -> dict[object, list[BaseHandler]]:  # type: ignore[type-arg]
        """The picker's two steps, to merge into a conversation's states."""
        text = filters.TEXT & ~filters.COMMAND
        buttons = CallbackQueryHandler(self.press, pattern=rf"^pk\|{self.flow}\|")
        return {
            PICK: [buttons, MessageHandler(text, self.search)],
            NAMING: [MessageHandler(text, self.named), buttons],
        }
