"""The ``Store`` implementation: one TinyDB JSON file per Telegram user, written atomically.

One file per user keeps users isolated and makes /export and /deletedata a single file operation; a
write rewrites one user's data, never everyone's. TinyDB's own JSONStorage re-parses the file on
every query and rewrites it in place (a kill mid-write leaves garbage), so this module brings its
own storage: parsed data stays in memory, a transaction's writes only touch memory, and the commit
is one temp-file + fsync + ``os.replace``. A failed transaction drops the memory and re-reads disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table as TinyTable

from bot.store.base import Record, StoreError, Transaction

T = TypeVar("T")

SCHEMA_VERSION = 1
#: ``{n: fn}`` upgrades a file from version ``n - 1`` to ``n`` inside the user's transaction.
MIGRATIONS: dict[int, Callable[[Transaction], None]] = {}

_KV, _META = "_kv", "_meta"
_USER_FILE = re.compile(r"^(-?\d+)\.json$")


def _clone(value: Any) -> Any:
    """A JSON round trip, so callers never share objects with the cache.

    It also makes memory hold exactly what a fresh read of the file would give (tuples become
    lists) and makes a non-JSON value fail at the call that stores it, not at commit.
    """
    return json.loads(json.dumps(value, ensure_ascii=False))


def _fsync_dir(directory: Path) -> None:
    """Make a rename or unlink durable: without it a power cut can forget the directory entry."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never a mix, whatever moment the process dies."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _remove_temp_files(path: Path) -> None:
    """Temp files are only ever left behind by a crash; the main file is still the truth."""
    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        stray.unlink(missing_ok=True)


class _MemoryJSONStorage(Storage):
    """TinyDB storage that parses the file once and writes only on ``commit``.

    TinyDB calls ``write`` after every change; buffering those turns a transaction of many changes
    into a single durable file write, and keeps queries from re-parsing the file each time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, dict[str, Any]] | None = None
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            _remove_temp_files(self.path)
            try:
                data = json.loads(self.path.read_bytes().decode("utf-8"))
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

    def commit(self) -> None:
        if self.dirty and self._data is not None:
            _write_atomic(self.path, json.dumps(self._data, ensure_ascii=False).encode("utf-8"))
        self.dirty = False


class _IntKeys(MutableMapping[int, Any]):
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


class _InPlaceTable(TinyTable):
    """TinyDB rebuilds the whole table dict twice on every write: O(n) per insert, so inserting n
    records in one transaction costs O(n²) (25 s for 10,000). With the data already in memory the
    updater can edit it in place instead."""

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read()
        updater(_IntKeys(tables.setdefault(self.name, {})))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class _TinyDB(TinyDB):
    table_class = _InPlaceTable


class _UserDB:
    """One user's open database plus the ``id -> doc_id`` index per table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reset()

    def reset(self) -> None:
        """Forget everything in memory (after a rollback): a fresh TinyDB has no stale query cache
        or next-id counter, and the next access re-reads the committed file."""
        self.storage = _MemoryJSONStorage(self.path)
        self.db = _TinyDB(storage=lambda: self.storage)
        self.indexes: dict[str, dict[str, int]] = {}

    def index(self, name: str) -> dict[str, int]:
        if name not in self.indexes:
            self.indexes[name] = {doc["id"]: doc.doc_id for doc in self.db.table(name)}
        return self.indexes[name]


class _Tx:
    """The ``Transaction`` handed to work functions; unusable once the work has returned."""

    def __init__(self, user_db: _UserDB, user_id: int) -> None:
        self._db = user_db
        self._user_id = user_id
        self.open = True

    @property
    def user_id(self) -> int:
        return self._user_id

    def table(self, name: str) -> _Table:
        if name.startswith("_"):
            raise StoreError(f"table names starting with '_' are internal: {name!r}")
        return _Table(self, name)

    def _table(self, name: str) -> _Table:
        return _Table(self, name)

    def get_value(self, key: str, default: Any = None) -> Any:
        record = self._table(_KV).get(key)
        return default if record is None else record["value"]

    def set_value(self, key: str, value: Any) -> None:
        self._table(_KV).put({"id": key, "value": value})

    def delete_value(self, key: str) -> None:
        self._table(_KV).remove(key)


class _Table:
    """A TinyDB table addressed by the records' string ``id`` (TinyDB's int doc_id stays inside)."""

    def __init__(self, tx: _Tx, name: str) -> None:
        self._tx = tx
        self._name = name

    def _parts(self) -> tuple[Any, dict[str, int]]:
        if not self._tx.open:
            raise StoreError("the transaction is over; do all work inside the work function")
        user_db = self._tx._db
        return user_db.db.table(self._name), user_db.index(self._name)

    def all(self) -> list[Record]:
        table, _ = self._parts()
        return _clone([dict(doc) for doc in table])

    def get(self, record_id: str) -> Record | None:
        table, index = self._parts()
        doc_id = index.get(record_id)
        return None if doc_id is None else _clone(dict(table.get(doc_id=doc_id)))

    def insert(self, record: Record) -> str:
        table, index = self._parts()
        record = _clone(record)
        if "id" not in record:
            record["id"] = secrets.token_hex(4)
            while record["id"] in index:
                record["id"] = secrets.token_hex(4)
        record_id = _check_id(record)
        if record_id in index:
            raise StoreError(f"duplicate id {record_id!r} in table {self._name!r}; use put()")
        index[record_id] = table.insert(record)
        return record_id

    def put(self, record: Record) -> None:
        table, index = self._parts()
        record = _clone(record)
        doc_id = index.get(_check_id(record))
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


