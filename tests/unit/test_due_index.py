"""The due-index stays at or before each student's stored next-due moment, whatever happens."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.store.due_index import IndexedStore, SqliteDueIndex
from bot.store.tinydb_store import TinyDBStore

KEY = "next_due"


@pytest.fixture
def index(tmp_path: Path) -> SqliteDueIndex:
    idx = SqliteDueIndex(tmp_path / "due.sqlite3")
    yield idx
    idx.close()


def test_lower_keeps_the_earliest_and_due_finds_only_those_due(index: SqliteDueIndex) -> None:
    index.lower(1, 500)
    index.lower(1, 900)
    index.lower(2, 100)
    index.lower(3, 2000)
    assert index.due(1000, 10) == [2, 1]
    assert index.due(50, 10) == []
    assert index.size() == 3


def test_settle_loses_to_a_lowering_that_came_in_between(index: SqliteDueIndex) -> None:
    index.lower(1, 500)
    seen = index.seq(1)
    index.lower(1, 700)  # another transaction planned something (not earlier, but still)
    assert not index.settle(1, 5000, seen)
    assert index.due(600, 10) == [1]
    assert index.settle(1, 5000, index.seq(1))
    assert index.due(4000, 10) == []
    assert index.settle(1, None, index.seq(1))
    assert index.size() == 0


def test_settle_creates_a_missing_entry(index: SqliteDueIndex) -> None:
    assert index.settle(9, 42, 0)
    assert index.due(42, 10) == [9]


class CommitFails:
    """A store whose commit fails after the work ran (a full disk, a kill mid-write)."""

    def __init__(self, inner: TinyDBStore) -> None:
        self.inner = inner

    async def run(self, user_id, work):
        def then_fail(tx):
            work(tx)
            raise OSError("disk full")

        return await self.inner.run(user_id, then_fail)


async def test_indexed_store_lowers_before_commit_so_a_failed_commit_leaves_it_early(
    tmp_path: Path, index: SqliteDueIndex
) -> None:
    tiny = TinyDBStore(tmp_path)
    store = IndexedStore(tiny, index, KEY)
    await store.run(1, lambda tx: tx.set_value(KEY, 300))
    assert index.due(300, 10) == [1] and index.due(299, 10) == []
    failing = IndexedStore(CommitFails(tiny), index, KEY)  # type: ignore[arg-type]
    with pytest.raises(OSError):
        await failing.run(1, lambda tx: tx.set_value(KEY, 100))
    # Nothing was stored, so the entry is early: harmless (the sweep finds nothing and settles).
    assert await store.run(1, lambda tx: tx.get_value(KEY)) == 300
    assert index.due(100, 10) == [1]
    await store.run_and_settle(1, lambda tx: None)
    assert index.due(299, 10) == [] and index.due(300, 10) == [1]


async def test_later_plans_do_not_touch_the_index_and_erasing_removes_it(
    tmp_path: Path, index: SqliteDueIndex
) -> None:
    store = IndexedStore(TinyDBStore(tmp_path), index, KEY)
    await store.run(1, lambda tx: tx.set_value(KEY, 300))
    seq = index.seq(1)
    await store.run(1, lambda tx: tx.set_value(KEY, 900))
    assert index.seq(1) == seq  # raising is the sweep's job, after delivery
    await store.delete_user(1)
    assert index.due(10_000, 10) == []


async def test_rebuild_fills_a_new_index_from_every_file(tmp_path: Path) -> None:
    first = SqliteDueIndex(tmp_path / "a.sqlite3")
    store = IndexedStore(TinyDBStore(tmp_path), first, KEY)
    await store.run(1, lambda tx: tx.set_value(KEY, 10))
    await store.run(2, lambda tx: tx.set_value("other", 1))
    first.close()
    fresh = SqliteDueIndex(tmp_path / "b.sqlite3")
    assert fresh.created
    rebuilt = IndexedStore(TinyDBStore(tmp_path), fresh, KEY)
    assert await rebuilt.rebuild() == 1
    assert fresh.due(10, 10) == [1]
    fresh.close()
