"""What replicas share besides students' data, kept in the same PostgreSQL database.

Replicas behind one reverse proxy share nothing in memory, so each piece of state that a single
process keeps for itself lives here instead, on the engine's own primitives rather than anything
home-made:

* :class:`SharedSecret`: the button-signing key, created once by whichever replica starts first
  (``INSERT ... ON CONFLICT DO NOTHING``), so a button sent by one replica verifies on another;
* :class:`Replicas`: which replicas are alive. Each holds one idle connection for its lifetime and
  registers that backend's pid; PostgreSQL ends the backend the moment the process dies (its socket
  closes), so "alive" is a join with ``pg_stat_activity``, with no heartbeat and no timeout;
* :class:`PostgresInbox`: the durable inbound update queue. ``update_id`` is the primary key, so a
  delivery Telegram repeats, to the same replica or another, is refused by ``ON CONFLICT DO
  NOTHING``; updates accepted by a replica that died are adopted by a live one;
* :class:`PostgresDueIndex`: the nudges' due-index, whose ``due`` *claims* the students it returns
  (``FOR UPDATE SKIP LOCKED`` and a lease), so any number of replicas may sweep at once and each
  due student is delivered to by exactly one of them;
* :class:`SharedSendRate`: send slots for all replicas together, so their sum stays under
  Telegram's limits (about 30 messages a second overall, one a second per chat).

Every class here is synchronous and meant to be called from a worker thread, as the store's
transactions are. Only this module and ``postgres_store`` import the PostgreSQL driver.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import secrets
import threading
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from bot.store.postgres_store import PostgresStore, finishing_update

log = logging.getLogger(__name__)

_SECRET_KEY = "callback.secret"
_PACE_LOCK = 0x4E43_5041  # "NCPA": serialises slot bookings (a few hundred microseconds each)
#: Finished updates are remembered this long (Telegram gives up re-delivering well before).
KEEP_DONE = "1 day"


class SharedSecret:
    """The deployment's button-signing secret, one for every replica."""

    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def load(self) -> bytes:
        """The secret, created now if no replica has created it yet."""
        with self._store.connection() as conn:
            conn.execute(
                "INSERT INTO nc_shared (key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
                (_SECRET_KEY, secrets.token_bytes(32)),
            )
            row = conn.execute("SELECT value FROM nc_shared WHERE key = %s", (_SECRET_KEY,))
            return bytes(row.fetchone()[0])  # type: ignore[index]

    def replace(self, secret: bytes) -> None:
        """Set the secret (the migration copies the one a single machine used)."""
        with self._store.connection() as conn:
            conn.execute(
                "INSERT INTO nc_shared (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (_SECRET_KEY, secret),
            )


class Replicas:
    """This replica's registration, and whether others are still alive."""

    def __init__(self, url: str, boot: str | None = None) -> None:
        self.boot = boot or secrets.token_hex(6)
        self._url = url
        self._conn: psycopg.Connection[Any] | None = None

    def register(self) -> None:
        """Open the connection that stands for this process while it lives."""
        conn = psycopg.connect(self._url, autocommit=True)
        conn.execute(
            "INSERT INTO nc_replicas (boot, pid, backend_start) SELECT %s, pid, backend_start "
            "FROM pg_stat_activity WHERE pid = pg_backend_pid()",
            (self.boot,),
        )
        conn.execute(
            "DELETE FROM nc_replicas r WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a "
            "WHERE a.pid = r.pid AND a.backend_start = r.backend_start)"
        )
        self._conn = conn

    def alive(self) -> set[str]:
        """The boot ids of every replica whose process is still connected.

        If this replica's own connection was lost (the database restarted or failed over), it
        registers again under the same id first: between the two, others may have taken this
        replica for dead and adopted its work, which the per-kind policies and the inbox's
        same-transaction completion make safe.
        """
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._reconnect()
        assert self._conn is not None
        try:
            rows = self._conn.execute(
                "SELECT r.boot FROM nc_replicas r JOIN pg_stat_activity a "
                "ON a.pid = r.pid AND a.backend_start = r.backend_start"
            ).fetchall()
        except psycopg.OperationalError:
            self._reconnect()
            return self.alive()
        return {str(row[0]) for row in rows}

    def _reconnect(self) -> None:
        log.warning("replica.reconnect boot=%s", self.boot)
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        with psycopg.connect(self._url, autocommit=True) as conn:
            conn.execute("DELETE FROM nc_replicas WHERE boot = %s", (self.boot,))
        self.register()

    def close(self) -> None:
        """Leave: the row goes, so nobody waits for this replica's claims."""
        if self._conn is not None:
            self._conn.execute("DELETE FROM nc_replicas WHERE boot = %s", (self.boot,))
            self._conn.close()
            self._conn = None


