"""Two applications over one PostgreSQL database, in one test process: the replicas' guarantees
at the level of the application (the same over webhooks, between processes, is in
``test_replicas.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.postgres_store import PostgresStore
from tests.fakes.harness import Harness, start_harness, stop_harness


@pytest.fixture
async def replicas(tmp_path: Path, postgres_url: str) -> AsyncIterator[tuple[Harness, Harness]]:
    pair = []
    for name in ("one", "two"):
        store = PostgresStore(postgres_url)
        await store.open()
        pair.append(await start_harness(tmp_path / name, store=store))
    yield pair[0], pair[1]
    for h in pair:
        await stop_harness(h)
        assert not h.spec.violations, h.spec.violations


async def test_one_students_updates_alternate_between_replicas_in_order(replicas) -> None:
    one, two = replicas
    on_one, on_two = one.chat(first_name="Alex"), two.chat(first_name="Alex")

    await on_one.send("/start")
    assert "1/5" in on_one.last.plain
    await on_two.send("Maria Lopez")  # the other replica knows where she stands
    assert "2/5" in on_two.last.plain
    await on_one.send("BS Mechanical Engineering")
    assert "3/5" in on_one.last.plain
    await on_two.send("robotics")
    assert "4/5" in on_two.last.plain
    await on_one.send("Internship")
    assert "5/5" in on_one.last.plain
    await on_two.send("San Jose")
    assert "You're all set, Maria!" in on_two.last.plain

    for h in (one, two):  # both replicas read the same, complete profile
        profile = await h.app.bot_data["services"].profiles.get(1001)
        assert (profile.name, profile.degree, profile.interests, profile.position) == (
            "Maria Lopez",
            "BS Mechanical Engineering",
            "robotics",
            "Internship",
        )
        assert profile.onboarded
