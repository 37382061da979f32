"""TinyDB under the embedded engine: one student's file in memory, its tables and transactions.

``tinydb_store`` decides when to read, commit and roll back; this module is how a student's data
looks while a transaction runs: TinyDB over a storage that parses the file once and writes only
when told to, tables indexed by record id, and the ``Transaction`` the contract hands to work.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table as TinyTable

from bot.store.atomic_files import clone
from bot.store.base import Record, StoreError

KV, META = "_kv", "_meta"


class MemoryJSONStorage(Storage):
    """TinyDB storage that parses the file once and writes only on ``commit``.

    TinyDB calls ``write`` after every change; buffering those turns a transaction of many changes
    into a single durable file write, and keeps queries from re-parsing the file each time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, dict[str, Any]] | None = None
        self.dirty = False
        self.size = 0  # bytes of the file last read or written: what the cache budget counts
        self.wrote = False  # whether the current transaction has changed anything yet
        self._pending: bytes | None = None  # pending()'s bytes until the next change
        #: In a session: what memory held before this transaction's first change, when earlier
        #: transactions of the same update left changes not yet on disk (see ``before_write``).
        self.snapshot: bytes | None = None

    def before_write(self) -> None:
        """Called before a transaction's first change touches the data.

        In a session, changes of earlier transactions are still only in memory, and a failing
        transaction rolls back by re-reading the file; so those changes are kept as a snapshot
        (serialised, not written) to restore instead. The update still commits once, at its end.
        A single writing transaction per update (the usual case) costs nothing here.
        """
        if self.wrote:
            return
        self.wrote = True
        self.snapshot = self.pending()

    def read(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            try:
                raw = self.path.read_bytes()
                self.size = len(raw)
                data = json.loads(raw.decode("utf-8"))
            except FileNotFoundError:
                data = {}
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise StoreError(f"{self.path} is not valid JSON ({exc}); left untouched") from exc
            if not isinstance(data, dict):
                raise StoreError(f"{self.path} does not hold a JSON object; left untouched")
            self._data = data
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        self.dirty = True
        self._pending = None

    def pending(self) -> bytes | None:
        """The bytes a commit must write, or None when nothing changed."""
        if not self.dirty or self._data is None:
            return None
        if self._pending is None:  # measured at each transaction's end, written at the session's
            self._pending = json.dumps(self._data, ensure_ascii=False).encode("utf-8")
        return self._pending

    def committed(self, data: bytes) -> None:
        self.size = len(data)
        self.dirty = False
        self._pending = None

    def restore(self, snapshot: bytes) -> None:
        """Hold ``snapshot`` (uncommitted changes from earlier in the update) as the data."""
        self._data = json.loads(snapshot.decode("utf-8"))
        self.dirty = True
        self._pending = snapshot


class IntKeys(MutableMapping[int, Any]):
    """The stored table (string keys, as in JSON) seen with TinyDB's int doc ids, without a copy."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self._raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self._raw[str(doc_id)]

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self._raw))

    def __len__(self) -> int:
        return len(self._raw)

    def clear(self) -> None:  # the inherited one pops key by key, rebuilding the key list each time
        self._raw.clear()


class InPlaceTable(TinyTable):
    """TinyDB rebuilds the whole table dict twice on every write: O(n) per insert, so inserting n
    records in one transaction costs O(n²) (25 s for 10,000). With the data already in memory the
    updater can edit it in place instead."""

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self._storage
        assert isinstance(storage, MemoryJSONStorage)
        tables = storage.read()
        storage.before_write()
        updater(IntKeys(tables.setdefault(self.name, {})))  # type: ignore[arg-type]
        storage.write(tables)
        self.clear_cache()


class BufferedTinyDB(TinyDB):
    table_class = InPlaceTable


class UserDB:
    """One user's open database plus the ``id -> doc_id`` index per table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reset()

    def reset(self) -> None:
        """Forget everything in memory (after a rollback): a fresh TinyDB has no stale query cache
        or next-id counter, and the next access re-reads the committed file."""
        self.storage = MemoryJSONStorage(self.path)
        self.db = BufferedTinyDB(storage=lambda: self.storage)
        self.indexes: dict[str, dict[str, int]] = {}

    def index(self, name: str) -> dict[str, int]:
        if name not in self.indexes:
            self.indexes[name] = {doc["id"]: doc.doc_id for doc in self.db.table(name)}
        return self.indexes[name]


class UserTx:
    """The ``Transaction`` handed to work functions; unusable once the work has returned."""

    def __init__(self, user_db: UserDB, user_id: int) -> None:
        self._db = user_db
        self._user_id = user_id
        self.open = True

    @property
    def user_id(self) -> int:
        return self._user_id

    def table(self, name: str) -> UserTable:
        if name.startswith("_"):
            raise StoreError(f"table names starting with '_' are internal: {name!r}")
        return UserTable(self, name)

    def _table(self, name: str) -> UserTable:
        return UserTable(self, name)

    def get_value(self, key: str, default: Any = None) -> Any:
        record = self._table(KV).get(key)
        return default if record is None else record["value"]

    def set_value(self, key: str, value: Any) -> None:
        self._table(KV).put({"id": key, "value": value})

    def delete_value(self, key: str) -> None:
        self._table(KV).remove(key)


class UserTable:
    """A TinyDB table addressed by the records' string ``id`` (TinyDB's int doc_id stays inside)."""

    def __init__(self, tx: UserTx, name: str) -> None:
        self._tx = tx
        self._name = name

    def _parts(self) -> tuple[Any, dict[str, int]]:
        if not self._tx.open:
            raise StoreError("the transaction is over; do all work inside the work function")
        user_db = self._tx._db
        return user_db.db.table(self._name), user_db.index(self._name)

    def all(self) -> list[Record]:
        table, _ = self._parts()
        records: list[Record] = clone([dict(doc) for doc in table])
        return records

    def get(self, record_id: str) -> Record | None:
        table, index = self._parts()
        doc_id = index.get(record_id)
        return None if doc_id is None else clone(dict(table.get(doc_id=doc_id)))

    def insert(self, record: Record) -> str:
        table, index = self._parts()
        record = clone(record)
        if "id" not in record:
            record["id"] = secrets.token_hex(4)
            while record["id"] in index:
                record["id"] = secrets.token_hex(4)
        record_id = check_id(record)
        if record_id in index:
            raise StoreError(f"duplicate id {record_id!r} in table {self._name!r}; use put()")
        index[record_id] = table.insert(record)
        return record_id

    def put(self, record: Record) -> None:
        table, index = self._parts()
        record = clone(record)
        doc_id = index.get(check_id(record))
        if doc_id is None:
            index[record["id"]] = table.insert(record)
            return

        def replace(doc: dict[str, Any]) -> None:  # in place, so insertion order is kept
            doc.clear()
            doc.update(record)

        table.update(replace, doc_ids=[doc_id])

    def remove(self, record_id: str) -> bool:
        table, index = self._parts()
        doc_id = index.pop(record_id, None)
        if doc_id is not None:
            table.remove(doc_ids=[doc_id])
        return doc_id is not None

    def find(self, predicate: Callable[[Record], bool]) -> list[Record]:
        return [record for record in self.all() if predicate(record)]

    def clear(self) -> None:
        table, index = self._parts()
        table.truncate()
        index.clear()


def check_id(record: Record) -> str:
    record_id = record.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise StoreError(f"record id must be a non-empty string, got {record_id!r}")
    return record_id
