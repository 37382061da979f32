"""What only the TinyDB engine can show: files, fsyncs, crashes mid-write, migrations, its cache.

The storage contract itself is checked on every engine in ``test_store_contract.py``.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
from pathlib import Path

import pytest

from bot.store.base import Transaction
from bot.store.quota import StoredBytesLimitReached
from bot.store.tinydb_store import StoreError, TinyDBStore


@pytest.fixture
async def store(tmp_path: Path):
    s = TinyDBStore(tmp_path)
    yield s
    await s.close()


def user_file(root: Path, user_id: int) -> Path:
    return root / "users" / f"{user_id}.json"


async def test_round_trip_of_tables_and_kv(tmp_path: Path, store: TinyDBStore) -> None:
    def write(tx: Transaction) -> str:
        tx.set_value("name", "Ана")
        tx.set_value("prefs", {"tz": "UTC", "days": [1, 2]})
        contacts = tx.table("contacts")
        contacts.put({"id": "fixed", "name": "Bob"})
        return contacts.insert({"name": "Alice", "tags": ["x"]})

    new_id = await store.run(1, write)
    assert re.fullmatch(r"[0-9a-f]{8}", new_id)

    fresh = TinyDBStore(tmp_path)

    def read(tx: Transaction) -> tuple:
        contacts = tx.table("contacts")
        return (
            tx.get_value("name"),
            tx.get_value("prefs"),
            tx.get_value("missing", 7),
            contacts.all(),
            contacts.get(new_id),
            contacts.find(lambda r: r["name"] == "Bob"),
        )

    name, prefs, missing, rows, alice, bobs = await fresh.run(1, read)
    assert (name, prefs, missing) == ("Ана", {"tz": "UTC", "days": [1, 2]}, 7)
    assert rows == [{"id": "fixed", "name": "Bob"}, {"id": new_id, "name": "Alice", "tags": ["x"]}]
    assert alice == {"id": new_id, "name": "Alice", "tags": ["x"]}
    assert bobs == [{"id": "fixed", "name": "Bob"}]
    text = user_file(tmp_path, 1).read_text(encoding="utf-8")
    assert "Ана" in text  # UTF-8, not \u escapes
    json.loads(text)


async def test_crash_during_write_keeps_previous_version(
    tmp_path: Path, store: TinyDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await store.run(1, lambda tx: tx.set_value("v", "old"))
    before = user_file(tmp_path, 1).read_bytes()

    def crash(*args: object) -> None:
        raise OSError("disk gone at the worst moment")

    monkeypatch.setattr(os, "replace", crash)  # the temp file is fully written, then we "die"
    with pytest.raises(OSError, match="worst moment"):
        await store.run(1, lambda tx: tx.set_value("v", "new"))
    monkeypatch.undo()

    assert user_file(tmp_path, 1).read_bytes() == before
    assert list((tmp_path / "users").iterdir()) == [user_file(tmp_path, 1)]  # temp cleaned up
    assert await store.run(1, lambda tx: tx.get_value("v")) == "old"  # memory rolled back too
    assert await TinyDBStore(tmp_path).run(1, lambda tx: tx.get_value("v")) == "old"


async def test_stray_temp_file_from_a_killed_process_is_ignored_and_removed(
    tmp_path: Path, store: TinyDBStore
) -> None:
    await store.run(42, lambda tx: tx.set_value("v", "committed"))
    stray = tmp_path / "users" / ".42.json.abc123.tmp"
    stray.write_text('{"_kv": {"1": {"id": "v", "val', encoding="utf-8")  # half-written

    fresh = TinyDBStore(tmp_path)
    assert await fresh.user_ids() == [42]
    assert await fresh.run(42, lambda tx: tx.get_value("v")) == "committed"
    assert not stray.exists()


async def test_failed_work_changes_neither_memory_nor_disk(
    tmp_path: Path, store: TinyDBStore
) -> None:
    await store.run(1, lambda tx: tx.table("t").insert({"id": "keep"}))
    before = user_file(tmp_path, 1).read_bytes()

    def write_then_fail(tx: Transaction) -> None:
        tx.table("t").insert({"id": "ghost"})
        tx.table("t").remove("keep")
        tx.set_value("ghost", True)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await store.run(1, write_then_fail)

    assert user_file(tmp_path, 1).read_bytes() == before
    rows, ghost = await store.run(1, lambda tx: (tx.table("t").all(), tx.get_value("ghost")))
    assert rows == [{"id": "keep"}]
    assert ghost is None
    # The id index was rebuilt too: "ghost" is free again, "keep" is still taken.
    await store.run(1, lambda tx: tx.table("t").insert({"id": "ghost"}))


async def test_reads_alone_create_no_file(tmp_path: Path, store: TinyDBStore) -> None:
    assert await store.run(5, lambda tx: tx.table("t").all()) == []
    assert not user_file(tmp_path, 5).exists()
    assert await store.user_ids() == []


async def test_users_are_isolated(tmp_path: Path, store: TinyDBStore) -> None:
    await store.run(1, lambda tx: tx.table("notes").insert({"id": "n1", "text": "one's"}))
    await store.run(2, lambda tx: tx.table("notes").insert({"id": "n2", "text": "two's"}))

    assert await store.run(1, lambda tx: tx.table("notes").all()) == [{"id": "n1", "text": "one's"}]
    assert await store.run(2, lambda tx: tx.table("notes").get("n1")) is None
    assert user_file(tmp_path, 1).exists() and user_file(tmp_path, 2).exists()
    assert await store.user_ids() == [1, 2]


def increment(tx: Transaction) -> None:
    tx.set_value("n", tx.get_value("n", 0) + 1)


def slow_increment(tx: Transaction) -> None:
    n = tx.get_value("n", 0)
    os.sched_yield()  # widen the read-modify-write window (a GIL hand-off, not a timed wait)
    tx.set_value("n", n + 1)


async def test_concurrent_updates_lose_nothing(store: TinyDBStore) -> None:
    users = [1, 2, 3]
    await asyncio.gather(*(store.run(u, slow_increment) for _ in range(200) for u in users))
    counts = [await store.run(u, lambda tx: tx.get_value("n")) for u in users]
    assert counts == [200, 200, 200]
    assert len(store._locks) == 0  # no lock kept per user once nobody waits


async def test_cancelled_run_keeps_the_user_locked_until_its_thread_ends(
    store: TinyDBStore,
) -> None:
    in_work = threading.Event()
    release = threading.Event()

    def slow(tx: Transaction) -> None:
        in_work.set()
        release.wait()
        tx.set_value("v", "from slow")

    first = asyncio.create_task(store.run(1, slow))
    await asyncio.to_thread(in_work.wait)
    first.cancel()
    second = asyncio.create_task(store.run(1, lambda tx: tx.get_value("v")))
    for _ in range(5):
        await asyncio.sleep(0)  # yield only: let a broken lock hand over to `second` now
    assert not first.done() and not second.done()
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await first
    assert await second == "from slow"


async def test_migrations_run_in_order_once(tmp_path: Path) -> None:
    await TinyDBStore(tmp_path).run(1, lambda tx: tx.set_value("log", []))
    calls: list[int] = []

    def step(n: int):
        def migrate(tx: Transaction) -> None:
            calls.append(n)
            tx.set_value("log", [*tx.get_value("log"), n])

        return migrate

    upgraded = TinyDBStore(tmp_path, schema_version=3, migrations={2: step(2), 3: step(3)})
    assert await upgraded.run(1, lambda tx: tx.get_value("log")) == [2, 3]
    await upgraded.run(1, lambda tx: None)
    again = TinyDBStore(tmp_path, schema_version=3, migrations={2: step(2), 3: step(3)})
    assert await again.run(1, lambda tx: tx.get_value("log")) == [2, 3]
    assert calls == [2, 3]
    on_disk = json.loads(user_file(tmp_path, 1).read_text(encoding="utf-8"))
    assert list(on_disk["_meta"].values()) == [{"id": "schema", "version": 3}]


async def test_failed_migration_keeps_the_old_file(tmp_path: Path) -> None:
    await TinyDBStore(tmp_path).run(1, lambda tx: tx.set_value("v", 1))
    before = user_file(tmp_path, 1).read_bytes()

    def broken(tx: Transaction) -> None:
        tx.set_value("v", 2)
        raise ValueError("bad migration")

    with pytest.raises(ValueError, match="bad migration"):
        await TinyDBStore(tmp_path, schema_version=2, migrations={2: broken}).run(1, increment)
    assert user_file(tmp_path, 1).read_bytes() == before


async def test_new_files_start_at_current_version_and_newer_files_are_refused(
    tmp_path: Path,
) -> None:
    newer = TinyDBStore(tmp_path, schema_version=2, migrations={2: lambda tx: None})
    await newer.run(1, lambda tx: tx.set_value("v", 1))
    on_disk = json.loads(user_file(tmp_path, 1).read_text(encoding="utf-8"))
    assert list(on_disk["_meta"].values()) == [{"id": "schema", "version": 2}]
    before = user_file(tmp_path, 1).read_bytes()

    with pytest.raises(StoreError, match="newer than this code"):
        await TinyDBStore(tmp_path).run(1, lambda tx: tx.get_value("v"))
    assert user_file(tmp_path, 1).read_bytes() == before


def test_missing_migration_step_is_refused_at_construction(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"\[2\]"):
        TinyDBStore(tmp_path, schema_version=3, migrations={3: lambda tx: None})


async def test_cache_is_bounded_by_bytes_and_eviction_loses_no_data(tmp_path: Path) -> None:
    store = TinyDBStore(tmp_path, cache_bytes=3 * 120)
    for user in range(10):
        await store.run(user, lambda tx: tx.table("t").insert({"id": "a"}))
        await store.run(user, increment)
    size = user_file(tmp_path, 0).stat().st_size
    assert 1 <= len(store._open) <= (3 * 120) // size
    assert store._cached_total == sum(user_file(tmp_path, u).stat().st_size for u in store._open)
    for user in range(10):
        assert await store.run(user, lambda tx: (tx.table("t").all(), tx.get_value("n"))) == (
            [{"id": "a"}],
            1,
        )


async def test_export_and_delete_user(tmp_path: Path, store: TinyDBStore) -> None:
    assert await store.export_user(7) is None
    await store.run(7, lambda tx: tx.set_value("v", "mine"))
    exported = await store.export_user(7)
    assert exported == user_file(tmp_path, 7).read_bytes()
    assert "mine" in json.loads(exported)["_kv"]["1"]["value"]

    await store.delete_user(7)
    assert not user_file(tmp_path, 7).exists()
    assert await store.export_user(7) is None
    assert await store.user_ids() == []
    assert await store.run(7, lambda tx: tx.get_value("v")) is None  # cached state forgotten too
    await store.delete_user(7)  # deleting nothing is fine


async def test_corrupt_file_raises_and_is_left_untouched(
    tmp_path: Path, store: TinyDBStore
) -> None:
    path = user_file(tmp_path, 9)
    path.write_text('{"_kv": {', encoding="utf-8")
    with pytest.raises(StoreError, match=r"9\.json is not valid JSON"):
        await store.run(9, lambda tx: tx.set_value("v", 1))
    with pytest.raises(StoreError):
        await store.run(9, lambda tx: tx.get_value("v"))
    assert path.read_text(encoding="utf-8") == '{"_kv": {'


# -- sessions: one update, one commit ----------------------------------------------------------


def put(key: str, value: object):
    return lambda tx: tx.set_value(key, value)


async def test_a_session_commits_records_and_state_once_at_its_end(
    tmp_path: Path, store: TinyDBStore
) -> None:
    async with store.session(1):
        await store.run(1, put("a", 1))
        assert await store.run(1, lambda tx: tx.get_value("a")) == 1  # read after write: no commit
        await store.save_state(1, {"step": 2})
        assert store.io.commits == 0 and not user_file(tmp_path, 1).exists()
    assert (store.io.commits, store.io.files_written) == (1, 2)
    assert store.io.fsyncs == 3  # two files, one directory
    fresh = TinyDBStore(tmp_path)
    assert await fresh.run(1, lambda tx: tx.get_value("a")) == 1
    assert await fresh.load_state(1) == {"step": 2}


async def test_a_session_that_changes_nothing_writes_nothing(store: TinyDBStore) -> None:
    await store.run(1, put("a", 1))
    before = store.io.commits
    async with store.session(1):
        await store.run(1, lambda tx: tx.get_value("a"))
        assert await store.load_state(1) is None
    assert store.io.commits == before


async def test_a_failing_transaction_in_a_session_keeps_the_earlier_ones(
    tmp_path: Path, store: TinyDBStore
) -> None:
    def fail_reading(tx: Transaction) -> None:
        tx.get_value("a")
        raise ValueError("bad answer")

    def fail_writing(tx: Transaction) -> None:
        tx.set_value("b", "half done")
        raise ValueError("disk on fire")

    async with store.session(1):
        await store.run(1, put("a", 1))
        with pytest.raises(ValueError):
            await store.run(1, fail_reading)  # nothing to roll back: no commit either
        assert store.io.commits == 0
        with pytest.raises(ValueError):
            await store.run(1, fail_writing)  # rolls back to the first change, still in memory
        assert store.io.commits == 0
        assert await store.run(1, lambda tx: (tx.get_value("a"), tx.get_value("b"))) == (1, None)
        await store.run(1, put("c", 3))  # a third writing transaction: still no commit
        assert store.io.commits == 0
    assert store.io.commits == 1  # the whole update, once
    assert await TinyDBStore(tmp_path).run(1, lambda tx: tx.get_value("b", "gone")) == "gone"
    assert await TinyDBStore(tmp_path).run(1, lambda tx: tx.get_value("c")) == 3
    assert await TinyDBStore(tmp_path).run(1, lambda tx: tx.get_value("a")) == 1


async def test_another_writer_waits_for_the_session(store: TinyDBStore) -> None:
    order: list[str] = []
    inside = asyncio.Event()

    async def update() -> None:
        async with store.session(1):
            await store.run(1, increment)
            inside.set()
            await asyncio.sleep(0)  # let the job try to get in
            await store.run(1, increment)
            order.append("update done")

    seen: list[int] = []

    def increment_and_read(tx: Transaction) -> None:
        increment(tx)
        seen.append(tx.get_value("n"))

    async def job() -> None:
        await inside.wait()
        await store.run(1, increment_and_read)
        order.append("job done")

    await asyncio.gather(update(), job())
    assert order == ["update done", "job done"]
    assert seen == [3]  # it ran after both of the update's changes, not between them


async def test_state_outside_a_session_is_saved_at_once(tmp_path: Path, store: TinyDBStore) -> None:
    await store.save_state(3, {"flows": {"x": 1}})
    assert store.io.commits == 1
    assert await TinyDBStore(tmp_path).load_state(3) == {"flows": {"x": 1}}


async def test_a_damaged_state_file_raises_and_is_left_untouched(
    tmp_path: Path, store: TinyDBStore
) -> None:
    path = tmp_path / "users" / "4.state.json"
    path.write_text("[1, 2")
    with pytest.raises(StoreError, match=r"4\.state\.json"):
        await store.load_state(4)
    assert path.read_text() == "[1, 2"
    await store.save_state(5, {"ok": True})  # others are unaffected
    assert await store.load_state(5) == {"ok": True}


async def test_delete_inside_a_session_erases_both_files(
    tmp_path: Path, store: TinyDBStore
) -> None:
    await store.run(6, put("a", 1))
    await store.save_state(6, {"step": 1})
    async with store.session(6):
        await store.save_state(6, {"step": 2})
        await store.delete_user(6)
        assert await store.run(6, lambda tx: tx.get_value("a")) is None
    assert not list((tmp_path / "users").iterdir())


async def test_export_holds_the_records_and_the_small_state(store: TinyDBStore) -> None:
    assert await store.export_user(8) is None
    await store.save_state(8, {"step": 1})
    assert json.loads(await store.export_user(8) or b"") == {"_state": {"step": 1}}
    await store.run(8, put("a", 1))
    exported = json.loads(await store.export_user(8) or b"")
    assert exported["_state"] == {"step": 1} and exported["_kv"]["1"]["value"] == 1


# -- the per-student cap on stored bytes -------------------------------------------------------


async def test_a_write_past_the_stored_bytes_limit_is_refused_and_nothing_is_lost(
    tmp_path: Path,
) -> None:
    big = "x" * 6000
    unlimited = TinyDBStore(tmp_path)
    await unlimited.run(1, lambda tx: tx.table("notes").insert({"id": "a", "text": big}))
    store = TinyDBStore(tmp_path, max_stored_bytes=5000)  # now past the limit
    before = user_file(tmp_path, 1).read_bytes()

    with pytest.raises(StoredBytesLimitReached) as refused:
        await store.run(1, lambda tx: tx.table("notes").insert({"id": "b", "text": "more"}))
    assert refused.value.limit == 5000 and refused.value.size > 6000
    async with store.session(1):  # inside an update: the same
        with pytest.raises(StoredBytesLimitReached):
            await store.run(1, lambda tx: tx.set_value("seen", True))
        with pytest.raises(StoredBytesLimitReached):
            await store.run(1, lambda tx: tx.table("notes").put({"id": "c", "text": big}))
    assert await store.run(1, lambda tx: sorted(r["id"] for r in tx.table("notes").all())) == ["a"]
    assert await store.run(1, lambda tx: tx.get_value("seen")) is None
    assert user_file(tmp_path, 1).read_bytes() == before

    # Reading, shrinking and deleting still work past the limit, and growing again once under.
    assert await store.run(1, lambda tx: tx.table("notes").get("a")) == {"id": "a", "text": big}
    await store.run(1, lambda tx: tx.table("notes").put({"id": "a", "text": big[:5500]}))
    assert await store.run(1, lambda tx: tx.table("notes").remove("a")) is True
    await store.run(1, lambda tx: tx.table("notes").insert({"id": "b", "text": "more"}))
    assert await store.export_user(1) is not None


async def test_a_refused_write_in_an_update_keeps_what_the_update_did_before(
    tmp_path: Path,
) -> None:
    store = TinyDBStore(tmp_path, max_stored_bytes=5000)
    async with store.session(1):
        await store.run(1, lambda tx: tx.table("notes").insert({"id": "a", "text": "kept"}))
        with pytest.raises(StoredBytesLimitReached):
            await store.run(1, lambda tx: tx.table("notes").insert({"id": "b", "text": "x" * 6000}))
        await store.run(1, lambda tx: tx.table("notes").insert({"id": "c", "text": "also"}))
    fresh = TinyDBStore(tmp_path)
    assert await fresh.run(1, lambda tx: [r["id"] for r in tx.table("notes").all()]) == ["a", "c"]
