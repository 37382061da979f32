"""What replicas share in PostgreSQL, on a real server: each test opens two engines on one
database, standing for two replicas that share nothing in memory."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator

import psycopg
import pytest

from bot.replicas.pacing import SharedSendLimiter
from bot.store.postgres_shared import (
    PostgresDueIndex,
    PostgresInbox,
    Replicas,
    SharedSecret,
    SharedSendRate,
)
from bot.store.postgres_store import PostgresStore
from tests.support.timeline import FakeTimeline


@pytest.fixture
async def two(postgres_url: str) -> AsyncIterator[tuple[PostgresStore, PostgresStore]]:
    a, b = PostgresStore(postgres_url), PostgresStore(postgres_url)
    await asyncio.gather(a.open(), b.open())
    yield a, b
    await asyncio.gather(a.close(), b.close())


def kill(url: str, replica: Replicas) -> None:
    """What SIGKILL does to a replica, as the database sees it: its connection is gone."""
    assert replica._conn is not None
    pid = replica._conn.info.backend_pid
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
    replica._conn = None


async def test_one_button_secret_for_every_replica(two) -> None:
    a, b = two
    first, second = await asyncio.gather(
        asyncio.to_thread(SharedSecret(a).load), asyncio.to_thread(SharedSecret(b).load)
    )
    assert first == second and len(first) == 32
    assert SharedSecret(a).load() == first  # and it stays


async def test_a_repeated_update_is_accepted_once_by_any_replica(two) -> None:
    a, b = two
    inbox_a, inbox_b = PostgresInbox(a, "boot-a"), PostgresInbox(b, "boot-b")
    update = {"update_id": 42, "message": {"text": "hi"}}
    results = await asyncio.gather(
        *(asyncio.to_thread(inbox.accept, update) for inbox in (inbox_a, inbox_b, inbox_a))
    )
    assert sorted(results) == [False, False, True]
    inbox_a.complete(42)
    assert not inbox_b.accept(update)  # finished updates are remembered too


async def test_updates_of_a_dead_replica_are_adopted_once(two, postgres_url: str) -> None:
    a, b = two
    ra, rb, rc = (Replicas(postgres_url, boot) for boot in ("boot-a", "boot-b", "boot-c"))
    for replica in (ra, rb, rc):
        replica.register()
    inbox_a = PostgresInbox(a, "boot-a")
    for update_id in (7, 5, 6):
        assert inbox_a.accept({"update_id": update_id})
    inbox_a.complete(6)
    assert PostgresInbox(b, "boot-b").pending() == []  # boot-a is alive: its updates are its own

    kill(postgres_url, ra)
    assert ra.boot not in rb.alive()
    adopted_b, adopted_c = await asyncio.gather(
        asyncio.to_thread(PostgresInbox(b, "boot-b").pending),
        asyncio.to_thread(PostgresInbox(a, "boot-c").pending),
    )
    assert sorted(u["update_id"] for u in adopted_b + adopted_c) == [5, 7]  # each exactly once
    for adopted in (adopted_b, adopted_c):  # the two may share them out; each oldest first
        assert [u["update_id"] for u in adopted] == sorted(u["update_id"] for u in adopted)
    rb.close()
    rc.close()


async def test_two_sweepers_never_claim_the_same_student(two, postgres_url: str) -> None:
    a, b = two
    ra, rb = Replicas(postgres_url, "boot-a"), Replicas(postgres_url, "boot-b")
    ra.register()
    rb.register()
    index_a, index_b = PostgresDueIndex(a, "boot-a"), PostgresDueIndex(b, "boot-b")
    with a.connection() as conn:
        conn.execute(
            "INSERT INTO nc_due (user_id, due_at, seq) SELECT g, 1000 + g % 7, 1 "
            "FROM generate_series(1, 1000) g"
        )

    async def sweep(index: PostgresDueIndex) -> list[int]:
        mine: list[int] = []
        while batch := await asyncio.to_thread(index.due, 2000, 37):
            mine += batch
        return mine

    got_a, got_b = await asyncio.gather(sweep(index_a), sweep(index_b))
    assert not set(got_a) & set(got_b)
    assert sorted(got_a + got_b) == list(range(1, 1001))
    assert got_a and got_b  # both did some of the work

    # A claim outlives neither its lease nor its replica.
    assert index_b.due(2000, 10) == []
    kill(postgres_url, ra)
    taken = index_b.due(2000, 10_000)
    assert sorted(taken) == sorted(got_a)
    index_b.settle(taken[0], None, index_b.seq(taken[0]))
    expired = index_b.due(2000 + 301, 10_000)  # every lease has run out; the settled one is done
    assert sorted(expired) == sorted(set(range(1, 1001)) - {taken[0]})
    rb.close()


async def test_lowering_and_settling_keep_the_entry_early_never_late(two) -> None:
    a, _ = two
    index = PostgresDueIndex(a, "boot-a")
    index.lower(1, 500)
    seq = index.seq(1)
    assert index.due(600, 10) == [1]
    index.lower(1, 550)  # a transaction planned something while the sweep was delivering
    assert not index.settle(1, 9000, seq)  # so the sweep may not raise it past that
    assert index.due(600, 10) == [1]  # and the claim ended with the settle
    assert index.settle(1, 9000, index.seq(1))
    assert index.due(600, 10) == [] and index.size() == 1
    index.remove(1)
    assert index.size() == 0


async def test_two_replicas_share_one_send_budget(two) -> None:
    a, b = two
    timeline = FakeTimeline()
    limiters = [
        SharedSendLimiter(
            SharedSendRate(s, lane="nudges", per_second=25, per_chat_seconds=1.0), timeline
        )
        for s in (a, b)
    ]
    moments: list[tuple[float, int]] = []

    async def send(limiter: SharedSendLimiter, chat: int) -> None:
        rate = limiter._rate
        moment = await asyncio.to_thread(rate.reserve, chat, timeline.now())
        moments.append((moment, chat))

    # 100 sends to 40 chats from both replicas at once.
    await asyncio.gather(*(send(limiters[i % 2], i % 40) for i in range(100)))
    times = sorted(m for m, _ in moments)
    assert all(later - earlier >= 1 / 25 - 1e-9 for earlier, later in itertools.pairwise(times))
    per_chat: dict[int, list[float]] = {}
    for moment, chat in moments:
        per_chat.setdefault(chat, []).append(moment)
    for chat_times in per_chat.values():
        chat_times.sort()
        assert all(y - x >= 1.0 - 1e-9 for x, y in itertools.pairwise(chat_times))
    window = times[-1] - times[0]
    assert window <= 100 / 25 + 1.0  # and nothing is wasted: near the budget, not below it

    limiters[0].pause(30)  # Telegram's "retry after" on one replica holds the other too
    before = timeline.now()
    await limiters[1].acquire(999)
    assert timeline.now() >= before + 30


async def test_an_update_is_finished_in_the_same_commit_as_its_changes(two) -> None:
    from bot.store.postgres_store import finishing_update

    a, b = two
    inbox = PostgresInbox(a, "boot-gone")  # a replica that never registered: as if dead
    for update_id in (1, 2):
        assert inbox.accept({"update_id": update_id})
    with finishing_update(1):
        async with a.session(5):
            await a.run(5, lambda tx: tx.set_value("answer", "Kim Park"))
    with pytest.raises(RuntimeError), finishing_update(2):
        async with a.session(5):
            await a.run(5, lambda tx: tx.set_value("answer", "lost"))
            raise RuntimeError("killed before the commit")
    assert await a.run(5, lambda tx: tx.get_value("answer")) == "Kim Park"
    # Only the update whose changes were rolled back is left for another replica to redo.
    assert [u["update_id"] for u in PostgresInbox(b, "boot-b").pending()] == [2]


async def test_a_replica_that_lost_its_connection_registers_again(two, postgres_url: str) -> None:
    replica = Replicas(postgres_url, "boot-a")
    replica.register()
    assert replica._conn is not None
    with psycopg.connect(postgres_url, autocommit=True) as conn:  # the database drops it
        conn.execute("SELECT pg_terminate_backend(%s, 5000)", (replica._conn.info.backend_pid,))
    assert "boot-a" in replica.alive()  # noticed, reconnected, registered under the same id
    replica.close()
    other = Replicas(postgres_url, "boot-b")
    other.register()
    assert other.alive() == {"boot-b"}
    other.close()


async def test_every_message_of_every_replica_takes_a_shared_slot(two) -> None:
    from telegram.error import RetryAfter

    from bot.replicas.pacing import SharedRateLimiter

    a, b = two
    timeline = FakeTimeline()
    limiters = [
        SharedRateLimiter(SharedSendRate(s, lane="all", per_second=30), None, timeline)
        for s in (a, b)
    ]
    sent: list[float] = []

    async def send() -> bool:
        sent.append(timeline.now())
        return True

    for i in range(60):  # two replicas, sending by turns
        await limiters[i % 2].process_request(send, (), {}, "sendMessage", {"chat_id": i}, None)
    assert sent[-1] - sent[0] >= 59 / 30 - 1e-6  # 60 messages take two seconds, not one
    before = timeline.now()
    await limiters[0].process_request(send, (), {}, "answerCallbackQuery", {}, None)
    assert timeline.now() == before  # what sends no message takes no slot

    async def flooded() -> bool:
        raise RetryAfter(5)

    with pytest.raises(RetryAfter):
        await limiters[0].process_request(flooded, (), {}, "sendMessage", {"chat_id": 1}, None)
    await limiters[1].process_request(send, (), {}, "sendMessage", {"chat_id": 2}, None)
    assert sent[-1] >= before + 5  # the other replica waited out Telegram's "retry after" too
