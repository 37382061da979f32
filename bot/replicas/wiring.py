"""One replica's shared collaborators, built from ``DATABASE_URL`` for the composition root.

With ``DATABASE_URL`` set, ``bot.__main__`` opens a :class:`Replica` and hands its parts to the
same ``build_application`` and transport as a single process uses: the store, the button
secret, the due-index, the inbound queue and the rate limiters all come from the database, so
nothing a replica needs lives in its memory or on its disk alone.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from telegram.constants import FloodLimit
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.replicas.pacing import SharedRateLimiter, SharedSendLimiter, Timeline
from bot.store.postgres_shared import (
    PostgresDueIndex,
    PostgresInbox,
    Replicas,
    SharedSecret,
    SharedSendRate,
)
from bot.store.postgres_store import PostgresStore

#: Students one sweep claims at a time: delivered well inside the lease at 25 messages a second.
SWEEP_BATCH = 1_000


@dataclass
class Replica:
    """What this process shares with the others through the database."""

    store: PostgresStore
    replicas: Replicas
    secret: bytes
    due_index: PostgresDueIndex
    send_rate: SharedSendRate
    nudge_rate: SharedSendRate

    @property
    def boot(self) -> str:
        """This replica's id in claims and in the inbound queue."""
        return self.replicas.boot

    def inbox(self) -> PostgresInbox:
        """The inbound queue every replica's webhook writes to."""
        return PostgresInbox(self.store, self.boot)

    def rate_limiter(self, timeline: Timeline | None = None) -> BaseRateLimiter[Any]:
        """Every message of every replica within one overall budget; PTB's limiter keeps the
        group limits and the retries, with its per-process overall limit switched off."""
        inner = AIORateLimiter(overall_max_rate=0, max_retries=3)
        return SharedRateLimiter(self.send_rate, inner, timeline)

    def nudge_limiter(self, timeline: Timeline | None = None) -> SharedSendLimiter:
        """The reminders' share of the budget, one a second per chat, across all replicas."""
        return SharedSendLimiter(self.nudge_rate, timeline)

    def application_parts(self, *, telegram: bool = True) -> dict[str, Any]:
        """What ``build_application`` takes from the database instead of from this process: the
        button secret, the due-index and its claims, the reminders' shared pacing, this
        replica's identity (for the nudges' claim policy) and, talking to Telegram, the shared
        overall rate limiter."""
        parts: dict[str, Any] = {
            "secret": self.secret,
            "due_index": self.due_index,
            "nudge_limiter": self.nudge_limiter(),
            "replica": self.replicas,
        }
        if telegram:
            parts["rate_limiter"] = self.rate_limiter()
        return parts

    async def close(self) -> None:
        """Leave the set of live replicas, then close the pool."""
        await asyncio.to_thread(self.replicas.close)
        await self.store.close()


async def open_replica(
    url: str,
    *,
    nudge_rate: float = 25.0,
    lease_seconds: int = 300,
    max_stored_bytes: int | None = None,
) -> Replica:
    """Connect, migrate the schema (once across replicas), register this process."""
    store = PostgresStore(url, max_stored_bytes=max_stored_bytes)
    await store.open()
    replicas = Replicas(url)
    await asyncio.to_thread(replicas.register)
    secret = await asyncio.to_thread(SharedSecret(store).load)
    return Replica(
        store=store,
        replicas=replicas,
        secret=secret,
        due_index=PostgresDueIndex(
            store, replicas.boot, lease_seconds=lease_seconds, batch=SWEEP_BATCH
        ),
        send_rate=SharedSendRate(
            store, lane="all", per_second=float(FloodLimit.MESSAGES_PER_SECOND)
        ),
        nudge_rate=SharedSendRate(
            store, lane="nudges", per_second=nudge_rate, per_chat_seconds=1.0
        ),
    )
