"""The ``Store`` contract on PostgreSQL, for several bot processes sharing one database.

The embedded per-student files stay the default for one machine; with ``DATABASE_URL`` set the
same bot runs as replicas over this engine. PostgreSQL does the hard parts: a student's work is
serialised across processes by a transaction-scoped advisory lock on their id
(``pg_advisory_xact_lock``), every transaction is atomic, and the schema is created and migrated
at start-up under a session advisory lock so replicas starting together do not race.

Transaction functions are synchronous (the contract runs them in a worker thread), so this
module uses psycopg's synchronous API from a pool, one connection per running transaction or
update. A table is read on first access inside a transaction and only changed rows are written.
The only module that imports the PostgreSQL driver.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from bot.store.base import Record, StoreError, StudentData, Transaction
from bot.store.postgres_tx import check_id, clone_json, savepoint, transact

T = TypeVar("T")

#: The database schema's version; ``_SCHEMA[n]`` upgrades version ``n - 1`` to ``n``.
_SCHEMA: dict[int, str] = {
    1: """
    CREATE TABLE nc_records (
        user_id bigint NOT NULL,
        tbl text NOT NULL,
        id text NOT NULL,
        seq bigserial,
        record jsonb NOT NULL,
        PRIMARY KEY (user_id, tbl, id)
    );
    CREATE INDEX nc_records_order ON nc_records (user_id, tbl, seq);
    CREATE TABLE nc_values (
        user_id bigint NOT NULL,
        key text NOT NULL,
        value jsonb NOT NULL,
        PRIMARY KEY (user_id, key)
    );
    CREATE TABLE nc_state (
        user_id bigint PRIMARY KEY,
        state jsonb NOT NULL
    );
    """,
    # What replicas share besides students' data (bot.store.postgres_shared).
    2: """
    CREATE TABLE nc_shared (key text PRIMARY KEY, value bytea NOT NULL);
    CREATE TABLE nc_replicas (
        boot text PRIMARY KEY,
        pid int NOT NULL,
        backend_start timestamptz NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE nc_inbox (
        update_id bigint PRIMARY KEY,
        body jsonb,
        owner text NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz
    );
    CREATE INDEX nc_inbox_open ON nc_inbox (update_id) WHERE done_at IS NULL;
    CREATE INDEX nc_inbox_done ON nc_inbox (done_at) WHERE done_at IS NOT NULL;
    CREATE TABLE nc_due (
        user_id bigint PRIMARY KEY,
        due_at bigint,
        seq bigint NOT NULL DEFAULT 0,
        claimed_by text,
        claimed_until bigint
    );
    CREATE INDEX nc_due_at ON nc_due (due_at) WHERE due_at IS NOT NULL;
    CREATE TABLE nc_send_slots (lane text NOT NULL, slot bigint NOT NULL, PRIMARY KEY (lane, slot));
    CREATE TABLE nc_chat_pace (
        lane text NOT NULL, chat_id bigint NOT NULL, next_at double precision NOT NULL,
        PRIMARY KEY (lane, chat_id)
    );
    CREATE TABLE nc_pause (lane text PRIMARY KEY, until double precision NOT NULL);
    """,
}
_MIGRATION_LOCK = 0x4E43_5343  # "NCSC": any constant every replica agrees on


@dataclass
class _Session:
    """One update's database transaction, holding the student's advisory lock to its end."""

    user_id: int
    connection: psycopg.Connection[Any]
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    state: dict[str, Any] | None = None
    open: bool = True
    update_id: int | None = None  # finished with this commit (``finishing_update``)


_SESSION: contextvars.ContextVar[_Session | None] = contextvars.ContextVar(
    "postgres_store_session", default=None
)
_UPDATE: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "postgres_store_update", default=None
)


@contextlib.contextmanager
def finishing_update(update_id: int) -> Iterator[None]:
    """Within this block, a session's commit also marks ``update_id`` finished in the shared
    inbound queue (``nc_inbox``), in the same transaction: a replica that dies after the commit
    leaves nothing to replay, and one that dies before it leaves the update to be adopted whole,
    so a student's answer is never applied twice nor lost."""
    token = _UPDATE.set(update_id)
    try:
        yield
    finally:
        _UPDATE.reset(token)


class PostgresStore:
    """Per-student transactional storage in one PostgreSQL database shared by every replica."""

    #: Another replica may have moved a student on: the application re-reads their small state
    #: at the start of every update (see ``bot.store.base.Store``).
    state_shared_between_processes = True

    def __init__(
        self,
        url: str,
        *,
        min_size: int = 1,
        max_size: int = 20,
        max_stored_bytes: int | None = None,
    ) -> None:
        self._max_stored_bytes = max_stored_bytes
        self._pool = ConnectionPool(
            url, min_size=min_size, max_size=max_size, open=False, kwargs={"autocommit": True}
        )
        self._slots = asyncio.Semaphore(max_size)  # connections not held by an update
        # Engine-level features (due-index, update queue, send slots) run short statements from
        # inside updates that already hold a connection for their whole session; drawing those
        # from the sessions' pool would deadlock once every connection is held by a session.
        self._side = ConnectionPool(
            url, min_size=1, max_size=4, open=False, kwargs={"autocommit": True}
        )

    async def open(self) -> None:
        """Connect and bring the schema up to date (once, whichever replica gets there first)."""
        await asyncio.to_thread(self._pool.open, True, 30.0)
        await asyncio.to_thread(self._side.open, True, 30.0)
        await asyncio.to_thread(self._migrate)

    def _migrate(self) -> None:
        with self._pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS nc_schema (version int NOT NULL)")
                row = conn.execute("SELECT max(version) FROM nc_schema").fetchone()
                version = row[0] if row and row[0] is not None else 0
                if version > max(_SCHEMA):
                    raise StoreError(
                        f"the database has schema version {version}, newer than this code's "
                        f"{max(_SCHEMA)}; refusing to touch it"
                    )
                for step in range(version + 1, max(_SCHEMA) + 1):
                    with conn.transaction():
                        conn.execute(_SCHEMA[step])
                        conn.execute("INSERT INTO nc_schema (version) VALUES (%s)", (step,))
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))

    # -- transactions -------------------------------------------------------------------------

    async def run(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        """Run ``work`` under the student's lock and commit it atomically (see the contract)."""
        session = _current(user_id)
        if session is not None:
            async with session.lock:
                return await asyncio.to_thread(
                    savepoint, session.connection, user_id, work, self._max_stored_bytes
                )
        return await self._in_pool(self._run_alone, user_id, work)

    def _run_alone(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (user_id,))
            return transact(conn, user_id, work, self._max_stored_bytes)

    @contextlib.asynccontextmanager
    async def session(self, user_id: int) -> AsyncIterator[None]:
        """One update: one database transaction holding the student's lock, committed at the end.

        Another replica's update for the same student waits at the lock, so one student's updates
        never interleave across processes; a failing update rolls back entirely.
        """
        async with self._slots:  # held for the whole update: it keeps its connection
            stack = contextlib.ExitStack()
            conn = await asyncio.to_thread(_enter, stack, self._pool, user_id)
            session = _Session(user_id, conn, update_id=_UPDATE.get())
            token = _SESSION.set(session)
            failed = False
            try:
                yield
            except BaseException:
                failed = True
                raise
            finally:
                _SESSION.reset(token)
                async with session.lock:
                    session.open = False
                    await asyncio.to_thread(_leave, stack, conn, session, failed)

    async def load_state(self, user_id: int) -> dict[str, Any] | None:
        """The student's small state, read from the database every time it is asked for."""
        session = _current(user_id)
        if session is not None:
            async with session.lock:
                if session.state is not None:
                    return clone_json(session.state)  # type: ignore[no-any-return]
                return await asyncio.to_thread(_read_state, session.connection, user_id)
        return await self._in_pool(self._with_connection, _read_state, user_id)

    async def save_state(self, user_id: int, state: dict[str, Any]) -> None:
        """Replace the small state: with the session's commit if in one, else right away."""
        session = _current(user_id)
        if session is not None:
            session.state = clone_json(state)
            return
        await self._in_pool(self._with_connection, _write_state, user_id, clone_json(state))

    async def _in_pool(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function`` in a worker thread once a pool connection is surely free.

        Waiting for a connection inside a worker thread would hold one of the few threads while
        the updates that hold the connections need threads to finish: the wait happens here,
        on the event loop, instead.
        """
        async with self._slots:
            return await asyncio.to_thread(function, *args)

    def _with_connection(self, function: Callable[..., T], *args: Any) -> T:
        with self._pool.connection() as conn, conn.transaction():
            return function(conn, *args)

    # -- whole students -----------------------------------------------------------------------

    async def user_ids(self) -> list[int]:
        def query(conn: psycopg.Connection[Any]) -> list[int]:
            rows = conn.execute(
                "SELECT user_id FROM nc_records UNION SELECT user_id FROM nc_values "
                "UNION SELECT user_id FROM nc_state ORDER BY 1"
            )
            return [int(r[0]) for r in rows]

        return await self._in_pool(self._with_connection, query)

    async def export_user(self, user_id: int) -> bytes | None:
        """Everything stored for the student, as one JSON document (tables, values, state)."""

        def query(conn: psycopg.Connection[Any]) -> bytes | None:
            tables: dict[str, list[Record]] = {}
            for tbl, record in conn.execute(
                "SELECT tbl, record FROM nc_records WHERE user_id = %s ORDER BY tbl, seq",
                (user_id,),
            ):
                tables.setdefault(tbl, []).append(record)
            values = dict(
                conn.execute("SELECT key, value FROM nc_values WHERE user_id = %s", (user_id,))
            )
            state = _read_state(conn, user_id)
            if not tables and not values and state is None:
                return None
            document = {"tables": tables, "values": values, "state": state}
            return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

        return await self._in_pool(self._with_connection, query)

    async def delete_user(self, user_id: int) -> None:
        session = _current(user_id)
        if session is not None:
            async with session.lock:
                session.state = None
                await asyncio.to_thread(_erase, session.connection, user_id)
            return

        def erase(conn: psycopg.Connection[Any]) -> None:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (user_id,))
            _erase(conn, user_id)

        await self._in_pool(self._with_connection, erase)

    async def snapshot(self, user_id: int) -> StudentData | None:
        """Everything stored for the student, engine-neutral; None when there is nothing."""

        def query(conn: psycopg.Connection[Any]) -> StudentData | None:
            data = StudentData()
            for tbl, record in conn.execute(
                "SELECT tbl, record FROM nc_records WHERE user_id = %s ORDER BY tbl, seq",
                (user_id,),
            ):
                data.tables.setdefault(tbl, []).append(record)
            data.values = dict(
                conn.execute("SELECT key, value FROM nc_values WHERE user_id = %s", (user_id,))
            )
            data.state = _read_state(conn, user_id)
            if not data.tables and not data.values and data.state is None:
                return None
            return data

        return await self._in_pool(self._with_connection, query)

    async def restore(self, user_id: int, data: StudentData) -> None:
        """Replace everything stored for the student with ``data``, in one transaction under
        their lock (a copy run twice, or over an earlier partial one, ends the same)."""

        def write(conn: psycopg.Connection[Any]) -> None:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (user_id,))
            _erase(conn, user_id)
            with conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO nc_records (user_id, tbl, id, record) VALUES (%s, %s, %s, %s)",
                    [
                        (user_id, name, check_id(record), Jsonb(record))
                        for name, rows in data.tables.items()
                        for record in rows
                    ],
                )
                cursor.executemany(
                    "INSERT INTO nc_values (user_id, key, value) VALUES (%s, %s, %s)",
                    [(user_id, key, Jsonb(value)) for key, value in data.values.items()],
                )
            if data.state is not None:
                _write_state(conn, user_id, data.state)

        await self._in_pool(self._with_connection, write)

    async def close(self) -> None:
        await asyncio.to_thread(self._pool.close)
        await asyncio.to_thread(self._side.close)

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection, for engine-level features (due index, update queue) on the same
        database; the caller manages its transactions. From a pool of its own (see above)."""
        with self._side.connection() as conn:
            yield conn


def _current(user_id: int) -> _Session | None:
    session = _SESSION.get()
    if session is not None and session.open and session.user_id == user_id:
        return session
    return None


def _enter(stack: contextlib.ExitStack, pool: ConnectionPool, user_id: int) -> Any:
    """Take a connection, open the update's transaction and wait for the student's lock."""
    conn = stack.enter_context(pool.connection())
    try:
        stack.enter_context(conn.transaction())
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (user_id,))
    except BaseException:
        stack.close()
        raise
    return conn


def _leave(
    stack: contextlib.ExitStack, conn: psycopg.Connection[Any], session: _Session, failed: bool
) -> None:
    """Commit the update (its small state last), or roll all of it back if it failed."""
    if failed:
        stack.__exit__(psycopg.Rollback, psycopg.Rollback(), None)
        return
    try:
        if session.state is not None:
            _write_state(conn, session.user_id, session.state)
        if session.update_id is not None:
            conn.execute(
                "UPDATE nc_inbox SET done_at = now(), body = NULL WHERE update_id = %s",
                (session.update_id,),
            )
    except BaseException as exc:
        stack.__exit__(type(exc), exc, exc.__traceback__)
        raise
    stack.close()


def _read_state(conn: psycopg.Connection[Any], user_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT state FROM nc_state WHERE user_id = %s", (user_id,)).fetchone()
    return None if row is None else row[0]


def _write_state(conn: psycopg.Connection[Any], user_id: int, state: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO nc_state (user_id, state) VALUES (%s, %s) "
        "ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state",
        (user_id, Jsonb(state)),
    )


def _erase(conn: psycopg.Connection[Any], user_id: int) -> None:
    for table in ("nc_records", "nc_values", "nc_state"):
        conn.execute(f"DELETE FROM {table} WHERE user_id = %s", (user_id,))
