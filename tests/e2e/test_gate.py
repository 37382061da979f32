"""Only new messages and button presses in a private chat reach the coach."""

from __future__ import annotations

import json

from tests.fakes.harness import Harness, start_harness, stop_harness


async def test_commands_in_a_group_do_not_post_private_data(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme Robotics, engineer")
    await chat.press("✅ Save")
    group = {"id": -555, "type": "supergroup", "title": "Cohort"}
    events = await chat.send_update(
        {
            "message": {
                "message_id": 900,
                "date": 0,
                "chat": group,
                "from": chat.user,
                "text": "/contacts",
                "entities": [{"type": "bot_command", "offset": 0, "length": 9}],
            }
        }
    )
    sent = [e.message for e in harness.api.state.events if e.message and e.chat_id == -555]
    assert len(sent) == 1 and "private chat" in sent[0].plain
    assert all("Maria" not in m.plain for m in sent)
    assert events == []  # nothing in the student's own chat either


async def test_channel_posts_and_edits_are_ignored(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    before = len(harness.api.state.events)
    channel = {"id": -100123, "type": "channel", "title": "News"}
    await chat.send_update(
        {"channel_post": {"message_id": 5, "date": 0, "chat": channel, "text": "hi"}}
    )
    edited = {
        "message_id": 2,
        "date": 0,
        "edit_date": 1,
        "chat": {"id": chat.user_id, "type": "private"},
        "from": chat.user,
        "text": "Alex Kim",
    }
    await chat.send_update({"edited_message": edited})
    assert len(harness.api.state.events) == before  # no reply, no error message
    await chat.send("Alex Kim")
    assert "2/5" in chat.last.plain  # the flow is where it was


async def test_an_error_after_a_button_press_still_reaches_the_student(
    harness: Harness, monkeypatch
) -> None:
    chat = harness.chat()
    await chat.send("/start")
    profiles = harness.app.bot_data["services"].profiles

    async def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(profiles, "get", broken)
    await chat.press("Skip")
    assert "something went wrong on my side" in chat.last.plain


async def test_one_damaged_file_does_not_stop_the_bot(tmp_path, caplog) -> None:
    users = tmp_path / "data" / "users"
    users.mkdir(parents=True)
    (users / "456.json").write_text('{"_kv": {')
    h = await start_harness(tmp_path / "data")
    chat = h.chat()
    await chat.send("/help")
    assert "Here's what I can help with" in chat.last.plain
    damaged = h.chat(user_id=456)
    await damaged.send("/help")  # that student alone is told something went wrong
    assert "something went wrong on my side" in damaged.last.plain
    assert "456" in caplog.text
    assert (users / "456.json").read_text() == '{"_kv": {'  # left untouched for the operator
    await chat.send("/help")
    assert "Here's what I can help with" in chat.last.plain
    await stop_harness(h)


async def test_error_logs_carry_no_message_text(harness: Harness, monkeypatch, caplog) -> None:
    chat = harness.chat()
    await chat.send("/start")
    profiles = harness.app.bot_data["services"].profiles

    async def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(profiles, "set_answer", broken)
    await chat.send("Secret Name 555-0100")
    assert "Unhandled error in update" in caplog.text
    assert "Secret Name" not in caplog.text and "555-0100" not in json.dumps(caplog.text)
