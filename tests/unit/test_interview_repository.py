"""Interviews and shown drafts survive a round trip through the real store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.features.interviews.domain.interviews import Mode, Referral, Status
from bot.features.interviews.repository import InterviewRepository
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import Draft
from bot.features.outreach.repository import DraftRepository
from bot.store.tinydb_store import TinyDBStore

USER = 42


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2025, 3, 5, 18, 0, tzinfo=UTC))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[TinyDBStore]:
    store = TinyDBStore(tmp_path)
    yield store
    await store.close()


async def test_create_get_save(store: TinyDBStore, clock: FixedClock) -> None:
    repo = InterviewRepository(store, clock)
    created = await repo.create(USER, "c1", "  learn about UX research ", ("How did you start?",))
    assert created.objective == "learn about UX research" and created.created_at == clock.now()
    assert await repo.get(USER, created.id) == created
    assert await repo.get(USER, "missing") is None

    scheduled = created.with_question_added("Who else should I speak with?")
    scheduled = replace(
        scheduled,
        starts_at=datetime(2025, 3, 11, 15, 0, tzinfo=ZoneInfo("America/Los_Angeles")),
        mode=Mode.VIDEO,
        status=Status.SCHEDULED,
        referrals=(Referral("Sam Lee", "Globex", True),),
    )
    await repo.save(USER, scheduled)
    again = await repo.get(USER, created.id)
    assert again == scheduled
    assert again is not None and again.starts_at is not None
    assert again.starts_at.utcoffset() is not None


async def test_update_is_read_modify_write(store: TinyDBStore, clock: FixedClock) -> None:
    repo = InterviewRepository(store, clock)
    created = await repo.create(USER, "c1", "learn about UX")
    changed = await repo.update(USER, created.id, lambda i: i.with_question_added("Why UX?"))
    assert changed is not None and changed.questions == ("Why UX?",)
    assert (await repo.get(USER, created.id)) == changed
    assert await repo.update(USER, "missing", lambda i: i) is None


async def test_for_contact_and_latest(store: TinyDBStore, clock: FixedClock) -> None:
    repo = InterviewRepository(store, clock)
    first = await repo.create(USER, "c1", "first")
    clock.advance(days=1)
    await repo.create(USER, "c2", "other contact")
    clock.advance(days=1)
    second = await repo.create(USER, "c1", "second")
    assert [i.id for i in await repo.for_contact(USER, "c1")] == [first.id, second.id]
    assert (await repo.latest_for_contact(USER, "c1")) == second
    assert await repo.latest_for_contact(USER, "nobody") is None
    assert await repo.for_contact(USER + 1, "c1") == []  # another user's data stays separate


async def test_drafts_are_kept_and_marked_sent(store: TinyDBStore, clock: FixedClock) -> None:
    repo = DraftRepository(store, clock)
    draft = Draft(DraftKind.FOLLOW_UP, "Following up", "Hello Dana, ...", "claude")
    saved = await repo.keep(USER, "c1", draft)
    assert saved.sent_at is None and saved.source == "claude"
    assert await repo.sent_count(USER, "c1", DraftKind.FOLLOW_UP) == 0

    clock.advance(hours=2)
    sent = await repo.mark_sent(USER, saved.id)
    assert sent is not None and sent.sent_at == clock.now()
    clock.advance(hours=1)
    twice = await repo.mark_sent(USER, saved.id)
    assert twice is not None and twice.sent_at == sent.sent_at  # the first send time is kept
    assert await repo.mark_sent(USER, "missing") is None

    assert await repo.get(USER, saved.id) == sent
    assert await repo.sent_count(USER, "c1", DraftKind.FOLLOW_UP) == 1
    assert await repo.sent_count(USER, "c1", DraftKind.THANK_YOU) == 0
    await repo.keep(USER, "c1", Draft(DraftKind.THANK_YOU, "Thanks", "Hello Dana"))
    assert [d.kind for d in await repo.for_contact(USER, "c1")] == [
        DraftKind.FOLLOW_UP,
        DraftKind.THANK_YOU,
    ]


async def test_data_survives_a_new_store(tmp_path: Path, clock: FixedClock) -> None:
    store = TinyDBStore(tmp_path)
    created = await InterviewRepository(store, clock).create(USER, "c1", "learn about UX")
    await store.close()
    reopened = TinyDBStore(tmp_path)
    try:
        assert await InterviewRepository(reopened, clock).get(USER, created.id) == created
    finally:
        await reopened.close()
