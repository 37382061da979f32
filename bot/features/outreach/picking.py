"""The contact picker as steps of a flow-kit conversation (/draft, /prep and /debrief use it).

A thin adapter over :class:`bot.features.contacts.picker.ContactPicker` until the contacts
feature ships the picker as a kit component (``attach(flow, ...)``); then each caller's one
``attach_picker(...)`` line becomes that call and this module goes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.features.contacts.domain import Contact
from bot.features.contacts.picker import NAMING, PICK, ContactPicker
from bot.flow import CoachContext, Flow, FlowState, Next, Step, Turn

S = TypeVar("S", bound=FlowState)
Chosen = Callable[[Turn[S], Contact], Awaitable[Next]]
_CHOSEN = -2
_TEXT = filters.TEXT & ~filters.COMMAND


class Picker(Generic[S]):
    """Two steps of ``flow`` ("pick" and "naming") that end by calling ``chosen``."""

    def __init__(self, flow: Flow[S], letter: str, question: str, chosen: Chosen[S]) -> None:
        self._flow = flow
        self._letter = letter
        self._question = question
        self._chosen = chosen
        self.pick: Step[S] = flow.step("pick", ask=self._ask)
        self.naming: Step[S] = flow.step("naming", ask=self._ask)
        prefix = f"pk|{letter}|"
        for step, on_text in ((self.pick, "search"), (self.naming, "named")):
            step.handlers += [
                CallbackQueryHandler(
                    self._handler("press"),
                    pattern=lambda data: isinstance(data, str) and data.startswith(prefix),
                ),
                MessageHandler(_TEXT, self._handler(on_text)),
            ]

    async def _ask(self, turn: Turn[S]) -> None:
        await self._picker(lambda *_: _done()).ask(turn.update, turn.context)

    def _handler(self, method: str) -> Callable[[Update, CoachContext], Awaitable[object]]:
        async def run(update: Update, context: CoachContext) -> object:
            return await self._flow.run(update, context, self._delegate, method)

        return run

    async def _delegate(self, turn: Turn[S], method: str) -> Next:
        chosen: list[Contact] = []

        async def keep(_update: Update, _context: CoachContext, contact: Contact) -> int:
            chosen.append(contact)
            return _CHOSEN

        result = await getattr(self._picker(keep), method)(turn.update, turn.context)
        if chosen:
            return await self._chosen(turn, chosen[0])
        step = self.naming if result == NAMING else self.pick
        assert result in (PICK, NAMING)
        return Next(step.name, ask=False)

    def _picker(self, chosen: Callable[..., Awaitable[int]]) -> ContactPicker:
        return ContactPicker(self._letter, self._question, chosen)


async def _done() -> int:
    return _CHOSEN


def attach_picker(flow: Flow[S], letter: str, question: str, chosen: Chosen[S]) -> Step[S]:
    """Add the picker to ``flow``; ``turn.goto`` the returned step to ask who it is about."""
    return Picker(flow, letter, question, chosen).pick
