"""Pitch versions, build answers and rehearsals survive in the real store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.repository import PitchRepository
from bot.store.base import Transaction
from bot.store.records import to_json
from bot.store.tinydb_store import TinyDBStore
from tests.support.pitch_samples import GOOD_60, MISSING

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


# Records exactly as the hand-written ``to_record`` of the release before pydantic wrote them.
OLD_VERSION = {
    "id": "v1",
    "created_at": "2025-03-01T09:30:00+00:00",
    "text": GOOD_60,
    "target_seconds": 60,
    "words": 118,
    "seconds": 47.2,
    "elements": ["identity", "focus", "experience"],
    "source": "tailored",
    "tailored_for": "Acme",
}
OLD_REHEARSAL = {
    "id": "r1",
    "at": "2025-03-01T10:00:00+00:00",
    "duration_seconds": 61.0,
    "target_seconds": 60,
    "transcript": None,
    "wpm": None,
    "fillers_per_minute": None,
    "elements": [],
}
OLD_ANSWERS = {
    "identity": "a biology major",
    "focus": None,
    "position": None,
    "experience": None,
    "leadership": None,
    "fit": None,
    "interest": None,
    "name": "Maya",
    "organization": None,
    "ask": None,
}


async def test_records_written_by_the_previous_release_still_load(
    repo: PitchRepository, store: TinyDBStore
) -> None:
    def seed(tx: Transaction) -> None:
        tx.table("pitch_versions").put(OLD_VERSION)
        tx.table("rehearsals").put(OLD_REHEARSAL)
        tx.set_value("pitch_answers", OLD_ANSWERS)

    await store.run(USER, seed)
    version = await repo.current(USER)
    assert version is not None and version.id == "v1" and version.tailored_for == "Acme"
    assert version.created_at == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    assert version.source is PitchSource.TAILORED
    assert version.elements == (Element.IDENTITY, Element.FOCUS, Element.EXPERIENCE)
    (rehearsal,) = await repo.rehearsals(USER)
    assert rehearsal.duration_seconds == 61.0 and rehearsal.at.tzinfo is not None
    assert await repo.answers(USER) == PitchAnswers(identity="a biology major", name="Maya")
    # What is written now keeps the old field names and shapes, so older readers still cope.
    assert set(to_json(version)) == set(OLD_VERSION)
    assert set(to_json(rehearsal)) == set(OLD_REHEARSAL)
    assert to_json(await repo.answers(USER)) == OLD_ANSWERS
