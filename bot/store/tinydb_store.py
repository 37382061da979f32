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
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.store.atomic_files import (
    IOStats,
    fsync_dir,
    in_thread,
    read_state,
    sweep_temp_files,
    write_files,
)
from bot.store.base import StoreError, StudentData, Transaction
from bot.store.quota import check_stored_bytes
from bot.store.tinydb_tables import KV, META, UserDB, UserTx

T = TypeVar("T")

SCHEMA_VERSION = 1
#: ``{n: fn}`` upgrades a file from version ``n - 1`` to ``n`` inside the user's transaction.
MIGRATIONS: dict[int, Callable[[Transaction], None]] = {}

_USER_FILE = re.compile(r"^(-?\d+)\.json$")
_STATE_SUFFIX = ".state.json"
#: Parsed JSON takes a few times its file size in memory; this bounds the file bytes kept parsed.
DEFAULT_CACHE_BYTES = 32 * 2**20


@dataclass(eq=False)
class _Session:
    """One update's unit of work on one student: see ``TinyDBStore.session``."""

    user_id: int
    user_db: UserDB
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
        max_stored_bytes: int | None = None,
    ) -> None:
        self._dir = Path(root) / "users"
        self._dir.mkdir(parents=True, exist_ok=True)
        self._version = schema_version
        self._migrations = dict(MIGRATIONS if migrations is None else migrations)
        missing = [v for v in range(2, schema_version + 1) if v not in self._migrations]
        if missing:
            raise StoreError(f"schema version {schema_version} lacks migrations for {missing}")
        self._cache_bytes = cache_bytes
        self._max_stored_bytes = max_stored_bytes
        self._open: OrderedDict[int, UserDB] = OrderedDict()
        self._cached_sizes: dict[int, int] = {}
        self._cached_total = 0
        # Weak values: a user's lock lives exactly as long as someone is holding or awaiting it.
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self.io = IOStats()
        sweep_temp_files(self._dir)

    def _path(self, user_id: int) -> Path:
        return self._dir / f"{int(user_id)}.json"

    def _state_path(self, user_id: int) -> Path:
        return self._dir / f"{int(user_id)}{_STATE_SUFFIX}"

    def _lock(self, user_id: int) -> asyncio.Lock:
        lock = self._locks.get(user_id)
        if lock is None:
            lock = self._locks[user_id] = asyncio.Lock()
        return lock

    def _user_db(self, user_id: int) -> UserDB:
        """The cached database, or a new one that reads the file on first access."""
        user_db = self._open.pop(user_id, None) or UserDB(self._path(user_id))
        self._open[user_id] = user_db
        return user_db

    def _account(self, user_id: int, user_db: UserDB) -> None:
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
                return await in_thread(self._transact, user_db, user_id, work, True)
            finally:
                self._account(user_id, user_db)

    async def _run_in_session(self, session: _Session, work: Callable[[Transaction], T]) -> T:
        """A transaction inside an update: kept in memory, committed with the session.

        If a second transaction of the same update changes the records and then fails, it rolls
        back to what the first one left (``before_write`` keeps it), not to the file: still one
        commit for the whole update.
        """
        async with session.lock:
            return await in_thread(self._transact, session.user_db, session.user_id, work, False)

    def _transact(
        self, user_db: UserDB, user_id: int, work: Callable[[Transaction], T], commit: bool
    ) -> T:
        tx = UserTx(user_db, user_id)
        storage = user_db.storage
        storage.wrote = False
        storage.snapshot = None
        try:
            self._upgrade(tx, user_db)
            result = work(tx)
            if user_db.storage.dirty and tx._table(META).get("schema") is None:
                tx._table(META).put({"id": "schema", "version": self._version})
            data = user_db.storage.pending() if storage.wrote or commit else None
            if data is not None:  # what this work leaves behind, against the student's cap
                before = storage.size if storage.snapshot is None else len(storage.snapshot)
                grew = len(data) > before
                check_stored_bytes(user_id, size=len(data), grew=grew, limit=self._max_stored_bytes)
            if commit and data is not None:
                write_files([(user_db.path, data)], self.io)
                user_db.storage.committed(data)
            return result
        except BaseException:
            if user_db.storage.wrote:
                snapshot = user_db.storage.snapshot
                user_db.reset()  # re-read the file: it holds what preceded this update
                if snapshot is not None:  # plus what this update's earlier transactions did
                    user_db.storage.restore(snapshot)
            raise
        finally:
            tx.open = False
            storage.snapshot = None

    def _upgrade(self, tx: UserTx, user_db: UserDB) -> None:
        """Bring an older file up to date in the same commit as the work; refuse a newer one."""
        meta = tx._table(META).get("schema")
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
            tx._table(META).put({"id": "schema", "version": step})

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
                        await in_thread(self._commit, session, True)
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
            write_files(files, self.io)
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
            return await asyncio.to_thread(read_state, session.state_path)
        async with self._lock(user_id):
            return await asyncio.to_thread(read_state, self._state_path(user_id))

    async def save_state(self, user_id: int, state: dict[str, Any]) -> None:
        """Replace the student's small state: at the session's end if in one, else right away."""
        data = json.dumps({"version": 1, "state": state}, ensure_ascii=False).encode("utf-8")
        session = _SESSION.get()
        if session is not None and session.open and session.user_id == user_id:
            session.state = data
            return
        path = self._state_path(user_id)
        async with self._lock(user_id):
            await asyncio.to_thread(write_files, [(path, data)], self.io)

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
            state = read_state(state_path)
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
                fsync_dir(self._dir, self.io)

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
            assert isinstance(tx, UserTx)
            names = sorted(n for n in tx._db.db.tables() if not n.startswith("_"))
            values = {r["id"]: r["value"] for r in tx._table(KV).all()}
            return StudentData({n: tx._table(n).all() for n in names}, values)

        paths = (self._path(user_id), self._state_path(user_id))
        if not any([await asyncio.to_thread(path.exists) for path in paths]):
            return None
        data = await self.run(user_id, read)
        data.state = await self.load_state(user_id)
        return data
