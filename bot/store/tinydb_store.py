"""The ``Store`` implementation: one TinyDB JSON file per Telegram user, written atomically.

One file per user keeps users isolated and makes /export and /deletedata a single file operation; a
write rewrites one user's data, never everyone's. TinyDB's own JSONStorage re-parses the file on
every query and rewrites it in place (a kill mid-write leaves garbage), so this module brings its
own storage: parsed data stays in memory, a transaction's writes only touch memory, and the commit
is one temp-file + fsync + ``os.replace``. A failed transaction drops the memory and re-reads disk.

Each student also has a small state file, ``<user_id>.state.json`` (conversation steps, flow
scratch, nudge bookkeeping), so the step that changes on every message rewrites a few hundred
bytes, not a file of 2,000 contacts. An update's session (``session``) commits both at its end.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import os
import re
import secrets
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table as TinyTable

from bot.store.base import Record, StoreError, StudentData, Transaction

T = TypeVar("T")

SCHEMA_VERSION = 1
#: ``{n: fn}`` upgrades a file from version ``n - 1`` to ``n`` inside the user's transaction.
MIGRATIONS: dict[int, Callable[[Transaction], None]] = {}

_KV, _META = "_kv", "_meta"
_USER_FILE = re.compile(r"^(-?\d+)\.json$")
_STATE_SUFFIX = ".state.json"
#: Parsed JSON takes a few times its file size in memory; this bounds the file bytes kept parsed.
DEFAULT_CACHE_BYTES = 32 * 2**20


def _clone(value: Any) -> Any:
    """A JSON round trip, so callers never share objects with the cache.

    It also makes memory hold exactly what a fresh read of the file would give (tuples become
    lists) and makes a non-JSON value fail at the call that stores it, not at commit.
    """
    return json.loads(json.dumps(value, ensure_ascii=False))


@dataclass
class IOStats:
    """What reached the disk, so tests can assert "no write for a read-only update"."""

    commits: int = 0  # durable commits: one directory fsync closes each
    files_written: int = 0
    fsyncs: int = 0


def _fsync_dir(directory: Path, io: IOStats) -> None:
    """Make a rename or unlink durable: without it a power cut can forget the directory entry."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    io.fsyncs += 1


def _write_files(files: list[tuple[Path, bytes]], io: IOStats) -> None:
    """Replace each file atomically, in order, then make the renames durable with one fsync.

    Readers see the old file or the new one, never a mix, whatever moment the process dies. The
    order matters when records and the small state change together: records go first, so a crash
    between the two renames can only repeat a step whose answer is already saved (the same answer
    then lands in the same place), never skip one whose answer was lost.
    """
    if not files:
        return
    for path, data in files:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            io.fsyncs += 1
            Path(tmp).replace(path)
            io.files_written += 1
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    _fsync_dir(files[0][0].parent, io)
    io.commits += 1


def _sweep_temp_files(directory: Path) -> None:
    """Temp files are only ever left behind by a crash; the main file is still the truth.

    Done once, when the store opens, in one pass over the folder's names: a write in progress
    holds its student's lock and leaves nothing behind unless the process dies.
    """
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                Path(entry.path).unlink(missing_ok=True)


class _MemoryJSONStorage(Storage):
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
        #: In a session: makes earlier transactions' changes durable (see ``before_write``).
        self.flush_pending: Callable[[bytes], None] | None = None

    def before_write(self) -> None:
        """Called before a transaction's first change touches the data.

        In a session, changes of earlier transactions are still only in memory; a failing
        transaction rolls back by re-reading the file, so those are committed first. Reads
        after a write, and a single write per update (the usual case), cost no extra commit.
        """
        if self.wrote:
            return
        self.wrote = True
        if self.dirty and self.flush_pending is not None:
            data = self.pending()
            if data is not None:
                self.flush_pending(data)
                self.committed(data)

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

    def pending(self) -> bytes | None:
        """The bytes a commit must write, or None when nothing changed."""
        if not self.dirty or self._data is None:
            return None
        return json.dumps(self._data, ensure_ascii=False).encode("utf-8")

    def committed(self, data: bytes) -> None:
        self.size = len(data)
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
        storage = self._storage
        assert isinstance(storage, _MemoryJSONStorage)
        tables = storage.read()
        storage.before_write()
        updater(_IntKeys(tables.setdefault(self.name, {})))  # type: ignore[arg-type]
        storage.write(tables)
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
        records: list[Record] = _clone([dict(doc) for doc in table])
        return records

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


