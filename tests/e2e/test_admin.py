"""/export and /deletedata."""

from __future__ import annotations

import json

from tests.fakes.harness import Harness


async def onboard(chat, name: str = "Ira") -> None:
    await chat.send("/start")
    await chat.send(name)
    await chat.press("Finish later")


async def test_export_sends_everything_as_json(harness: Harness) -> None:
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/export")
    await chat.press("📦 Everything (.json)")
    document = chat.last.document
    assert document is not None and document.filename == "networking-coach-data.json"
    assert "Ira" in json.dumps(json.loads(document.content))


async def test_export_with_no_data_says_so(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/export")
    await chat.press(1)
    assert chat.last.document is None
    assert "nothing to export" in chat.last.plain


async def test_deletedata_asks_then_erases_the_file(harness: Harness) -> None:
    chat = harness.chat()
    await onboard(chat)
    path = harness.data_dir / "users" / "1001.json"
    assert path.exists()

    await chat.send("/deletedata")
    await chat.press("Keep my data")
    assert "Nothing was deleted" in chat.last.plain
    assert path.exists()

    await chat.send("/deletedata")
    await chat.press("Erase everything")
    assert "everything I stored about you is erased" in chat.last.plain
    assert not path.exists()
    assert await harness.store.export_user(1001) is None

    await chat.send("/start")
    assert "1/5" in chat.last.plain  # a fresh start, not "welcome back"


async def test_one_users_data_never_reaches_another(harness: Harness) -> None:
    alice, bob = harness.chat(1001), harness.chat(2002)
    await onboard(alice, "Alice")
    await onboard(bob, "Bob")
    await bob.send("/export")
    await bob.press(1)
    assert b"Alice" not in bob.last.document.content
    assert (harness.data_dir / "users" / "1001.json").exists()


async def test_after_deletedata_and_a_restart_start_is_a_first_meeting(tmp_path) -> None:
    from tests.fakes.harness import start_harness, stop_harness

    first = await start_harness(tmp_path / "data")
    chat = first.chat()
    await onboard(chat)
    await chat.send("/deletedata")
    await chat.press("Erase everything")
    await chat.send("/start")  # looks around again, answers nothing, leaves
    await stop_harness(first)
    again = await start_harness(tmp_path / "data")
    try:
        chat = again.chat()
        await chat.send("/start")
        text = " ".join(m.plain for m in chat.messages)
        assert "Welcome back" not in text and "where we left off" not in text
        assert "1/5" in chat.last.plain
    finally:
        await stop_harness(again)


async def test_a_stale_button_costs_no_not_modified_call(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/deletedata")
    question = chat.last
    keep = next(b for b in question.buttons if b["text"] == "Keep my data")
    await chat.press("Keep my data")
    edits = [c for c in harness.api.state.calls if c[0].startswith("editMessage")]
    await chat.press_data(str(keep["callback_data"]), question)  # the same old button again
    again = [c for c in harness.api.state.calls if c[0].startswith("editMessage")]
    assert again == edits  # nothing to change, so nothing was sent
