"""Pitch versions, build answers and rehearsals survive in the real store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.features.pitch.domain.build import PitchAnswers
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.repository import PitchRepository
from bot.store.tinydb_store import TinyDBStore
from tests.unit.pitch_samples import GOOD_60, MISSING

USER = 7


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2025, 3, 14, 12, 0, tzinfo=UTC))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[TinyDBStore]:
    s = TinyDBStore(tmp_path)
    yield s
    await s.close()


@pytest.fixture
def repo(store: TinyDBStore, clock: FixedClock) -> PitchRepository:
    return PitchRepository(store, clock)


async def test_versions_are_kept_newest_first(repo: PitchRepository, clock: FixedClock) -> None:
    assert await repo.current(USER) is None
    first = await repo.save_version(USER, MISSING, target_seconds=30, source="manual")
    clock.advance(days=1)
    second = await repo.save_version(
        USER, GOOD_60, target_seconds=60, source=PitchSource.TAILORED, tailored_for="Acme"
    )
    assert first.id and second.id and first.id != second.id
    versions = await repo.versions(USER)
    assert [v.id for v in versions] == [second.id, first.id]
    assert versions[0].tailored_for == "Acme" and set(versions[0].elements) == set(Element)
    assert versions[1].elements == (Element.IDENTITY,)
    assert (await repo.current(USER)) == second
    assert await repo.delete_version(USER, second.id)
    assert (await repo.current(USER)) == first


async def test_answers_round_trip(repo: PitchRepository) -> None:
    assert await repo.answers(USER) is None
    answers = PitchAnswers(name="Maya", focus="climate data", organization="Acme")
    await repo.save_answers(USER, answers)
    assert await repo.answers(USER) == answers
    assert await repo.answers(USER + 1) is None


async def test_rehearsals_are_logged_and_compared(
    tmp_path: Path, repo: PitchRepository, clock: FixedClock, store: TinyDBStore
) -> None:
    for seconds in (94, 80, 71):
        await repo.log_rehearsal(USER, seconds, 60)
        clock.advance(minutes=5)
    saved, feedback = await repo.log_rehearsal(USER, 62, 60, "Hi, I'm Maya, a biology major.")
    assert saved.id and saved.transcript
    assert (feedback.previous_seconds, feedback.rehearsals_ago, feedback.count) == (94, 3, 4)
    rehearsals = await repo.rehearsals(USER)
    assert [round(r.duration_seconds) for r in rehearsals] == [62, 71, 80, 94]
    fresh = PitchRepository(TinyDBStore(tmp_path), clock)
    assert [r.id for r in await fresh.rehearsals(USER)] == [r.id for r in rehearsals]