@dataclass(eq=False)
class _Session:
    """One update's unit of work on one student: see ``TinyDBStore.session``."""

    user_id: int
    user_db: _UserDB
    state_path: Path
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    state: bytes | None = None  # small state to write at the end, when it changed
    open: bool = True


_SESSION: contextvars.ContextVar[_Session | None] = contextvars.ContextVar(
    "tinydb_store_session", default=None
)


class TinyDBStore:
    """Per-user transactional storage under ``<root>/users/<user_id>.json`` (+ ``.state.json``).

    Opening the store costs one pass over the folder's names (the temp-file sweep) and nothing per
    student: a student's files are read when their first transaction or update arrives. Parsed
    files are kept in a least-recently-used cache bounded by bytes, so a few students with
    thousands of contacts cannot take the memory that thousands of ordinary students need.
    """

    def __init__(
        self,
        root: Path,
        *,
        schema_version: int = SCHEMA_VERSION,
        migrations: Mapping[int, Callable[[Transaction], None]] | None = None,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
    ) -> None:
        self._dir = Path(root) / "users"
        self._dir.mkdir(parents=True, exist_ok=True)
        self._version = schema_version
        self._migrations = dict(MIGRATIONS if migrations is None else migrations)
        missing = [v for v in range(2, schema_version + 1) if v not in self._migrations]
        if missing:
            raise StoreError(f"schema version {schema_version} lacks migrations for {missing}")
        self._cache_bytes = cache_bytes
        self._open: OrderedDict[int, _UserDB] = OrderedDict()
        self._cached_sizes: dict[int, int] = {}
        self._cached_total = 0
        # Weak values: a user's lock lives exactly as long as someone is holding or awaiting it.
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self.io = IOStats()
        _sweep_temp_files(self._dir)

    def _path(self, user_id: int) -> Path:
        return self._dir / f"{int(user_id)}.json"

    def _state_path(self, user_id: int) -> Path:
        return self._dir / f"{int(user_id)}{_STATE_SUFFIX}"

    def _lock(self, user_id: int) -> asyncio.Lock:
        lock = self._locks.get(user_id)
        if lock is None:
            lock = self._locks[user_id] = asyncio.Lock()
        return lock

    def _user_db(self, user_id: int) -> _UserDB:
        """The cached database, or a new one that reads the file on first access."""
        user_db = self._open.pop(user_id, None) or _UserDB(self._path(user_id))
        self._open[user_id] = user_db
        return user_db

    def _account(self, user_id: int, user_db: _UserDB) -> None:
        """Charge the user's file size to the cache and evict the least recently used beyond it.

        Evicting is always safe: nothing uncommitted lives in a cached database between runs (an
        open session holds its own reference and commits it at its end).
        """
        if self._open.get(user_id) is not user_db:
            return  # evicted or deleted meanwhile
        size = user_db.storage.size
        self._cached_total += size - self._cached_sizes.get(user_id, 0)
        self._cached_sizes[user_id] = size
        while self._cached_total > self._cache_bytes and len(self._open) > 1:
            evicted, _ = self._open.popitem(last=False)
            self._cached_total -= self._cached_sizes.pop(evicted, 0)

    def _forget(self, user_id: int) -> None:
        self._open.pop(user_id, None)
        self._cached_total -= self._cached_sizes.pop(user_id, 0)

    # -- transactions ----------------------------------------------------------------------

    async def run(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        session = _SESSION.get()
        if session is not None and session.open and session.user_id == user_id:
            return await self._run_in_session(session, work)
        async with self._lock(user_id):
            user_db = self._user_db(user_id)
            try:
                return await _in_thread(self._transact, user_db, user_id, work, True)
            finally:
                self._account(user_id, user_db)

    async def _run_in_session(self, session: _Session, work: Callable[[Transaction], T]) -> T:
        """A transaction inside an update: kept in memory, committed with the session.

        If a second transaction of the same update changes the records, the first one's changes
        are committed just before (``before_write``), so a rollback never loses them.
        """
        async with session.lock:
            return await _in_thread(self._transact, session.user_db, session.user_id, work, False)

    def _transact(
        self, user_db: _UserDB, user_id: int, work: Callable[[Transaction], T], commit: bool
    ) -> T:
        tx = _Tx(user_db, user_id)
        storage = user_db.storage
        storage.wrote = False
        path = user_db.path
        storage.flush_pending = (
            None if commit else (lambda data: _write_files([(path, data)], self.io))
        )
        try:
            self._upgrade(tx, user_db)
            result = work(tx)
            if user_db.storage.dirty and tx._table(_META).get("schema") is None:
                tx._table(_META).put({"id": "schema", "version": self._version})
            if commit:
                data = user_db.storage.pending()
                if data is not None:
                    _write_files([(user_db.path, data)], self.io)
                    user_db.storage.committed(data)
            return result
        except BaseException:
            if user_db.storage.wrote:
                user_db.reset()  # re-read the file: it holds exactly what preceded this work
            raise
        finally:
            tx.open = False
            storage.flush_pending = None

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

    # -- one update's session and the small state ------------------------------------------

    @contextlib.asynccontextmanager
    async def session(self, user_id: int) -> AsyncIterator[None]:
        """Hold the student for one update and commit everything it changed once, at the end.

        Transactions for this student inside the session run as usual but stay in memory, and
        ``save_state`` is buffered; leaving the session writes the records (if changed) and then
        the small state (if changed) with one directory fsync: at most one durable commit per
        update, none when nothing changed. The student's lock is held throughout, so a job
        writing to the same student waits for the update rather than interleaving with it.
        Inside a session, don't run transactions for a *different* student that may itself be
        in a session waiting on this one (two such updates would wait for each other).
        """
        async with self._lock(user_id):
            user_db = self._user_db(user_id)
            session = _Session(user_id, user_db, self._state_path(user_id))
            token = _SESSION.set(session)
            try:
                yield
            finally:
                _SESSION.reset(token)
                async with session.lock:
                    session.open = False
                    try:
                        await _in_thread(self._commit, session, True)
                    finally:
                        self._account(user_id, user_db)

    def _commit(self, session: _Session, with_state: bool) -> None:
        files: list[tuple[Path, bytes]] = []
        data = session.user_db.storage.pending()
        if data is not None:
            files.append((session.user_db.path, data))
        if with_state and session.state is not None:
            files.append((session.state_path, session.state))
        try:
            _write_files(files, self.io)
        except BaseException:
            session.user_db.reset()  # memory matches the disk again
            raise
        if data is not None:
            session.user_db.storage.committed(data)
        if with_state:
            session.state = None

    async def load_state(self, user_id: int) -> dict[str, Any] | None:
        """The student's small state, or None when none was ever saved."""
        session = _SESSION.get()
        if session is not None and session.open and session.user_id == user_id:
            return await asyncio.to_thread(_read_state, session.state_path)
        async with self._lock(user_id):
            return await asyncio.to_thread(_read_state, self._state_path(user_id))

    async def save_state(self, user_id: int, state: dict[str, Any]) -> None:
        """Replace the student's small state: at the session's end if in one, else right away."""
        data = json.dumps({"version": 1, "state": state}, ensure_ascii=False).encode("utf-8")
        session = _SESSION.get()
        if session is not None and session.open and session.user_id == user_id:
            session.state = data
            return
        path = self._state_path(user_id)
        async with self._lock(user_id):
            await asyncio.to_thread(_write_files, [(path, data)], self.io)

    # -- whole students --------------------------------------------------------------------

    async def user_ids(self) -> list[int]:
        names = await asyncio.to_thread(os.listdir, self._dir)
        return sorted(int(m.group(1)) for m in map(_USER_FILE.match, names) if m)

    async def export_user(self, user_id: int) -> bytes | None:
        """The records file with the small state under ``"_state"`` (so an export holds
        everything stored, flows in progress too). No lock needed: ``os.replace`` means any read
        sees one complete committed version of each file."""
        path, state_path = self._path(user_id), self._state_path(user_id)

        def read() -> bytes | None:
            try:
                raw: bytes | None = path.read_bytes()
            except FileNotFoundError:
                raw = None
            state = _read_state(state_path)
            if state is None:
                return raw
            try:
                document = json.loads(raw) if raw is not None else {}
            except (UnicodeDecodeError, json.JSONDecodeError):
                return raw  # a damaged file is exported as it is, for whoever repairs it
            document["_state"] = state
            return json.dumps(document, ensure_ascii=False).encode("utf-8")

        return await asyncio.to_thread(read)

    async def delete_user(self, user_id: int) -> None:
        session = _SESSION.get()
        in_session = session is not None and session.open and session.user_id == user_id
        async with contextlib.AsyncExitStack() as stack:
            if in_session:
                assert session is not None
                await stack.enter_async_context(session.lock)
                session.user_db.reset()
                session.state = None
            else:
                await stack.enter_async_context(self._lock(user_id))
            self._forget(user_id)
            paths = [self._path(user_id), self._state_path(user_id)]

            def erase() -> None:
                for path in paths:
                    path.unlink(missing_ok=True)
                _fsync_dir(self._dir, self.io)

            await asyncio.to_thread(erase)

    async def close(self) -> None:
        """Every run and session commits before returning, so dropping the caches loses nothing."""
        self._open.clear()
        self._cached_sizes.clear()
        self._cached_total = 0

    async def snapshot(self, user_id: int) -> StudentData | None:
        """Everything the student has stored, engine-neutral (for ``bot.store.migrate``); None
        when they have nothing. Read through a transaction, so an older file is upgraded first."""

        def read(tx: Transaction) -> StudentData:
            assert isinstance(tx, _Tx)
            names = sorted(n for n in tx._db.db.tables() if not n.startswith("_"))
            values = {r["id"]: r["value"] for r in tx._table(_KV).all()}
            return StudentData({n: tx._table(n).all() for n in names}, values)

        paths = (self._path(user_id), self._state_path(user_id))
        if not any([await asyncio.to_thread(path.exists) for path in paths]):
            return None
        data = await self.run(user_id, read)
        data.state = await self.load_state(user_id)
        return data


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path} is not valid JSON ({exc}); left untouched") from exc
    if not isinstance(document, dict) or not isinstance(document.get("state"), dict):
        raise StoreError(f"{path} does not hold a saved state; left untouched")
    if document.get("version") != 1:
        raise StoreError(f"{path} has state version {document.get('version')!r}; left untouched")
    return document["state"]  # type: ignore[no-any-return]


async def _in_thread(function: Callable[..., T], *args: Any) -> T:
    """Run in a worker thread; if the caller is cancelled, wait for the thread anyway.

    A thread cannot be stopped, so the student stays locked until it commits or rolls back.
    """
    task = asyncio.ensure_future(asyncio.to_thread(function, *args))
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        while not task.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait({task})
        if not task.cancelled():
            task.exception()  # mark it retrieved; our caller only wants the cancellation
        raise
