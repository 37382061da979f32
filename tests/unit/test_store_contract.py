"""The storage contract (``bot.store.base``), checked on every engine that claims to keep it.

Each test here speaks only the contract, so it runs unchanged against the embedded TinyDB files and
against PostgreSQL (a real server; skipped with a message when none can be started). What only
one engine can show (files on disk, fsyncs, the database's own locks) is tested beside that engine.
"""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.base import Store, StoreError, Transaction
from bot.store.tinydb_store import TinyDBStore

ENGINES = ["tinydb", "postgres"]


@pytest.fixture(params=ENGINES)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "tinydb":
        engine: Store = TinyDBStore(tmp_path)
    else:
        from bot.store.postgres_store import PostgresStore

        url = request.getfixturevalue("postgres_url")
        engine = PostgresStore(url, max_size=8)
        await engine.open()  # type: ignore[attr-defined]
    yield engine
    await engine.close()


async def test_round_trip_of_tables_and_values(store: Store) -> None:
    def write(tx: Transaction) -> str:
        tx.set_value("name", "Ана")
        tx.set_value("prefs", {"tz": "UTC", "days": [1, 2]})
        contacts = tx.table("contacts")
        contacts.put({"id": "fixed", "name": "Bob"})
        return contacts.insert({"name": "Alice", "tags": ["x"]})

    new_id = await store.run(1, write)
    assert re.fullmatch(r"[0-9a-f]{8}", new_id)

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

    name, prefs, missing, rows, alice, bobs = await store.run(1, read)
    assert (name, prefs, missing) == ("Ана", {"tz": "UTC", "days": [1, 2]}, 7)
    assert rows == [{"id": "fixed", "name": "Bob"}, {"id": new_id, "name": "Alice", "tags": ["x"]}]
    assert alice == {"id": new_id, "name": "Alice", "tags": ["x"]}
    assert bobs == [{"id": "fixed", "name": "Bob"}]


async def test_put_replaces_in_place_remove_clear_and_delete_value(store: Store) -> None:
    def work(tx: Transaction) -> tuple:
        t = tx.table("t")
        for i in "abc":
            t.insert({"id": i, "n": 0, "old": True})
        t.put({"id": "b", "n": 1})
        removed = (t.remove("a"), t.remove("zz"))
        tx.set_value("k", 1)
        tx.delete_value("k")
        tx.delete_value("never-set")
        return t.all(), removed, tx.get_value("k")

    rows, removed, value = await store.run(1, work)
    assert rows == [{"id": "b", "n": 1}, {"id": "c", "n": 0, "old": True}]
    assert removed == (True, False)
    assert value is None
    assert await store.run(1, lambda tx: tx.table("t").all()) == rows  # and so it was committed
    await store.run(1, lambda tx: tx.table("t").clear())
    assert await store.run(1, lambda tx: tx.table("t").all()) == []


async def test_bad_ids_and_internal_tables_are_refused(store: Store) -> None:
    await store.run(1, lambda tx: tx.table("t").insert({"id": "x"}))
    with pytest.raises(StoreError, match="duplicate"):
        await store.run(1, lambda tx: tx.table("t").insert({"id": "x"}))
    with pytest.raises(StoreError, match="non-empty string"):
        await store.run(1, lambda tx: tx.table("t").put({"id": 3}))
    with pytest.raises(StoreError, match="internal"):
        await store.run(1, lambda tx: tx.table("_kv"))


async def test_returned_records_are_copies(store: Store) -> None:
    original = {"id": "r", "tags": ["a"]}

    def work(tx: Transaction) -> None:
        t = tx.table("t")
        t.insert(original)
        original["tags"].append("caller-mutated-input")
        t.all()[0]["tags"].append("caller-mutated-all")
        t.get("r")["tags"].append("caller-mutated-get")  # type: ignore[index]
        t.find(lambda r: True)[0]["tags"].append("caller-mutated-find")

    await store.run(1, work)
    assert await store.run(1, lambda tx: tx.table("t").get("r")) == {"id": "r", "tags": ["a"]}


async def test_transaction_is_unusable_after_work_returns(store: Store) -> None:
    table = await store.run(1, lambda tx: tx.table("t"))
    with pytest.raises(StoreError, match="transaction is over"):
        table.all()


async def test_failed_work_changes_nothing(store: Store) -> None:
    await store.run(1, lambda tx: tx.table("t").insert({"id": "a", "v": 1}))

    def fail(tx: Transaction) -> None:
        tx.table("t").put({"id": "a", "v": 2})
        tx.table("t").insert({"id": "b"})
        tx.set_value("k", "lost")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await store.run(1, fail)
    state = await store.run(1, lambda tx: (tx.table("t").all(), tx.get_value("k")))
    assert state == ([{"id": "a", "v": 1}], None)


async def test_reads_alone_store_nothing(store: Store) -> None:
    assert await store.run(5, lambda tx: tx.table("t").all()) == []
    assert await store.run(5, lambda tx: tx.get_value("k")) is None
    assert await store.user_ids() == []
    assert await store.export_user(5) is None


