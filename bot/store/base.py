"""The storage contract the rest of the bot codes against.

Every user's data is a set of named tables of JSON records plus a small key-value area. Work on one
user's data happens inside a *transaction*: a plain synchronous function that the store runs in a
worker thread (so a large file never stalls the event loop) while holding that user's lock (so no
read-modify-write is lost), and commits atomically at the end (all of it or none reaches disk).
Feature repositories (``bot/store/<feature>.py``) turn these records into domain dataclasses.

Besides the records, each student has a small *state* (conversation steps, flow scratch, nudge
bookkeeping) that changes on nearly every message. It is stored apart from the records, so a step
costs the same for a student with 2,000 contacts as for one with ten, and it is loaded through one
seam, ``load_state``: the TinyDB engine serves one process and reads it once per student, a shared
database (PostgreSQL) can read it on every update. One update is one ``session``: everything it
changes is committed once, at its end.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
Record = dict[str, Any]


class StoreError(Exception):
    """Stored data cannot be used safely (corrupt file, unknown schema, bad id).

    Raised instead of guessing, so a damaged or newer file is never silently overwritten.
    """


class Table(Protocol):
    """One named collection of records; every record carries a string ``id``."""

    def all(self) -> list[Record]:
        """Every record, in insertion order."""
        ...

    def get(self, record_id: str) -> Record | None:
        """The record with this id, or None."""
        ...

    def insert(self, record: Record) -> str:
        """Add a record; a missing ``id`` gets a short random one. Returns the id."""
        ...

    def put(self, record: Record) -> None:
        """Insert or replace the record with ``record["id"]``."""
        ...

    def remove(self, record_id: str) -> bool:
        """Delete a record; True when it existed."""
        ...

    def find(self, predicate: Callable[[Record], bool]) -> list[Record]:
        """Records for which ``predicate`` is true."""
        ...

    def clear(self) -> None:
        """Delete every record of the table."""
        ...


class Transaction(Protocol):
    """One user's data, open for reading and writing until the transaction function returns."""

    @property
    def user_id(self) -> int:
        """Whose data this is."""
        ...

    def table(self, name: str) -> Table:
        """The named table (created on first write)."""
        ...

    def get_value(self, key: str, default: Any = None) -> Any:
        """A JSON value from the user's key-value area."""
        ...

    def set_value(self, key: str, value: Any) -> None:
        """Store a JSON value in the user's key-value area."""
        ...

    def delete_value(self, key: str) -> None:
        """Forget a key (no error when missing)."""
        ...


class Store(Protocol):
    """Per-user transactional storage.

    An engine shared by several bot processes sets ``state_shared_between_processes = True``;
    the application then reloads a student's small state at the start of every update instead
    of keeping the copy it last committed (an optional attribute: absent means False).
    """

    async def run(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        """Run ``work`` on the user's data under the user's lock and commit it atomically.

        If ``work`` raises, nothing it wrote is kept (memory or disk) and the error propagates.
        """
        ...

    def session(self, user_id: int) -> AbstractAsyncContextManager[None]:
        """One update's unit of work on one student, committed once when the block is left.

        Inside it, ``run`` and ``save_state`` for this student are held in memory (each ``run``
        still all-or-nothing) and written together at the end: at most one durable commit per
        update, none when nothing changed. Other writers to the student wait for the block.
        """
        ...

    async def load_state(self, user_id: int) -> dict[str, Any] | None:
        """The student's small state as last saved, or None when none ever was."""
        ...

    async def save_state(self, user_id: int, state: dict[str, Any]) -> None:
        """Replace the student's small state (a JSON object); durable at the session's end."""
        ...

    async def user_ids(self) -> list[int]:
        """Every user that has stored data."""
        ...

    async def export_user(self, user_id: int) -> bytes | None:
        """Everything stored for the user (records and small state) as JSON bytes, for /export;
        None if there is nothing."""
        ...

    async def delete_user(self, user_id: int) -> None:
        """Erase everything stored for the user (for /deletedata)."""
        ...

    async def close(self) -> None:
        """Release resources; pending work is already committed."""
        ...


@dataclass
class StudentData:
    """Everything one student has stored, in no engine's format: how data moves between engines
    (``bot.store.migrate``) and how a copy is checked against its source."""

    tables: dict[str, list[Record]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] | None = None

    def counts(self) -> dict[str, int]:
        """Records per table, plus ``values`` and ``state``: what a migration must preserve."""
        counts = {f"table {name}": len(rows) for name, rows in self.tables.items() if rows}
        counts["values"] = len(self.values)
        counts["state"] = int(self.state is not None)
        return counts
