"""The cross-student due-index: which students have something due, without opening their files.

The sweep asks it "who is due by now?" and opens only those students' data. The truth stays in
each student's own data (their nudges and their ``next due`` moment); this index is a *hint* that is
kept at or before that moment, so an entry can be early (the sweep finds nothing and settles it)
but never late (a nudge would be missed):

* a transaction that makes a student's next-due moment earlier lowers the entry *before* it
  commits (``IndexedStore`` does this for every transaction, whatever feature ran it), so a crash
  at any point leaves the entry early at worst;
* only the sweep raises an entry, after its commit, and only if no transaction lowered it
  meanwhile (a per-student sequence number is compared and set in one statement).

It is one SQLite file (the standard library's, so no new dependency and no server) with one small
row per student; a PostgreSQL deployment would keep the same three statements in a table there.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from bot.store.base import Store, Transaction

T = TypeVar("T")


class DueIndex(Protocol):
    """Earliest-due moment per student, as Unix seconds."""

    def lower(self, user_id: int, due: int) -> None:
        """Make the entry at most ``due`` and bump its sequence number."""
        ...

    def seq(self, user_id: int) -> int:
        """The entry's sequence number (0 when there is none)."""
        ...

    def settle(self, user_id: int, due: int | None, seq: int) -> bool:
        """Set the entry to ``due`` (None: nothing due) if its sequence number is still ``seq``."""
        ...

    def due(self, now: int, limit: int) -> list[int]:
        """Students whose entry is at or before ``now``, earliest first."""
        ...

    def remove(self, user_id: int) -> None:
        """Forget the student (their data was erased)."""
        ...

    def size(self) -> int:
        """How many students have an entry with a moment."""
        ...

    def close(self) -> None:
        """Release the file."""
        ...


class SqliteDueIndex:
    """``DueIndex`` in one SQLite file; safe to call from the store's worker threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.created = not path.exists()
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a lowered entry must survive a power cut
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS due ("
            " user_id INTEGER PRIMARY KEY, due_at INTEGER, seq INTEGER NOT NULL DEFAULT 0)"
        )
        self._db.execute("CREATE INDEX IF NOT EXISTS due_at_idx ON due(due_at)")

    def _run(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        with self._lock:
            cursor = self._db.execute(sql, args)
            rows = cursor.fetchall()
            self.changed = cursor.rowcount
            return rows

    def lower(self, user_id: int, due: int) -> None:
        self._run(
            "INSERT INTO due(user_id, due_at, seq) VALUES (?, ?, 1) ON CONFLICT(user_id) DO UPDATE"
            " SET due_at = CASE WHEN due_at IS NULL OR excluded.due_at < due_at"
            " THEN excluded.due_at ELSE due_at END, seq = seq + 1",
            user_id,
            due,
        )

    def seq(self, user_id: int) -> int:
        rows = self._run("SELECT seq FROM due WHERE user_id = ?", user_id)
        return int(rows[0][0]) if rows else 0

    def settle(self, user_id: int, due: int | None, seq: int) -> bool:
        with self._lock:
            if seq == 0:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO due(user_id, due_at, seq) VALUES (?, ?, 0)",
                    (user_id, due),
                )
                if cursor.rowcount:
                    return True
            cursor = self._db.execute(
                "UPDATE due SET due_at = ? WHERE user_id = ? AND seq = ?", (due, user_id, seq)
            )
            return cursor.rowcount > 0

    def due(self, now: int, limit: int) -> list[int]:
        rows = self._run(
            "SELECT user_id FROM due WHERE due_at IS NOT NULL AND due_at <= ?"
            " ORDER BY due_at LIMIT ?",
            now,
            limit,
        )
        return [int(r[0]) for r in rows]

    def remove(self, user_id: int) -> None:
        self._run("DELETE FROM due WHERE user_id = ?", user_id)

    def size(self) -> int:
        return int(self._run("SELECT COUNT(*) FROM due WHERE due_at IS NOT NULL")[0][0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


class IndexedStore:
    """A ``Store`` that keeps the due-index at or before each student's stored next-due moment.

    Wrapping the store (rather than asking every repository to remember the index) means any
    transaction of any feature that plans an earlier nudge lowers the index before it commits.
    """

    def __init__(self, inner: Store, index: DueIndex, key: str) -> None:
        self.inner = inner
        self.index = index
        self._key = key

    def _wrap(
        self, user_id: int, work: Callable[[Transaction], T], box: dict[str, Any] | None
    ) -> Callable[[Transaction], T]:
        def wrapped(tx: Transaction) -> T:
            before = tx.get_value(self._key)
            result = work(tx)
            after = tx.get_value(self._key)
            if after is not None and after != before and (before is None or after < before):
                self.index.lower(user_id, int(after))
            if box is not None:
                box["due"], box["seq"] = after, self.index.seq(user_id)
            return result

        return wrapped

    async def run(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        """As ``Store.run``, lowering the index entry before commit when the work asks for it."""
        return await self.inner.run(user_id, self._wrap(user_id, work, None))

    async def run_and_settle(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        """Run ``work`` and then set the index entry to the stored next-due moment exactly (the
        sweep's way of raising an entry once it has delivered what was due)."""
        box: dict[str, Any] = {}
        result = await self.inner.run(user_id, self._wrap(user_id, work, box))
        await asyncio.to_thread(self.index.settle, user_id, box["due"], box["seq"])
        return result

    async def rebuild(self) -> int:
        """Fill an empty index from every student's stored moment (a new or lost index file);
        the one time every file is opened. Returns how many students have something pending."""
        count = 0
        for user_id in await self.inner.user_ids():
            due = await self.inner.run(user_id, lambda tx: tx.get_value(self._key))
            if due is not None:
                await asyncio.to_thread(self.index.lower, user_id, int(due))
                count += 1
        return count

    @property
    def state_shared_between_processes(self) -> bool:
        """As the wrapped engine says."""
        return bool(getattr(self.inner, "state_shared_between_processes", False))

    def session(self, user_id: int) -> AbstractAsyncContextManager[None]:
        """As ``Store.session``: runs inside it lower the index as they return, which is still
        before the session's one durable commit."""
        return self.inner.session(user_id)

    async def load_state(self, user_id: int) -> dict[str, Any] | None:
        """As ``Store.load_state``."""
        return await self.inner.load_state(user_id)

    async def save_state(self, user_id: int, state: dict[str, Any]) -> None:
        """As ``Store.save_state``."""
        await self.inner.save_state(user_id, state)

    async def user_ids(self) -> list[int]:
        """As ``Store.user_ids``."""
        return await self.inner.user_ids()

    async def export_user(self, user_id: int) -> bytes | None:
        """As ``Store.export_user``."""
        return await self.inner.export_user(user_id)

    async def delete_user(self, user_id: int) -> None:
        """Erase the student and their index entry."""
        await self.inner.delete_user(user_id)
        await asyncio.to_thread(self.index.remove, user_id)

    async def close(self) -> None:
        """Close the store (the index is closed by whoever opened it)."""
        await self.inner.close()
