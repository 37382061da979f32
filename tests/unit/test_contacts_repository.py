from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.features.contacts.domain import (
    LOG_INTERACTION,
    LOG_INTRO_ASK,
    LOG_STAGE,
    NO_CIRCLE,
    ContactDraft,
    InvalidField,
    Stage,
    parse_contact_line,
)
from bot.features.contacts.domain.csv_files import from_csv, to_csv
from bot.features.contacts.domain.vcards import parse_vcards, to_vcards
from bot.features.contacts.repository import ContactRepository
from bot.store.tinydb_store import TinyDBStore

START = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
USER = 42


class CountingStore:
    """The real store, counting transactions so batch work can be shown to use exactly one."""

    def __init__(self, inner: TinyDBStore) -> None:
        self.inner = inner
        self.runs = 0

    async def run(self, user_id: int, work: Callable[[Any], Any]) -> Any:
        self.runs += 1
        return await self.inner.run(user_id, work)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[CountingStore]:
    inner = TinyDBStore(tmp_path)
    yield CountingStore(inner)
    await inner.close()


@pytest.fixture
def repo(store: CountingStore, clock: FixedClock) -> ContactRepository:
    return ContactRepository(store, clock)  # type: ignore[arg-type]


async def test_add_get_all_save_delete(repo, clock, tmp_path):
    maria = await repo.add(USER, parse_contact_line("Maria Lopez, Acme, maria@acme.com"))
    assert maria.id and maria.created_at == START
    assert await repo.get(USER, maria.id) == maria
    assert await repo.get(USER + 1, maria.id) is None  # users are isolated

    clock.advance(hours=1)
    edited = await repo.save(USER, replace(maria, role="engineer"))
    assert edited.role == "engineer" and edited.updated_at == clock.now()

    reopened = ContactRepository(TinyDBStore(tmp_path), clock)
    assert await reopened.all(USER) == [edited]  # durable, same values after a restart

    assert await repo.delete(USER, maria.id) is True
    assert await repo.delete(USER, maria.id) is False
    assert await repo.all(USER) == []
    assert await repo.save(USER, edited) is None  # a stale edit does not resurrect it


async def test_add_refuses_nameless_draft(repo):
    with pytest.raises(InvalidField):
        await repo.add(USER, ContactDraft(name="  "))
    assert await repo.all(USER) == []


async def test_stage_and_interactions_are_logged(repo, clock):
    ann = await repo.add(USER, ContactDraft(name="Ann"))
    clock.advance(days=1)
    ann = await repo.set_stage(USER, ann.id, Stage.REQUEST_SENT, note="emailed")
    clock.advance(days=2)
    when = clock.now() + timedelta(days=3)
    ann = await repo.set_stage(USER, ann.id, Stage.SCHEDULED, scheduled_for=when)
    ann = await repo.log_interaction(USER, ann.id, "confirmed by phone")
    stored = await repo.get(USER, ann.id)
    assert stored == ann
    assert stored.stage is Stage.SCHEDULED and stored.scheduled_for == when
    assert [e.kind for e in stored.log] == ["created", LOG_STAGE, LOG_STAGE, LOG_INTERACTION]
    assert stored.last_interaction == clock.now()
    assert await repo.set_stage(USER, "missing", Stage.THANKED) is None


async def test_add_many_is_one_transaction_and_all_or_nothing(repo, store):
    store.runs = 0
    saved = await repo.add_many(USER, [ContactDraft(name=n) for n in ("Ann", "Bo", "Cy")])
    assert store.runs == 1
    assert [c.name for c in saved] == ["Ann", "Bo", "Cy"]
    assert len({c.id for c in saved}) == 3

    with pytest.raises(InvalidField):
        await repo.add_many(USER, [ContactDraft(name="Dee"), ContactDraft(name="")])
    assert [c.name for c in await repo.all(USER)] == ["Ann", "Bo", "Cy"]
    assert await repo.add_many(USER, []) == []


async def test_introductions_chain_card_and_delete_unlinks(repo):
    maria = await repo.add(USER, ContactDraft(name="Maria Lopez", organization="Acme"))
    ben = await repo.introduce(USER, maria.id, ContactDraft(name="Ben Ng"), may_use_name=True)
    chloe = await repo.introduce(USER, ben.id, ContactDraft(name="Chloe"), may_use_name=False)
    assert (ben.introduced_by, ben.may_use_name, ben.circle) == (maria.id, True, "introduced")
    assert await repo.introduce(USER, "missing", ContactDraft(name="X"), None) is None

    card = await repo.card(USER, chloe.id)
    assert [c.name for c in card.chain] == ["Maria Lopez", "Ben Ng", "Chloe"]
    maria_card = await repo.card(USER, maria.id)
    assert [c.name for c in maria_card.introduced] == ["Ben Ng"]
    assert maria_card.contact.log[-1].kind == LOG_INTRO_ASK
    assert "Ben Ng" in maria_card.contact.log[-1].text
    assert await repo.card(USER, "missing") is None

    await repo.delete(USER, ben.id)
    assert (await repo.get(USER, chloe.id)).introduced_by is None
    assert [c.name for c in (await repo.card(USER, chloe.id)).chain] == ["Chloe"]


