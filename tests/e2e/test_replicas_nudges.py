"""1,000 nudges due at once, swept by two replicas over one PostgreSQL: none twice, none lost."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.clock import FixedClock
from bot.features.contacts.domain.records import Contact, Stage
from bot.features.nudges import sync
from bot.features.nudges.domain.kinds import NudgeKind
from bot.llm.gateway import NoLLM
from bot.localchat.botapi import LocalBotAPI
from bot.replicas.pacing import SharedSendLimiter
from bot.settings import Settings
from bot.store.due_index import IndexedStore
from bot.store.postgres_shared import PostgresDueIndex, Replicas, SharedSendRate
from bot.store.postgres_store import PostgresStore
from bot.store.records import to_json
from tests.support.timeline import FakeTimeline

DUE = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)  # outside everyone's quiet hours
STUDENTS = range(200_000, 201_000)


def _seed(tx: Any) -> None:
    """Half the students wait on a follow-up (never re-sent after a lost claim), half have a
    meeting in an hour (re-sent after a lost claim): without claims, the second would show."""
    tx.set_value("profile", {"name": "Student", "timezone": "Europe/London", "onboarded": True})
    week_ago = DUE - timedelta(days=7)
    contact = Contact(
        id="c1",
        name="Dana Lopez",
        created_at=week_ago,
        updated_at=week_ago,
        stage=Stage.REQUEST_SENT,
    )
    tx.table("contacts").put(to_json(contact))
    plan = sync.planner(tx, week_ago)
    if tx.user_id % 2:
        nudge = plan.make(NudgeKind.FOLLOW_UP, week_ago, contact_id="c1")
    else:
        meeting = DUE + timedelta(hours=1)
        nudge = plan.make(NudgeKind.MEETING_HOUR_BEFORE, meeting, contact_id="c1", expires=meeting)
    sync.write(tx, [nudge])


async def test_two_replicas_sweep_a_thousand_due_nudges_once_each(
    tmp_path: Path, postgres_url: str
) -> None:
    seeding = PostgresStore(postgres_url, max_size=8)
    await seeding.open()
    indexed = IndexedStore(seeding, PostgresDueIndex(seeding, "seed"), sync.NEXT_DUE_KEY)
    for start in range(0, len(STUDENTS), 100):
        await asyncio.gather(*(indexed.run(u, _seed) for u in STUDENTS[start : start + 100]))
    await seeding.close()

    clock = FixedClock(DUE + timedelta(minutes=1))
    timeline = FakeTimeline()  # both replicas book slots on one timeline; nobody really waits
    replicas = []
    for name in ("a", "b"):
        store = PostgresStore(postgres_url, max_size=8)
        await store.open()
        alive = Replicas(postgres_url, f"boot-{name}")
        await asyncio.to_thread(alive.register)
        api = LocalBotAPI(clock=clock)
        settings = Settings(_env_file=None, data_dir=tmp_path / name)  # type: ignore[call-arg]
        limiter = SharedSendLimiter(
            SharedSendRate(store, lane="nudges", per_second=25, per_chat_seconds=1.0), timeline
        )
        app = build_application(
            settings,
            store=store,
            llm=NoLLM(),
            clock=clock,
            request=api,
            due_index=PostgresDueIndex(store, f"boot-{name}", batch=40),
            nudge_limiter=limiter,
            replica=alive,
        )
        await app.initialize()
        replicas.append((app, api, store, alive))

    async def sweep(app: Any) -> int:
        delivered = 0
        while (report := await app.bot_data["sweeper"].run_once(app.bot)).students:
            assert not report.failures, report.failures
            delivered += report.messages
        return delivered

    counts = await asyncio.gather(*(sweep(app) for app, *_ in replicas))

    received: Counter[int] = Counter()
    for _, api, _, _ in replicas:
        for method, params in api.state.calls:
            if method == "sendMessage":
                received[int(params["chat_id"])] += 1
    assert set(received) == set(STUDENTS)  # none lost
    assert max(received.values()) == 1  # none twice
    assert all(counts) and sum(counts) == len(STUDENTS)  # and both replicas did part of it

    app, _, store, _ = replicas[0]
    states = await asyncio.gather(
        *(app.bot_data["services"].nudges.upcoming(u) for u in (STUDENTS[0], STUDENTS[-1]))
    )
    assert states == [[], []]  # nothing left to send
    for app, _, store, alive in replicas:
        await app.shutdown()
        await asyncio.to_thread(alive.close)
        await store.close()
