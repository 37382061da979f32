"""One student's update is one commit, made before the reply: counted on the real application."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.store.tinydb_store import IOStats, TinyDBStore
from tests.fakes import harness as harness_module
from tests.fakes.harness import Harness, start_harness, stop_harness

LEGACY = Path(__file__).parent / "data" / "user_written_by_main_41482fa.json"


def io(harness: Harness) -> tuple[int, int]:
    stats: IOStats = harness.store.io
    return stats.commits, stats.files_written


def state_file(harness: Harness, user_id: int = 1001) -> Path:
    return harness.data_dir / "users" / f"{user_id}.state.json"


async def test_a_read_only_update_writes_nothing(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/help")
    await chat.send("/contacts")  # first time: remembers the (empty) list view
    before = io(harness)
    await chat.send("/help")
    await chat.send("/contacts")
    assert io(harness) == before
    assert chat.last.plain  # it did answer


async def test_a_visitor_who_only_reads_leaves_no_file(harness: Harness) -> None:
    await harness.chat().send("/help")
    assert io(harness) == (0, 0)
    assert not list((harness.data_dir / "users").iterdir())


async def test_each_flow_step_is_one_commit_of_the_small_state_only(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add")
    commits, files = io(harness)
    big = harness.data_dir / "users" / "1001.json"
    for step in (lambda: chat.send("Sam Lee"), lambda: chat.press("🎓 Faculty & staff")):
        await step()
        assert io(harness) == (commits + 1, files + 1)  # one commit, one (small) file
        commits, files = io(harness)
    assert not big.exists()  # the records were never rewritten for a step
    await chat.send("SJSU")
    await chat.press("Skip")
    commits, files = io(harness)
    await chat.press("✅ Save now")
    # The contact and the ended flow: both files, one commit (one directory fsync).
    assert io(harness) == (commits + 1, files + 2)
    assert "Sam Lee" in big.read_text(encoding="utf-8")


async def test_a_repeated_answer_that_changes_nothing_commits_nothing(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("Kim Park")
    before = io(harness)
    await chat.send("/help")  # pauses onboarding: a real change of step
    assert io(harness)[0] == before[0] + 1
    before = io(harness)
    await chat.send("/help")
    assert io(harness) == before


async def test_the_reply_goes_out_only_after_the_step_is_on_disk(harness: Harness) -> None:
    seen: list[tuple[str, Any]] = []
    check = harness.api._validator

    def spy(method: str, params: dict[str, Any]) -> None:
        if method == "sendMessage" and state_file(harness).exists():
            seen.append((str(params["text"]), json.loads(state_file(harness).read_text())))
        if check is not None:
            check(method, params)

    harness.api._validator = spy
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("Kim Park")
    await chat.send("MS Data Science")
    text, saved = seen[-1]
    assert "3/5" in text
    # When "3/5" reached the phone, the step it asks was already durable: the file then held
    # what it holds once the update is over, and not what it held when 2/5 was sent.
    assert saved == json.loads(state_file(harness).read_text())
    assert saved != seen[-2][1]


async def test_start_up_reads_no_students_file(tmp_path: Path, monkeypatch) -> None:
    users = tmp_path / "users"
    users.mkdir()
    for user_id in range(200):
        (users / f"{5000 + user_id}.json").write_text("{ damaged")
    (users / ".5000.json.x.tmp").write_text("left by a crash")
    read: list[Path] = []
    original = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    h = await start_harness(tmp_path)
    assert not [p for p in read if p.parent == users]
    assert not (users / ".5000.json.x.tmp").exists()  # swept once, at start-up
    await h.chat().send("/help")
    assert "Here's what I can help with" in h.chat().last.plain
    await stop_harness(h)


async def test_a_file_written_by_todays_main_opens_and_resumes_its_step(tmp_path: Path) -> None:
    users = tmp_path / "users"
    users.mkdir()
    shutil.copy(LEGACY, users / "1001.json")  # made by main at 41482fa, stopped at 3/5
    h = await start_harness(tmp_path)
    chat = h.chat(first_name="Kim")
    await chat.send("/start")  # flows on the kit resume the old onboarding step on /start
    assert "3/5" in chat.last.plain
    await chat.send("machine learning for health")
    assert "4/5" in chat.last.plain  # the same conversation, one step on
    await stop_harness(h)
    saved = json.loads((users / "1001.json").read_text(encoding="utf-8"))
    profile = next(r["value"] for r in saved["_kv"].values() if r["id"] == "profile")
    assert profile["degree"] == "MS Data Science"
    assert profile["interests"] == "machine learning for health"

    again = await start_harness(tmp_path)  # from now on the small state file is the truth
    chat = again.chat(first_name="Kim")
    await chat.send("Internship")
    assert "5/5" in chat.last.plain
    await chat.send("/contacts")
    assert "Maria Lopez" in chat.last.plain
    await stop_harness(again)


async def test_a_damaged_state_file_is_isolated_to_its_student(tmp_path: Path, caplog) -> None:
    h = await start_harness(tmp_path)
    await h.chat(user_id=7).send("/start")
    await stop_harness(h)
    (tmp_path / "users" / "7.state.json").write_text('{"state": ')
    h = await start_harness(tmp_path)
    damaged = h.chat(user_id=7)
    await damaged.send("Kim")
    assert "something went wrong on my side" in damaged.last.plain
    assert (tmp_path / "users" / "7.state.json").read_text() == '{"state": '
    other = h.chat(user_id=8)
    await other.send("/start")
    assert "1/5" in other.last.plain
    await stop_harness(h)


async def test_deleting_data_leaves_no_file_behind(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("Kim Park")
    assert state_file(harness).exists()
    await chat.send("/deletedata")
    await chat.press(chat.buttons()[0])
    assert not list((harness.data_dir / "users").iterdir())
    await chat.send("/help")
    assert not list((harness.data_dir / "users").iterdir())


@pytest.mark.parametrize("contacts", [3])
async def test_contacts_cache_matches_a_fresh_read_after_every_kind_of_write(
    harness: Harness, contacts: int
) -> None:
    from bot.features.contacts.domain import ContactDraft, Stage
    from bot.features.contacts.repository import ContactRepository

    repo = ContactRepository(harness.store, harness.clock)
    saved = await repo.add_many(1001, [ContactDraft(name=f"Person {i}") for i in range(contacts)])
    await repo.all(1001)  # cached
    await repo.set_stage(1001, saved[1].id, Stage.REQUEST_SENT)
    await repo.introduce(1001, saved[0].id, ContactDraft(name="New Friend"), True)
    await repo.merge(1001, saved[0].id, saved[2].id)
    await repo.delete(1001, saved[1].id)
    await repo.add(1001, ContactDraft(name="Last One"))
    fresh = ContactRepository(harness.store, harness.clock)
    assert await repo.all(1001) == await fresh.all(1001)


async def test_a_store_shared_between_processes_is_read_on_every_update(
    tmp_path: Path, monkeypatch
) -> None:
    class SharedStore(TinyDBStore):
        state_shared_between_processes = True

    monkeypatch.setattr(harness_module, "TinyDBStore", SharedStore)
    h = await start_harness(tmp_path)
    chat = h.chat()
    await chat.send("/help")
    other_process = TinyDBStore(tmp_path)
    await other_process.save_state(chat.user_id, {"user_data": {"seen_by": "replica 2"}})
    await chat.send("/help")
    assert h.app.user_data[chat.user_id] == {"seen_by": "replica 2"}
    await stop_harness(h)


async def test_an_unshared_store_keeps_its_own_copy(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    chat = h.chat()
    await chat.send("/help")
    await TinyDBStore(tmp_path).save_state(chat.user_id, {"user_data": {"seen_by": "nobody"}})
    await chat.send("/help")
    assert "seen_by" not in h.app.user_data[chat.user_id]  # read once per process
    await stop_harness(h)
