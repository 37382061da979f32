"""Messages that are not commands (voice notes, shared contacts) reach the flow they belong to."""

from __future__ import annotations

from tests.fakes.harness import Harness


async def onboard(chat) -> None:
    await chat.send("/start")
    await chat.send("Maya Chen")
    await chat.press("Finish later")


async def test_voice_note_outside_any_flow_is_a_rehearsal(harness: Harness) -> None:
    chat = harness.chat()
    await onboard(chat)
    await chat.send_voice(48)
    assert "48 s" in chat.last.plain
    rehearsals = await harness.app.bot_data["services"].pitches.rehearsals(1001)
    assert [r.duration_seconds for r in rehearsals] == [48]


async def test_shared_contact_outside_a_flow_adds_it(harness: Harness) -> None:
    chat = harness.chat()
    await onboard(chat)
    await chat.send_contact("+14085550100", "Pat", "Kim")
    assert "Pat Kim" in chat.last.plain


async def test_shared_contact_mid_flow_does_not_hijack_it(harness: Harness) -> None:
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/draft")
    await chat.send_contact("+14085550100", "Pat", "Kim")
    assert "/cancel pauses the draft" in chat.last.plain
    assert await harness.app.bot_data["services"].contacts.all(1001) == []


async def test_contact_card_dates_are_in_the_students_zone(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("Ken")
    for _ in range(3):
        await chat.press("Skip")
    await chat.send("Tokyo")  # 17:00 UTC on Nov 27 is 02:00 on Nov 28 there
    await chat.send("/add Aiko Sato, Sony, designer")
    await chat.press("✅ Save")
    assert "Nov 28 — Added" in chat.last.plain


async def test_card_dates_have_no_leading_zero(harness: Harness) -> None:
    harness.clock.advance(days=4)  # Dec 1
    chat = harness.chat()
    await chat.send("/add Aiko Sato, Sony, designer")
    await chat.press("✅ Save")
    assert "Dec 1 — Added" in chat.last.plain


async def test_every_flow_says_when_a_command_pauses_it(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add")
    await chat.send("Ana Diaz")
    events = await chat.send("/help")
    shown = [e.message.plain for e in events if e.message]
    assert shown[0] == "⏸ Paused adding — /add picks it up where you left off."
    assert "Here's what I can help with" in chat.last.plain