async def test_users_are_isolated(store: Store) -> None:
    await store.run(1, lambda tx: tx.table("notes").insert({"id": "n1", "text": "one's"}))
    await store.run(2, lambda tx: tx.table("notes").insert({"id": "n2", "text": "two's"}))

    assert await store.run(1, lambda tx: tx.table("notes").all()) == [{"id": "n1", "text": "one's"}]
    assert await store.run(2, lambda tx: tx.table("notes").get("n1")) is None
    assert await store.user_ids() == [1, 2]


def slow_increment(tx: Transaction) -> None:
    n = tx.get_value("n", 0)
    os.sched_yield()  # widen the read-modify-write window (a GIL hand-off, not a timed wait)
    tx.set_value("n", n + 1)


async def test_concurrent_updates_lose_nothing(store: Store) -> None:
    users = [1, 2, 3]
    await asyncio.gather(*(store.run(u, slow_increment) for _ in range(60) for u in users))
    counts = [await store.run(u, lambda tx: tx.get_value("n")) for u in users]
    assert counts == [60, 60, 60]


async def test_work_runs_off_the_event_loop(store: Store) -> None:
    loop_thread = threading.get_ident()
    in_work = threading.Event()
    release = threading.Event()

    def blocking(tx: Transaction) -> int:
        in_work.set()
        release.wait(10)
        return threading.get_ident()

    task = asyncio.create_task(store.run(1, blocking))
    await asyncio.to_thread(in_work.wait, 10)
    other_user = await store.run(2, lambda tx: tx.user_id)  # the loop and other users go on
    release.set()
    assert await task != loop_thread
    assert other_user == 2


async def test_export_and_delete_user(store: Store) -> None:
    assert await store.export_user(7) is None
    await store.run(7, lambda tx: tx.set_value("v", "mine"))
    await store.run(7, lambda tx: tx.table("t").put({"id": "r", "text": "my record"}))
    exported = await store.export_user(7)
    assert exported is not None and b"mine" in exported and b"my record" in exported

    await store.delete_user(7)
    assert await store.export_user(7) is None
    assert await store.user_ids() == []
    assert await store.run(7, lambda tx: tx.get_value("v")) is None
    await store.delete_user(7)  # deleting nothing is fine


# -- sessions and the small state: one update, one commit ---------------------------------------


def put(key: str, value: object):
    return lambda tx: tx.set_value(key, value)


async def test_a_session_keeps_records_and_state_together(store: Store) -> None:
    async with store.session(1):
        await store.run(1, put("a", 1))
        assert await store.run(1, lambda tx: tx.get_value("a")) == 1  # read after write
        await store.save_state(1, {"step": 2})
    assert await store.run(1, lambda tx: tx.get_value("a")) == 1
    assert await store.load_state(1) == {"step": 2}


async def test_a_failing_transaction_in_a_session_keeps_the_earlier_ones(store: Store) -> None:
    def fail_writing(tx: Transaction) -> None:
        tx.set_value("b", "half done")
        raise ValueError("disk on fire")

    async with store.session(1):
        await store.run(1, put("a", 1))
        with pytest.raises(ValueError):
            await store.run(1, fail_writing)
        assert await store.run(1, lambda tx: (tx.get_value("a"), tx.get_value("b"))) == (1, None)
    assert await store.run(1, lambda tx: (tx.get_value("a"), tx.get_value("b", "gone"))) == (
        1,
        "gone",
    )


async def test_another_writer_waits_for_the_session(store: Store) -> None:
    order: list[str] = []
    inside = asyncio.Event()
    seen: list[int] = []

    def increment(tx: Transaction) -> None:
        tx.set_value("n", tx.get_value("n", 0) + 1)

    async def update() -> None:
        async with store.session(1):
            await store.run(1, increment)
            inside.set()
            for _ in range(5):
                await asyncio.sleep(0)  # let the job try to get in
            await store.run(1, increment)
            order.append("update done")

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


async def test_state_outside_a_session_is_saved_at_once(store: Store) -> None:
    assert await store.load_state(3) is None
    await store.save_state(3, {"flows": {"x": 1}})
    assert await store.load_state(3) == {"flows": {"x": 1}}


async def test_delete_inside_a_session_erases_records_and_state(store: Store) -> None:
    await store.run(6, put("a", 1))
    await store.save_state(6, {"step": 1})
    async with store.session(6):
        await store.save_state(6, {"step": 2})
        await store.delete_user(6)
        assert await store.run(6, lambda tx: tx.get_value("a")) is None
    assert await store.export_user(6) is None
    assert await store.load_state(6) is None


async def test_export_holds_the_records_and_the_small_state(store: Store) -> None:
    await store.save_state(8, {"step": "remembered"})
    await store.run(8, put("a", "kept"))
    exported = await store.export_user(8) or b""
    assert b"remembered" in exported and b"kept" in exported