#: ``owner`` is alive: registered and still connected.
_OWNER_ALIVE = (
    "EXISTS (SELECT 1 FROM nc_replicas r JOIN pg_stat_activity a "
    "ON a.pid = r.pid AND a.backend_start = r.backend_start WHERE r.boot = {column})"
)


class PostgresInbox:
    """The durable inbound queue of ``bot.transport.inbox.Inbox``, shared by every replica.

    ``accept`` returns only once the update is committed, so the webhook may answer 200; a second
    delivery of the same ``update_id`` (to any replica) is refused. ``pending`` hands back what a
    replica that is no longer alive had accepted and not finished, claimed for this replica, so two
    survivors never take the same update.
    """

    def __init__(self, store: PostgresStore, boot: str) -> None:
        self._store = store
        self._boot = boot
        self._completed = 0
        self._lock = threading.Lock()

    def accept(self, update: dict[str, Any]) -> bool:
        with self._store.connection() as conn:
            cursor = conn.execute(
                "INSERT INTO nc_inbox (update_id, body, owner) VALUES (%s, %s, %s) "
                "ON CONFLICT (update_id) DO NOTHING",
                (int(update["update_id"]), Jsonb(update), self._boot),
            )
            return cursor.rowcount == 1

    def complete(self, update_id: int) -> None:
        with self._store.connection() as conn:
            conn.execute(
                "UPDATE nc_inbox SET done_at = now(), body = NULL WHERE update_id = %s",
                (update_id,),
            )
        with self._lock:
            self._completed += 1
            prune = self._completed % 500 == 0
        if prune:
            self.prune()

    def processing(self, update_id: int) -> contextlib.AbstractContextManager[None]:
        """Finish the update in the same transaction as the student's changes."""
        return finishing_update(update_id)

    def pending(self) -> list[dict[str, Any]]:
        """Updates whose replica died before finishing them, now this replica's, oldest first."""
        with self._store.connection() as conn:
            # The rows are picked and locked once, in a CTE: an IN (subquery) may be planned so
            # the locking subquery is not the one whose rows the UPDATE takes.
            rows = conn.execute(
                "WITH picked AS ("
                " SELECT update_id FROM nc_inbox i WHERE done_at IS NULL AND owner <> %s"
                f" AND NOT {_OWNER_ALIVE.format(column='i.owner')}"
                " FOR UPDATE SKIP LOCKED)"
                " UPDATE nc_inbox SET owner = %s FROM picked"
                " WHERE nc_inbox.update_id = picked.update_id"
                " RETURNING nc_inbox.update_id, nc_inbox.body",
                (self._boot, self._boot),
            ).fetchall()
        adopted = [_as_dict(body) for _, body in sorted(rows, key=lambda r: int(r[0]))]
        if adopted:
            log.info("inbox.adopted count=%s", len(adopted))
        return adopted

    def prune(self) -> None:
        """Forget finished updates older than :data:`KEEP_DONE`."""
        with self._store.connection() as conn:
            conn.execute(f"DELETE FROM nc_inbox WHERE done_at < now() - interval '{KEEP_DONE}'")