async def test_page_orders_by_attention_filters_and_searches(repo, clock):
    drafts = [
        ContactDraft(name=f"Person {i:02d}", organization="Acme" if i % 2 else "Globex")
        for i in range(12)
    ]
    drafts.append(ContactDraft(name="Maria Lopez", organization="Acme Robotics", circle="alumni"))
    saved = await repo.add_many(USER, drafts)
    maria = saved[-1]
    await repo.set_stage(USER, maria.id, Stage.INTERVIEWED)
    clock.advance(days=1)

    first = await repo.page(USER, limit=5)
    assert first.total == 13 and len(first.items) == 5
    assert first.items[0].id == maria.id
    assert "thank-you" in first.reasons[maria.id]
    assert first.has_next and not first.has_previous
    last = await repo.page(USER, offset=10, limit=5)
    assert len(last.items) == 3 and not last.has_next and last.has_previous
    seen = [c.id for p in (0, 5, 10) for c in (await repo.page(USER, offset=p)).items]
    assert sorted(seen) == sorted(c.id for c in saved)  # every contact exactly once

    assert [c.id for c in (await repo.page(USER, stage=Stage.INTERVIEWED)).items] == [maria.id]
    assert (await repo.page(USER, circle="alumni")).total == 1
    assert (await repo.page(USER, circle=NO_CIRCLE)).total == 12
    assert (await repo.page(USER, query="mria lopz")).items[0].id == maria.id
    assert (await repo.page(USER, query="globex")).total == 6
    assert (await repo.page(USER, query="globex", stage=Stage.INTERVIEWED)).total == 0


async def test_count_by_circle(repo):
    await repo.add_many(
        USER,
        [
            ContactDraft(name="Mom", circle="family"),
            ContactDraft(name="Dad", circle="family"),
            ContactDraft(name="Sam", circle="gym"),
            ContactDraft(name="Unknown"),
        ],
    )
    counts = await repo.count_by_circle(USER)
    assert counts["family"] == 2 and counts["gym"] == 1 and counts["friends"] == 0
    assert counts[NO_CIRCLE] == 1
    assert next(iter(counts)) == "family"


async def test_duplicates_and_merges(repo, clock):
    maria = await repo.add(USER, parse_contact_line("Maria Lopez, Acme, maria@acme.com"))
    other = await repo.add(USER, ContactDraft(name="Maria Lopes", phone="+14085550100"))
    intro = await repo.introduce(USER, other.id, ContactDraft(name="Dan"), may_use_name=True)
    assert await repo.duplicates(USER, ContactDraft(name="M", email="MARIA@acme.com")) == [maria]
    assert [c.id for c in await repo.duplicates(USER, maria)] == [other.id]

    clock.advance(hours=1)
    merged = await repo.merge(USER, maria.id, other.id)
    assert merged.phone == "+14085550100" and merged.email == "maria@acme.com"
    assert await repo.get(USER, other.id) is None
    assert (await repo.get(USER, intro.id)).introduced_by == maria.id
    assert await repo.merge(USER, maria.id, maria.id) is None

    filled = await repo.merge_draft(USER, maria.id, ContactDraft(name="Maria", role="engineer"))
    assert filled.role == "engineer" and filled.name == "Maria Lopez"


async def test_import_batch_resolves_introductions(repo):
    existing = await repo.add(USER, ContactDraft(name="Prof Kim"))
    text = (
        "name,id,introduced_by_id,introduced_by\n"
        "Ann,x1,x2,\n"  # introducer comes later in the file
        "Bo,x2,,Prof Kim\n"  # link by name to a contact already saved
        "Cy,x3,zz,Nobody Known\n"  # unresolvable: dropped
    )
    drafts, errors = from_csv(text)
    assert errors == []
    ann, bo, cy = await repo.add_many(USER, drafts)
    assert ann.introduced_by == bo.id
    assert bo.introduced_by == existing.id
    assert cy.introduced_by is None


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
async def test_export_import_round_trip_through_the_repository(repo, fmt, tmp_path, clock):
    maria = await repo.add(
        USER, parse_contact_line("Maria Lopez, Acme, engineer, maria@acme.com, +14085550100")
    )
    await repo.set_stage(USER, maria.id, Stage.THANKED)
    await repo.introduce(USER, maria.id, ContactDraft(name="Ben Ng", notes="a, b; c"), True)
    before = await repo.all(USER)

    if fmt == "csv":
        drafts, errors = from_csv(to_csv(before))
    else:
        drafts, errors = parse_vcards(to_vcards(before).encode())
    assert errors == []
    other = ContactRepository(TinyDBStore(tmp_path / "other"), clock)
    after = await other.add_many(USER, drafts)

    keys = ("name", "circle", "organization", "role", "email", "phone", "notes", "stage")
    assert [[getattr(c, k) for k in keys] for c in after] == [
        [getattr(c, k) for k in keys] for c in before
    ]
    assert after[1].introduced_by == after[0].id
    assert after[1].may_use_name is True


async def test_cached_lists_never_go_stale(repo, store, clock):
    ann = await repo.add(USER, ContactDraft(name="Ann"))
    assert [c.name for c in (await repo.page(USER)).items] == ["Ann"]  # now cached

    other = ContactRepository(store, clock)  # another handler module's repository
    await other.set_stage(USER, ann.id, Stage.REQUEST_SENT)
    await other.add(USER, ContactDraft(name="Bo"))
    page = await repo.page(USER)
    assert {c.name: c.stage for c in page.items} == {
        "Ann": Stage.REQUEST_SENT,
        "Bo": Stage.TO_CONTACT,
    }

    with pytest.raises(InvalidField):
        await repo.add_many(USER, [ContactDraft(name="Cy"), ContactDraft(name="")])
    assert (await repo.page(USER)).total == 2

    await repo.delete(USER, ann.id)
    assert [c.name for c in await repo.all(USER)] == ["Bo"]
    assert (await repo.card(USER, ann.id)) is None
