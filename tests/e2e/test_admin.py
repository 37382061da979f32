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