def _check_id(record: Record) -> str:
    record_id = record.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise StoreError(f"record id must be a non-empty string, got {record_id!r}")
    return record_id


class TinyDBStore:
    """Per-user transactional storage under ``<root>/users/<user_id>.json``."""

    def __init__(
        self,
        root: Path,
        *,
        schema_version: int = SCHEMA_VERSION,
        migrations: Mapping[int, Callable[[Transaction], None]] | None = None,
        cache_size: int = 256,
    ) -> None:
        self._dir = Path(root) / "users"
        self._dir.mkdir(parents=True, exist_ok=True)
        self._version = schema_version
        self._migrations = dict(MIGRATIONS if migrations is None else migrations)
        missing = [v for v in range(2, schema_version + 1) if v not in self._migrations]
        if missing:
            raise StoreError(f"schema version {schema_version} lacks migrations for {missing}")
        self._cache_size = cache_size
        self._open: OrderedDict[int, _UserDB] = OrderedDict()
        # Weak values: a user's lock lives exactly as long as someone is holding or awaiting it.
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def _path(self, user_id: int) -> Path:
        return self._dir / f"{int(user_id)}.json"

    def _lock(self, user_id: int) -> asyncio.Lock:
        lock = self._locks.get(user_id)
        if lock is None:
            lock = self._locks[user_id] = asyncio.Lock()
        return lock

    def _user_db(self, user_id: int) -> _UserDB:
        """Bounded LRU: evicting is always safe because nothing uncommitted lives between runs."""
        user_db = self._open.pop(user_id, None) or _UserDB(self._path(user_id))
        self._open[user_id] = user_db
        while len(self._open) > self._cache_size:
            self._open.popitem(last=False)
        return user_db

    async def run(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        async with self._lock(user_id):
            user_db = self._user_db(user_id)
            task = asyncio.ensure_future(asyncio.to_thread(self._transact, user_db, user_id, work))
            try:
                return await asyncio.shield(task)
            except asyncio.CancelledError:
                # A thread cannot be stopped: keep the user locked until it commits or rolls back.
                while not task.done():
                    with contextlib.suppress(asyncio.CancelledError):
                        await asyncio.wait({task})
                if not task.cancelled():
                    task.exception()  # mark it retrieved; our caller only wants the cancellation
                raise

    def _transact(self, user_db: _UserDB, user_id: int, work: Callable[[Transaction], T]) -> T:
        tx = _Tx(user_db, user_id)
        try:
            self._upgrade(tx, user_db)
            result = work(tx)
            if user_db.storage.dirty and tx._table(_META).get("schema") is None:
                tx._table(_META).put({"id": "schema", "version": self._version})
            user_db.storage.commit()
            return result
        except BaseException:
            user_db.reset()
            raise
        finally:
            tx.open = False

    def _upgrade(self, tx: _Tx, user_db: _UserDB) -> None:
        """Bring an older file up to date in the same commit as the work; refuse a newer one."""
        meta = tx._table(_META).get("schema")
        if meta is None:
            return  # a new file: stamped with the current version when first written
        version = meta["version"]
        if version > self._version:
            raise StoreError(
                f"{user_db.path} has schema version {version}, newer than this code's "
                f"{self._version}; refusing to touch it"
            )
        for step in range(version + 1, self._version + 1):
            self._migrations[step](tx)
            tx._table(_META).put({"id": "schema", "version": step})

    async def user_ids(self) -> list[int]:
        names = await asyncio.to_thread(os.listdir, self._dir)
        return sorted(int(m.group(1)) for m in map(_USER_FILE.match, names) if m)

    async def export_user(self, user_id: int) -> bytes | None:
        """No lock needed: ``os.replace`` means any read sees one complete committed version."""
        try:
            return await asyncio.to_thread(self._path(user_id).read_bytes)
        except FileNotFoundError:
            return None

    async def delete_user(self, user_id: int) -> None:
        async with self._lock(user_id):
            self._open.pop(user_id, None)
            path = self._path(user_id)

            def erase() -> None:
                path.unlink(missing_ok=True)
                _remove_temp_files(path)
                _fsync_dir(path.parent)

            await asyncio.to_thread(erase)

    async def close(self) -> None:
        """Every run commits before returning, so dropping the caches loses nothing."""
        self._open.clear()
