"""The contact picker on the flow kit, attached to a small flow of its own, as /draft, /prep and
/debrief attach it: choose, search, someone new, a look-alike, a card's contact, old buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.features.contacts import picker
from bot.features.contacts.domain import Contact, ContactDraft
from bot.flow import Flow, Go, Next, Turn
from tests.fakes.harness import Harness

UID = 1001


@dataclass(kw_only=True)
class Demo(picker.PickerState):
    chosen: str = ""


FLOW = Flow("picker_demo", Demo, label="demo", resume="/demo", hint="contacts.picker_hint")


async def chosen(turn: Turn[Demo], contact: Contact) -> Next:
    turn.state.chosen = contact.id
    await turn.say_html(f"Chose {contact.name}")
    return turn.end()


PICKER = picker.attach(FLOW, key="z", question="contacts.picker_hint", on_chosen=chosen)


@FLOW.command("demo")
async def start(turn: Turn[Demo]) -> Next:
    if turn.resumable:
        return turn.resume()
    return PICKER.ask(turn)


@FLOW.entry_press(Go, pattern=Go.where(target="demo"))
async def from_card(turn: Turn[Demo], press: Go) -> Next:
    turn.fresh()
    return await PICKER.choose(turn, press.record)


@pytest.fixture
async def demo(harness: Harness) -> AsyncIterator[Harness]:
    """The application with the demo flow first in line (before the catch-alls)."""
    harness.app.handlers[0].insert(0, FLOW.build())
    yield harness
    harness.app.handlers[0].remove(FLOW.build())


async def _add(h: Harness, name: str, organization: str = "") -> Contact:
    services = h.app.bot_data["services"]
    return await services.contacts.add(UID, ContactDraft(name=name, organization=organization))  # type: ignore[no-any-return]


async def test_tap_a_contact(demo: Harness) -> None:
    await _add(demo, "Dana Lopez", "Kaiser Permanente")
    chat = demo.chat()
    await chat.send("/demo")
    assert "Tap a name, or type one to search." in chat.last.plain
    assert chat.buttons() == ["Dana Lopez · Kaiser Permanente", "➕ Someone new"]
    await chat.press("Dana Lopez · Kaiser Permanente")
    assert chat.last.plain == "Chose Dana Lopez"
    assert "picker_demo" not in (demo.app.user_data[UID].get("flows") or {})


async def test_someone_new_checks_the_name_then_saves(demo: Harness) -> None:
    chat = demo.chat()
    await chat.send("/demo")
    assert "Your contact list is empty" in chat.last.plain
    await chat.press("➕ Someone new")
    assert "What's their name?" in chat.last.plain
    await chat.send("https://example.com")
    assert "Please give a name" in chat.last.plain
    await chat.send("Sam Ortiz, Adobe, UX researcher")
    assert "Saved Sam Ortiz (Adobe)" in chat.messages[-2].plain
    assert chat.last.plain == "Chose Sam Ortiz"
    names = [c.name for c in await demo.app.bot_data["services"].contacts.all(UID)]
    assert names == ["Sam Ortiz"]


async def test_search_then_add_as_new_or_back_to_the_list(demo: Harness) -> None:
    await _add(demo, "Dana Lopez")
    chat = demo.chat()
    await chat.send("/demo")
    await chat.send("lopes")
    assert "Matches for “lopes”" in chat.last.plain
    assert chat.buttons() == ["Dana Lopez", "➕ Add as new", "📋 My list"]
    await chat.press("📋 My list")
    assert "Tap a name" in chat.last.plain
    await chat.send("Priya Raman")
    assert "No one called “Priya Raman”" in chat.last.plain
    await chat.press("➕ Add as new")
    assert chat.last.plain == "Chose Priya Raman"


async def test_a_look_alike_is_offered_before_a_second_copy(demo: Harness) -> None:
    dana = await _add(demo, "Dana Lopez", "Kaiser")
    chat = demo.chat()
    await chat.send("/demo")
    await chat.press("➕ Someone new")
    await chat.send("Dana Lopez")
    assert "You already have Dana Lopez (Kaiser)" in chat.last.plain
    await chat.press("➕ No, add someone new")
    assert chat.last.plain == "Chose Dana Lopez"
    contacts = await demo.app.bot_data["services"].contacts.all(UID)
    assert len(contacts) == 2
    assert demo.app.user_data[UID].get("flows") is None
    # The look-alike itself can be tapped instead.
    await chat.send("/demo")
    await chat.press("➕ Someone new")
    await chat.send("Dana Lopez")
    await chat.press(chat.buttons()[0])
    assert chat.last.plain.startswith("Chose Dana Lopez")
    assert dana.id in {c.id for c in contacts}


async def test_a_card_button_skips_the_question_unless_the_contact_is_gone(demo: Harness) -> None:
    dana = await _add(demo, "Dana Lopez")
    services = demo.app.bot_data["services"]
    chat = demo.chat()
    await chat.send("/help")
    await chat.press_data(services.codec.encode(UID, "go", "demo", dana.id), chat.last)
    assert chat.last.plain == "Chose Dana Lopez"
    await chat.press_data(services.codec.encode(UID, "go", "demo", "gone"), chat.last)
    assert "Tap a name" in chat.last.plain


async def test_a_vanished_contact_asks_again(demo: Harness) -> None:
    dana = await _add(demo, "Dana Lopez")
    chat = demo.chat()
    await chat.send("/demo")
    await demo.app.bot_data["services"].contacts.delete(UID, dana.id)
    await chat.press("Dana Lopez")
    assert "I can't find that contact any more." in chat.messages[-2].plain
    assert "Your contact list is empty" in chat.last.plain


async def test_buttons_sent_before_the_flow_kit_keep_their_meaning(demo: Harness) -> None:
    services = demo.app.bot_data["services"]
    chat = demo.chat()
    await chat.send("/demo")
    await chat.press_data(services.codec.encode(UID, "pk", "z", "+"), chat.last)
    assert "What's their name?" in chat.last.plain
    await chat.send("Lee Park")
    assert chat.last.plain == "Chose Lee Park"


async def test_another_flows_picker_buttons_are_not_taken(demo: Harness) -> None:
    dana = await _add(demo, "Dana Lopez")
    services = demo.app.bot_data["services"]
    chat = demo.chat()
    await chat.send("/demo")
    await chat.press_data(services.codec.encode(UID, "pk", "q", dana.id), chat.last)
    assert not chat.last.plain.startswith("Chose")


async def test_cancel_mid_picker_resumes_at_the_same_step(demo: Harness) -> None:
    chat = demo.chat()
    await chat.send("/demo")
    await chat.press("➕ Someone new")
    await chat.send("/cancel")
    assert "paused" in chat.last.plain.lower()
    await chat.send("/demo")
    assert "What's their name?" in chat.last.plain
    await chat.send("Lee Park")
    assert chat.last.plain == "Chose Lee Park"