def _as_dict(body: Any) -> dict[str, Any]:
    return body if isinstance(body, dict) else json.loads(body)


class PostgresDueIndex:
    """The nudges' due-index (``bot.store.due_index.DueIndex``) in the shared database.

    Lowering and settling keep the same contract as the SQLite index (an entry is early at worst,
    never late). ``due`` additionally claims what it returns for this replica until
    ``now + lease``: another replica's ``due`` skips a claimed student (``FOR UPDATE SKIP
    LOCKED`` while the claim is being taken, the lease afterwards), so no student's nudges are
    delivered by two replicas at once. ``settle`` ends the claim. A claim whose lease ran out, or
    whose replica is no longer alive, is taken over; what happens then to each nudge it covered is
    the nudges feature's per-kind crash policy (``bot.features.nudges.domain.claims``).
    """

    created = False  # the migration command (or the first sweep after it) fills the index

    def __init__(
        self, store: PostgresStore, boot: str, *, lease_seconds: int = 300, batch: int = 1_000_000
    ) -> None:
        self._store = store
        self._boot = boot
        self._lease = lease_seconds
        self._batch = batch  # claim no more than can be delivered well inside one lease

    def lower(self, user_id: int, due: int) -> None:
        with self._store.connection() as conn:
            conn.execute(
                "INSERT INTO nc_due (user_id, due_at, seq) VALUES (%s, %s, 1) "
                "ON CONFLICT (user_id) DO UPDATE SET due_at = CASE WHEN nc_due.due_at IS NULL "
                "OR EXCLUDED.due_at < nc_due.due_at THEN EXCLUDED.due_at ELSE nc_due.due_at END, "
                "seq = nc_due.seq + 1",
                (user_id, due),
            )

    def seq(self, user_id: int) -> int:
        with self._store.connection() as conn:
            row = conn.execute("SELECT seq FROM nc_due WHERE user_id = %s", (user_id,)).fetchone()
            return int(row[0]) if row else 0

    def settle(self, user_id: int, due: int | None, seq: int) -> bool:
        with self._store.connection() as conn:
            if seq == 0:
                cursor = conn.execute(
                    "INSERT INTO nc_due (user_id, due_at, seq) VALUES (%s, %s, 0) "
                    "ON CONFLICT (user_id) DO NOTHING",
                    (user_id, due),
                )
                if cursor.rowcount:
                    return True
            # The claim ends either way; the moment is raised only if nobody lowered it meanwhile.
            cursor = conn.execute(
                "UPDATE nc_due SET due_at = CASE WHEN seq = %s THEN %s ELSE due_at END, "
                "claimed_by = NULL, claimed_until = NULL WHERE user_id = %s RETURNING seq = %s",
                (seq, due, user_id, seq),
            )
            row = cursor.fetchone()
            return bool(row and row[0])

    def due(self, now: int, limit: int) -> list[int]:
        """Claim up to ``limit`` due students nobody else holds, earliest first."""
        with self._store.connection() as conn:
            rows = conn.execute(
                "UPDATE nc_due SET claimed_by = %s, claimed_until = %s WHERE user_id IN ("
                " SELECT user_id FROM nc_due d WHERE due_at IS NOT NULL AND due_at <= %s"
                " AND (claimed_by IS NULL OR claimed_until <= %s"
                f" OR NOT {_OWNER_ALIVE.format(column='d.claimed_by')})"
                " ORDER BY due_at LIMIT %s FOR UPDATE SKIP LOCKED) RETURNING user_id, due_at",
                (self._boot, now + self._lease, now, now, min(limit, self._batch)),
            ).fetchall()
        return [int(r[0]) for r in sorted(rows, key=lambda r: (r[1], r[0]))]

    def release(self, user_id: int) -> None:
        """Give a claimed student back without settling (a delivery that failed)."""
        with self._store.connection() as conn:
            conn.execute(
                "UPDATE nc_due SET claimed_by = NULL, claimed_until = NULL "
                "WHERE user_id = %s AND claimed_by = %s",
                (user_id, self._boot),
            )

    def remove(self, user_id: int) -> None:
        with self._store.connection() as conn:
            conn.execute("DELETE FROM nc_due WHERE user_id = %s", (user_id,))

    def size(self) -> int:
        with self._store.connection() as conn:
            row = conn.execute("SELECT count(*) FROM nc_due WHERE due_at IS NOT NULL").fetchone()
            return int(row[0]) if row else 0

    def close(self) -> None:
        """Nothing of its own: the store's pool is closed with the store."""


