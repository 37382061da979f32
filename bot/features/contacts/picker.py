"""Choosing the contact a flow is about: /draft, /prep and /debrief all start here.

The people who need attention come first as buttons; typing searches the whole list; "Someone new"
saves the person as a contact on the spot, so nobody the student meets is lost.

A flow attaches the picker's two steps and says what happens once a contact is chosen::

    @dataclass(kw_only=True)
    class DraftState(PickerState):
        contact: str = ""

    FLOW = Flow("draft", DraftState, ...)
    PICKER = picker.attach(FLOW, key="d", question="outreach.who_for", on_chosen=contact_chosen)

    @FLOW.command("draft")
    async def start(turn: Turn[DraftState]) -> Next:
        return PICKER.ask(turn)                      # or: await PICKER.choose(turn, contact_id)

``key`` is a letter that keeps this flow's picker buttons apart from other flows' (it is part of
the callback data, as before the flow kit, so buttons already on phones keep working).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.features.contacts import service
from bot.features.contacts.domain import Contact
from bot.features.contacts.regions import phone_region
from bot.flow import Flow, FlowState, Next, Press, Turn
from bot.render.keyboards import Button
from bot.render.messages import message

SHOWN = 6
_LABEL_CHARS = 32


@dataclass(kw_only=True)
class PickerState(FlowState):
    """What the picker keeps while it runs; the state of a flow that attaches it extends this."""

    picker_query: str = ""  # the name last typed, for "Add as new"
    picker_pending: str = ""  # a typed line held while the student checks a possible duplicate


PS = TypeVar("PS", bound=PickerState)
OnChosen = Callable[[Turn[PS], Contact], Awaitable[Next]]
#: Who to offer first, and the message key of the question to ask instead (None: the usual list).
First = Callable[[Turn[PS]], Awaitable[tuple[list[Contact], str] | None]]


@dataclass(frozen=True, slots=True)
class PickContact(Press, code="pk"):
    """This contact (``picker`` is the flow's letter)."""

    picker: str
    contact: str


@dataclass(frozen=True, slots=True)
class PickSomeoneNew(Press, code="pkn"):
    """A person not in the list yet: ask for their name."""

    picker: str


@dataclass(frozen=True, slots=True)
class PickAddTyped(Press, code="pka"):
    """Save the name just searched for as a new contact."""

    picker: str


@dataclass(frozen=True, slots=True)
class PickShowList(Press, code="pkl"):
    """Back from search results to the people who need attention."""

    picker: str


@dataclass(frozen=True, slots=True)
class PickAddAnyway(Press, code="pkf"):
    """Not the same person as the look-alike shown: save the typed line as someone new."""

    picker: str


def _label(contact: Contact) -> str:
    label = contact.name if not contact.organization else f"{contact.name} · {contact.organization}"
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


class Picker(Generic[PS]):
    """The picker's steps inside one flow; build it with :func:`attach`."""

    def __init__(
        self,
        flow: Flow[PS],
        key: str,
        question: str,
        on_chosen: OnChosen[PS],
        first: First[PS] | None = None,
    ) -> None:
        message(question)  # a misspelled key fails at import, not in front of a student
        self.key = key
        self.question = question
        self.on_chosen = on_chosen
        self.first = first
        self.choosing = flow.step("pick_contact", ask=self._ask, hint="contacts.picker_hint")
        self.naming = flow.step(
            "name_contact", ask=self._ask_name, hint="contacts.picker_name_hint"
        )
        for step in (self.choosing, self.naming):
            step.press(PickContact, pattern=PickContact.where(picker=key))(self._picked)
            step.press(PickSomeoneNew, pattern=PickSomeoneNew.where(picker=key))(self._new)
            step.press(PickAddTyped, pattern=PickAddTyped.where(picker=key))(self._add_typed)
            step.press(PickShowList, pattern=PickShowList.where(picker=key))(self._show_list)
            step.press(PickAddAnyway, pattern=PickAddAnyway.where(picker=key))(self._add_anyway)
        self.choosing.text(self._search)
        self.naming.text(self._named)
        # Before the flow kit every picker button was ``pk|<letter>|<choice>``, and these
        # choices were not contact ids; buttons still on phones keep their meaning.
        self._old_choices: dict[str, Callable[[Turn[PS], None], Awaitable[Next]]] = {
            "+": self._new,
            "a": self._add_typed,
            "l": self._show_list,
            "!": self._add_anyway,
        }

    # -- what the flow calls ------------------------------------------------------------------

    def ask(self, turn: Turn[PS]) -> Next:
        """Ask who the flow is about."""
        turn.state.picker_query = turn.state.picker_pending = ""
        return turn.goto(self.choosing)

    async def choose(self, turn: Turn[PS], contact_id: str) -> Next:
        """The contact is already known (a card's button): skip the question if they still exist."""
        contact = await turn.services.contacts.get(turn.user_id, contact_id) if contact_id else None
        if contact is None:
            return self.ask(turn)
        return await self._chosen(turn, contact)

    # -- the steps ----------------------------------------------------------------------------

    def _rows(self, contacts: Sequence[Contact], *extra: Button) -> list[list[Button]]:
        rows = [[PickContact(self.key, c.id).button(_label(c))] for c in contacts]
        rows.append(list(extra) or [PickSomeoneNew(self.key).button(message("contacts.pick_new"))])
        return rows

    async def _ask(self, turn: Turn[PS]) -> None:
        page = await turn.services.contacts.page(turn.user_id, limit=SHOWN)
        lead = await self.first(turn) if self.first is not None else None
        items = tuple(lead[0][:SHOWN]) if lead else page.items
        await turn.say(
            "contacts/picker/pick.html.j2",
            self._rows(items),
            question=message(lead[1] if lead else self.question),
            contacts=items,
            reasons={} if lead else page.reasons,
            total=page.total,
            query=None,
        )

    async def _ask_name(self, turn: Turn[PS], problem: str | None = None) -> None:
        await turn.say("contacts/picker/new_contact.html.j2", problem=problem)

    async def _search(self, turn: Turn[PS], text: str) -> Next:
        query = " ".join(text.split())[:100]
        turn.state.picker_query = query
        page = await turn.services.contacts.page(turn.user_id, query=query, limit=SHOWN)
        rows = self._rows(
            page.items,
            PickAddTyped(self.key).button(message("contacts.pick_add_typed")),
            PickShowList(self.key).button(message("contacts.pick_my_list")),
        )
        await turn.say(
            "contacts/picker/pick.html.j2",
            rows,
            question=message(self.question),
            contacts=page.items,
            reasons={},
            total=page.total,
            query=query,
        )
        return Next(self.choosing.name, ask=False)

    async def _picked(self, turn: Turn[PS], press: PickContact) -> Next:
        old = self._old_choices.get(press.contact)
        if old is not None:
            return await old(turn, None)
        contact = await turn.services.contacts.get(turn.user_id, press.contact)
        if contact is None:
            await turn.say_html(message("contacts.pick_gone"))
            return self.ask(turn)
        return await self._chosen(turn, contact)

    async def _new(self, turn: Turn[PS], press: PickSomeoneNew | None) -> Next:
        return turn.goto(self.naming)

    async def _show_list(self, turn: Turn[PS], press: PickShowList | None) -> Next:
        return self.ask(turn)

    async def _add_typed(self, turn: Turn[PS], press: PickAddTyped | None) -> Next:
        return await self._add(turn, turn.state.picker_query)

    async def _add_anyway(self, turn: Turn[PS], press: PickAddAnyway | None) -> Next:
        pending, turn.state.picker_pending = turn.state.picker_pending, ""
        return await self._add(turn, pending, force=True)

    async def _named(self, turn: Turn[PS], text: str) -> Next:
        return await self._add(turn, text)

    async def _add(self, turn: Turn[PS], line: str, *, force: bool = False) -> Next:
        region = await phone_region(turn.services, turn.user_id)
        outcome = await service.add_named(
            turn.services.contacts, turn.user_id, line, force=force, region=region
        )
        if isinstance(outcome, service.NotAName):
            await self._ask_name(turn, outcome.reason or message("contacts.pick_name_please"))
            return Next(self.naming.name, ask=False)
        if isinstance(outcome, service.MaybeKnown):
            turn.state.picker_pending = line
            rows = [
                [PickContact(self.key, c.id).button(_label(c))] for c in outcome.matches[:SHOWN]
            ]
            rows.append([PickAddAnyway(self.key).button(message("contacts.pick_add_anyway"))])
            await turn.say("contacts/picker/duplicate.html.j2", rows, contacts=outcome.matches)
            return Next(self.choosing.name, ask=False)
        await turn.say("contacts/picker/contact_added.html.j2", contact=outcome.contact)
        return await self._chosen(turn, outcome.contact)

    async def _chosen(self, turn: Turn[PS], contact: Contact) -> Next:
        turn.state.picker_query = turn.state.picker_pending = ""
        return await self.on_chosen(turn, contact)


def attach(
    flow: Flow[PS],
    *,
    key: str,
    question: str,
    on_chosen: OnChosen[PS],
    first: First[PS] | None = None,
) -> Picker[PS]:
    """Add the picker's steps to ``flow``. ``question`` is a message key (e.g.
    ``"outreach.who_for"``); ``on_chosen`` continues the flow with the chosen contact; ``first``
    may put the flow's own choice on top (the follow-up offers those waiting on a reply)."""
    return Picker(flow, key, question, on_chosen, first)
