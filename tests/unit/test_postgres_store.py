"""The PostgreSQL engine on a real server: transactions, sessions, the small state, schema."""

from __future__ import annotations

import asyncio

import pytest

from bot.store.base import StoreError
from bot.store.postgres_store import _SCHEMA, PostgresStore
from bot.store.quota import StoredBytesLimitReached


@pytest.fixture
async def store(postgres_url: str):
    store = PostgresStore(postgres_url)
    await store.open()
    yield store
    await store.close()


async def test_a_transaction_commits_all_or_nothing(store: PostgresStore) -> None:
    def write(tx):
        tx.table("contacts").insert({"id": "a", "name": "Ann"})
        tx.set_value("profile", {"name": "Ria"})

    await store.run(5, write)

    def fail(tx):
        tx.table("contacts").remove("a")
        tx.set_value("profile", {"name": "lost"})
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await store.run(5, fail)
    contacts, profile = await store.run(
        5, lambda tx: (tx.table("contacts").all(), tx.get_value("profile"))
    )
    assert contacts == [{"id": "a", "name": "Ann"}]
    assert profile == {"name": "Ria"}


async def test_records_keep_insertion_order_when_replaced(store: PostgresStore) -> None:
    def write(tx):
        for name in ("a", "b", "c"):
            tx.table("t").insert({"id": name})
        tx.table("t").put({"id": "a", "changed": True})

    await store.run(1, write)
    assert [r["id"] for r in await store.run(1, lambda tx: tx.table("t").all())] == ["a", "b", "c"]


async def test_a_session_commits_records_and_state_once_or_rolls_all_back(
    store: PostgresStore,
) -> None:
    async with store.session(7):
        await store.run(7, lambda tx: tx.table("t").put({"id": "x"}))
        await store.save_state(7, {"flows": {"f": {"step": "a"}}})
        assert await store.load_state(7) == {"flows": {"f": {"step": "a"}}}
    assert await store.load_state(7) == {"flows": {"f": {"step": "a"}}}

    with pytest.raises(RuntimeError):
        async with store.session(7):
            await store.run(7, lambda tx: tx.table("t").remove("x"))
            await store.save_state(7, {})
            raise RuntimeError
    assert await store.run(7, lambda tx: tx.table("t").get("x")) == {"id": "x"}
    assert await store.load_state(7) == {"flows": {"f": {"step": "a"}}}


async def test_one_students_sessions_never_interleave(
    store: PostgresStore, postgres_url: str
) -> None:
    """Two engines stand for two replicas: the second waits for the first student's update."""
    other = PostgresStore(postgres_url)
    await other.open()
    order: list[str] = []
    entered = asyncio.Event()

    async def first() -> None:
        async with store.session(9):
            entered.set()
            order.append("first in")
            await asyncio.sleep(0.2)  # the other replica must wait here, not interleave
            order.append("first out")

    async def second() -> None:
        await entered.wait()
        async with other.session(9):
            order.append("second in")

    await asyncio.gather(first(), second())
    await other.close()
    assert order == ["first in", "first out", "second in"]


async def test_export_and_delete_cover_everything(store: PostgresStore) -> None:
    await store.run(3, lambda tx: tx.table("t").put({"id": "x"}))
    await store.save_state(3, {"k": 1})
    assert await store.user_ids() == [3]
    assert b'"x"' in (await store.export_user(3) or b"")
    await store.delete_user(3)
    assert await store.user_ids() == []
    assert await store.export_user(3) is None
    assert await store.load_state(3) is None


async def test_replicas_starting_together_migrate_once(postgres_url: str) -> None:
    stores = [PostgresStore(postgres_url) for _ in range(3)]
    await asyncio.gather(*(s.open() for s in stores))
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        versions = [v for (v,) in conn.execute("SELECT version FROM nc_schema ORDER BY 1")]
        assert versions == list(range(1, max(_SCHEMA) + 1))  # each step exactly once
        conn.execute("INSERT INTO nc_schema (version) VALUES (99)")
    with pytest.raises(StoreError, match="newer"):
        await asyncio.to_thread(stores[0]._migrate)
    for s in stores:
        await s.close()


async def test_a_write_past_the_stored_bytes_limit_is_refused_and_nothing_is_lost(
    postgres_url: str,
) -> None:
    big = "x" * 6000
    unlimited = PostgresStore(postgres_url)
    store = PostgresStore(postgres_url, max_stored_bytes=5000)
    await unlimited.open()
    await store.open()
    try:
        await unlimited.run(31, lambda tx: tx.table("notes").insert({"id": "a", "text": big}))
        with pytest.raises(StoredBytesLimitReached) as refused:
            await store.run(31, lambda tx: tx.table("notes").insert({"id": "b", "text": "more"}))
        assert refused.value.limit == 5000 and refused.value.size > 6000
        with pytest.raises(StoredBytesLimitReached):
            async with store.session(31):
                await store.run(31, lambda tx: tx.set_value("seen", True))
        ids = await store.run(31, lambda tx: sorted(r["id"] for r in tx.table("notes").all()))
        assert ids == ["a"]
        assert await store.run(31, lambda tx: tx.get_value("seen")) is None

        # Reading and deleting still work past the limit, and writing again once under it.
        kept = await store.run(31, lambda tx: tx.table("notes").get("a"))
        assert kept == {"id": "a", "text": big}
        assert await store.run(31, lambda tx: tx.table("notes").remove("a")) is True
        await store.run(31, lambda tx: tx.table("notes").insert({"id": "b", "text": "more"}))
        assert await store.export_user(31) is not None
    finally:
        await store.close()
        await unlimited.close()