class SharedSendRate:
    """Send slots booked in the database, so every replica's sends together keep one budget.

    Time is cut into slots of ``1 / per_second`` seconds on a timeline every replica agrees on
    (the callers pass wall-clock seconds); a send takes the first free slot at or after the moment
    its chat may next receive a message, so a chat that must wait a second books a slot ahead
    without holding up anybody else's earlier slots. Each booking is one short transaction under
    an advisory lock: a few hundred microseconds, against Telegram's 30 messages a second.
    Separate *lanes* keep separate budgets (all messages; the nudges' share of them).
    """

    def __init__(
        self,
        store: PostgresStore,
        *,
        lane: str,
        per_second: float,
        per_chat_seconds: float | None = None,
    ) -> None:
        self._store = store
        self.lane = lane
        self.per_second = per_second
        self._gap = (1.0 / per_second) * (1 + 1e-9)
        self._per_chat = per_chat_seconds
        self._bookings = 0

    def reserve(self, chat_id: int | None, now: float) -> float:
        """Book the next slot for ``chat_id`` (None: no per-chat spacing); returns its moment."""
        with self._store.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PACE_LOCK,))
            earliest = now
            row = conn.execute("SELECT until FROM nc_pause WHERE lane = %s", (self.lane,))
            paused = row.fetchone()
            if paused:
                earliest = max(earliest, float(paused[0]))
            if chat_id is not None and self._per_chat:
                row = conn.execute(
                    "SELECT next_at FROM nc_chat_pace WHERE lane = %s AND chat_id = %s",
                    (self.lane, chat_id),
                )
                chat = row.fetchone()
                if chat:
                    earliest = max(earliest, float(chat[0]))
            index = math.ceil(earliest / self._gap - 1e-9)
            taken = conn.execute(
                "SELECT slot FROM nc_send_slots WHERE lane = %s AND slot >= %s ORDER BY slot "
                "LIMIT 100000",
                (self.lane, index),
            )
            for (slot,) in taken:
                if slot != index:
                    break
                index += 1
            conn.execute(
                "INSERT INTO nc_send_slots (lane, slot) VALUES (%s, %s)", (self.lane, index)
            )
            moment = max(index * self._gap, earliest)
            if chat_id is not None and self._per_chat:
                conn.execute(
                    "INSERT INTO nc_chat_pace (lane, chat_id, next_at) VALUES (%s, %s, %s) "
                    "ON CONFLICT (lane, chat_id) DO UPDATE SET next_at = EXCLUDED.next_at",
                    (self.lane, chat_id, moment + self._per_chat),
                )
            self._bookings += 1
            if self._bookings % 200 == 0:  # forget the past now and then
                conn.execute(
                    "DELETE FROM nc_send_slots WHERE lane = %s AND slot < %s",
                    (self.lane, math.floor(now / self._gap) - 1),
                )
                conn.execute(
                    "DELETE FROM nc_chat_pace WHERE lane = %s AND next_at < %s", (self.lane, now)
                )
            return moment

    def pause(self, until: float) -> None:
        """Telegram said "retry after": no replica sends in this lane before ``until``."""
        with self._store.connection() as conn:
            conn.execute(
                "INSERT INTO nc_pause (lane, until) VALUES (%s, %s) ON CONFLICT (lane) "
                "DO UPDATE SET until = greatest(nc_pause.until, EXCLUDED.until)",
                (self.lane, until),
            )
