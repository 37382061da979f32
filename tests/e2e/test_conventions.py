"""Telegram conventions every flow relies on: help, menu, hints, cancel, buttons, errors."""

from __future__ import annotations

from bot.features.home.commands import COMMANDS
from tests.fakes.harness import Harness, start_harness, stop_harness


async def test_command_menu_is_registered_at_start(harness: Harness) -> None:
    names = [c["command"] for c in harness.api.state.commands]
    assert names == [c.name for c in COMMANDS]


async def test_help_lists_every_command(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/help")
    for command in COMMANDS:
        assert f"/{command.name} — {command.description}" in chat.last.plain


async def test_text_outside_a_flow_goes_to_the_coach(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("what's up")
    assert "good path to start" in chat.last.plain  # the offline coach's "what next" answer
    assert chat.buttons()  # with the flows that do the next thing


async def test_cancel_outside_a_flow_says_so(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/cancel")
    assert "Nothing to cancel" in chat.last.plain


async def test_stale_button_is_answered(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("/cancel")
    events = await chat.press("Skip")
    assert any("already finished" in e.text for e in events if e.kind == "toast")


async def test_crafted_callback_data_is_rejected(harness: Harness) -> None:
    victim, attacker = harness.chat(1001), harness.chat(2002)
    await victim.send("/start")
    await attacker.send("/start")
    stolen = victim.last.buttons[-1]["callback_data"]  # "Finish later", signed for the victim
    events = await attacker.press_data(stolen, attacker.last)
    assert any("expired" in e.text for e in events if e.kind == "toast")
    profile = await harness.app.bot_data["services"].profiles.get(2002)
    assert not profile.onboarded
    forged = "ob|later|AAAAAAAA"
    events = await attacker.press_data(forged, attacker.last)
    assert any("expired" in e.text for e in events if e.kind == "toast")


async def test_menu_button_routes_to_help(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("Ria")
    await chat.press("Finish later")
    await chat.press("❓ Help")
    assert "Here's what I can help with" in chat.last.plain


async def test_another_command_leaves_a_flow_and_runs(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    events = await chat.send("/help")
    shown = [e.message.plain for e in events if e.message]
    assert shown[0] == "⏸ Paused setup — /start picks it up where you left off."
    assert "Here's what I can help with" in chat.last.plain
    await chat.send("not an answer")
    assert "good path to start" in chat.last.plain  # the paused flow is left: the coach answers


async def test_allowlist_refuses_others_politely(tmp_path) -> None:
    h = await start_harness(tmp_path / "data", allowed_user_ids=frozenset({1001}))
    outsider = h.chat(user_id=5555)
    await outsider.send("/start")
    assert "isn't on its list" in outsider.last.plain
    member = h.chat(user_id=1001)
    await member.send("/start")
    assert "1/5" in member.last.plain
    await stop_harness(h)
    assert not h.spec.violations


async def test_error_is_reported_briefly_and_data_kept(harness: Harness, monkeypatch) -> None:
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("Noor")
    profiles = harness.app.bot_data["services"].profiles

    async def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(profiles, "set_answer", broken)
    await chat.send("BS Biology")
    assert "something went wrong on my side" in chat.last.plain
    monkeypatch.undo()
    assert (await profiles.get(1001)).name == "Noor"
    await chat.send("BS Biology")
    assert "3/5" in chat.last.plain
