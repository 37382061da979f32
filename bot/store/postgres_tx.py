"""A student's data inside one PostgreSQL transaction: what a work function sees as ``Transaction``.

Tables are read on first access and only changed rows are written back; ``transact`` runs a work
function, flushes it and checks the stored-bytes limit; ``savepoint`` does the same inside an
update's transaction. ``postgres_store`` decides which connection and transaction they run in.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import psycopg
from psycopg.types.json import Jsonb

from bot.store.base import Record, StoreError, Transaction
from bot.store.quota import check_stored_bytes

T = TypeVar("T")


def clone_json(value: Any) -> Any:
    """A JSON round trip: callers never share objects with what is written, and a value that is
    not JSON fails at the call that stores it."""
    return json.loads(json.dumps(value, ensure_ascii=False))


class PgTable:
    """One named table of one student, loaded on first use; changes are kept until commit."""

    def __init__(self, tx: PgTx, name: str) -> None:
        self._tx = tx
        self._name = name
        self._rows: dict[str, Record] | None = None
        self.changed: dict[str, None] = {}  # ordered: new rows get ``seq`` in insertion order
        self.removed: set[str] = set()

    def _load(self) -> dict[str, Record]:
        if not self._tx.open:
            raise StoreError("the transaction is over; do all work inside the work function")
        if self._rows is None:
            cursor = self._tx.connection.execute(
                "SELECT id, record FROM nc_records WHERE user_id = %s AND tbl = %s ORDER BY seq",
                (self._tx.user_id, self._name),
            )
            self._rows = {row[0]: row[1] for row in cursor}
        return self._rows

    def all(self) -> list[Record]:
        return [clone_json(r) for r in self._load().values()]

    def get(self, record_id: str) -> Record | None:
        record = self._load().get(record_id)
        return None if record is None else clone_json(record)

    def insert(self, record: Record) -> str:
        record = clone_json(record)
        rows = self._load()
        if "id" not in record:
            record["id"] = secrets.token_hex(4)
            while record["id"] in rows:
                record["id"] = secrets.token_hex(4)
        record_id = check_id(record)
        if record_id in rows:
            raise StoreError(f"duplicate id {record_id!r} in table {self._name!r}; use put()")
        self._store(record_id, record)
        return record_id

    def put(self, record: Record) -> None:
        record = clone_json(record)
        self._store(check_id(record), record)

    def remove(self, record_id: str) -> bool:
        if self._load().pop(record_id, None) is None:
            return False
        self.changed.pop(record_id, None)
        self.removed.add(record_id)
        return True

    def find(self, predicate: Callable[[Record], bool]) -> list[Record]:
        return [clone_json(r) for r in self._load().values() if predicate(r)]

    def clear(self) -> None:
        for record_id in list(self._load()):
            self.remove(record_id)

    def _store(self, record_id: str, record: Record) -> None:
        self._load()[record_id] = record
        self.changed[record_id] = None
        self.removed.discard(record_id)

    def flush(self) -> None:
        """Write this table's changes inside the open database transaction."""
        rows = self._load()
        conn = self._tx.connection
        for record_id in self.removed:
            conn.execute(
                "DELETE FROM nc_records WHERE user_id = %s AND tbl = %s AND id = %s",
                (self._tx.user_id, self._name, record_id),
            )
        for record_id in self.changed:
            conn.execute(
                "INSERT INTO nc_records (user_id, tbl, id, record) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (user_id, tbl, id) DO UPDATE SET record = EXCLUDED.record",
                (self._tx.user_id, self._name, record_id, Jsonb(rows[record_id])),
            )
        self.changed.clear()
        self.removed.clear()


def check_id(record: Record) -> str:
    record_id = record.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise StoreError(f"record id must be a non-empty string, got {record_id!r}")
    return record_id


@dataclass
class PgTx:
    """The ``Transaction`` handed to a work function."""

    connection: psycopg.Connection[Any]
    user_id: int
    tables: dict[str, PgTable] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    value_changes: dict[str, Any] = field(default_factory=dict)
    open: bool = True

    def table(self, name: str) -> PgTable:
        if name.startswith("_"):
            raise StoreError(f"table names starting with '_' are internal: {name!r}")
        if name not in self.tables:
            self.tables[name] = PgTable(self, name)
        return self.tables[name]

    def _check_open(self) -> None:
        if not self.open:
            raise StoreError("the transaction is over; do all work inside the work function")

    def get_value(self, key: str, default: Any = None) -> Any:
        self._check_open()
        if key in self.value_changes:
            value = self.value_changes[key]
        elif key in self.values:
            value = self.values[key]
        else:
            row = self.connection.execute(
                "SELECT value FROM nc_values WHERE user_id = %s AND key = %s", (self.user_id, key)
            ).fetchone()
            value = self.values[key] = None if row is None else row[0]
        return default if value is None else clone_json(value)

    def set_value(self, key: str, value: Any) -> None:
        self._check_open()
        self.value_changes[key] = clone_json(value)

    def delete_value(self, key: str) -> None:
        self._check_open()
        self.value_changes[key] = None

    def flush(self) -> None:
        for table in self.tables.values():
            table.flush()
        for key, value in self.value_changes.items():
            if value is None:
                self.connection.execute(
                    "DELETE FROM nc_values WHERE user_id = %s AND key = %s", (self.user_id, key)
                )
            else:
                self.connection.execute(
                    "INSERT INTO nc_values (user_id, key, value) VALUES (%s, %s, %s) "
                    "ON CONFLICT (user_id, key) DO UPDATE SET value = EXCLUDED.value",
                    (self.user_id, key, Jsonb(value)),
                )
        self.value_changes.clear()


def transact(
    conn: psycopg.Connection[Any],
    user_id: int,
    work: Callable[[Transaction], T],
    limit: int | None = None,
) -> T:
    tx = PgTx(conn, user_id)
    try:
        result = work(tx)
        grew = any(t.changed for t in tx.tables.values()) or any(
            v is not None for v in tx.value_changes.values()
        )
        tx.flush()
    finally:
        tx.open = False
    if grew and limit is not None:  # raising here rolls the (sub)transaction back
        row = conn.execute(STORED_BYTES, (user_id, user_id)).fetchone()
        check_stored_bytes(user_id, size=int(row[0]) if row else 0, grew=True, limit=limit)
    return result


#: The student's records and values as JSON text: the measure the embedded engine's file uses.
STORED_BYTES = (
    "SELECT (SELECT coalesce(sum(octet_length(record::text)), 0) FROM nc_records"
    " WHERE user_id = %s) + (SELECT coalesce(sum(octet_length(value::text)), 0) FROM nc_values"
    " WHERE user_id = %s)"
)


def savepoint(
    conn: psycopg.Connection[Any],
    user_id: int,
    work: Callable[[Transaction], T],
    limit: int | None = None,
) -> T:
    """A transaction inside an update: all-or-nothing on its own, durable with the update."""
    with conn.transaction():
        return transact(conn, user_id, work, limit)
