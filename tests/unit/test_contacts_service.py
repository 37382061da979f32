"""The contacts feature's use cases over the real repository and store: what each returns is
what the handlers render, so each outcome is checked along with what ends up stored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.features.contacts import service
from bot.features.contacts.domain import ContactDraft
from bot.features.contacts.imports import ImportReport, import_drafts, parse_file, resolve
from bot.features.contacts.repository import ContactRepository
from bot.store.records import from_json, to_json
from bot.store.tinydb_store import TinyDBStore

USER = 7


@pytest.fixture
async def contacts(tmp_path: Path) -> AsyncIterator[ContactRepository]:
    store = TinyDBStore(tmp_path)
    yield ContactRepository(store, FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)))
    await store.close()


async def test_add_named_refuses_a_sentence_and_an_empty_line(contacts: ContactRepository) -> None:
    empty = await service.add_named(contacts, USER, "  ")
    assert isinstance(empty, service.NotAName) and empty.reason and "name" in empty.reason
    sentence = await service.add_named(contacts, USER, "Can you help me find a job in tech?")
    assert isinstance(sentence, service.NotAName) and sentence.reason
    assert await contacts.all(USER) == []


async def test_add_named_offers_a_look_alike_unless_forced(contacts: ContactRepository) -> None:
    first = await service.add_named(contacts, USER, "Dana Lopez, Kaiser, informatics lead")
    assert isinstance(first, service.Added)
    assert (first.contact.organization, first.contact.role) == ("Kaiser", "informatics lead")
    again = await service.add_named(contacts, USER, "Dana Lopez")
    assert isinstance(again, service.MaybeKnown)
    assert [c.id for c in again.matches] == [first.contact.id]
    forced = await service.add_named(contacts, USER, "Dana Lopez", force=True)
    assert isinstance(forced, service.Added)
    assert len(await contacts.all(USER)) == 2


async def test_save_draft_checks_for_twins_then_merges(contacts: ContactRepository) -> None:
    saved = await service.save_draft(contacts, USER, ContactDraft(name="Sam Ortiz"))
    assert isinstance(saved, service.Saved) and saved.total == 1 and not saved.merged
    twin = await service.save_draft(contacts, USER, ContactDraft(name="Sam Ortiz", role="UX"))
    assert isinstance(twin, service.LooksLike) and twin.twin.id == saved.contact.id
    assert twin.reason == "name"
    merged = await service.merge_draft(contacts, USER, twin.twin.id, ContactDraft(role="UX"))
    assert merged is not None and merged.merged and merged.contact.role == "UX"
    assert await service.merge_draft(contacts, USER, "gone", ContactDraft(name="X")) is None
    both = await service.save_draft(contacts, USER, ContactDraft(name="Sam Ortiz"), check=False)
    assert isinstance(both, service.Saved) and both.total == 2


async def test_set_aside_keeps_only_what_is_worth_keeping(contacts: ContactRepository) -> None:
    maria = ContactDraft(name="Maria Lopez", organization="Acme")
    assert await service.set_aside(contacts, USER, ContactDraft(), maria) is None
    assert await service.set_aside(contacts, USER, maria, ContactDraft(name="Maria Lopez")) is None
    kept = await service.set_aside(contacts, USER, maria, ContactDraft(name="Ben Okafor"))
    assert kept is not None and kept.name == "Maria Lopez"
    assert [c.name for c in await contacts.all(USER)] == ["Maria Lopez"]


async def test_change_and_delete_say_when_the_contact_is_gone(contacts: ContactRepository) -> None:
    dana = await contacts.add(USER, ContactDraft(name="Dana"))
    changed = await service.change(contacts, USER, dana.id, {"circle": "alumni"})
    assert changed is not None and changed.circle == "alumni"
    assert await service.change(contacts, USER, "gone", {"circle": "alumni"}) is None
    deleted = await service.delete(contacts, USER, dana.id)
    assert deleted is not None and deleted.name == "Dana"
    assert await service.delete(contacts, USER, dana.id) is None


async def test_add_names_saves_new_names_per_circle(contacts: ContactRepository) -> None:
    first = await service.add_names(contacts, USER, "Ana, Ben and Chloe", "family")
    assert (first.new, first.repeats) == (["Ana", "Ben", "Chloe"], [])
    again = await service.add_names(contacts, USER, "ana, Dev", "family")
    assert (again.new, again.repeats) == (["Dev"], ["ana"])
    elsewhere = await service.add_names(contacts, USER, "Ana", "classmates")
    assert elsewhere.new == ["Ana"]  # two Anas in two circles are fine
    assert len(await contacts.all(USER)) == 5


async def test_an_import_holds_look_alikes_for_one_choice(contacts: ContactRepository) -> None:
    maria = await contacts.add(USER, ContactDraft(name="Maria Lopez", email="maria@acme.com"))
    data = b"Name,Email,Company\r\nMaria Lopez,maria@acme.com,Acme\r\nBen Okafor,,Initech\r\n"
    drafts, errors, unit = parse_file("people.csv", data, None)
    assert (len(drafts), errors, unit) == (2, [], "row")
    report = await import_drafts(contacts, USER, drafts, errors, unit)
    assert (report.added, report.ids, [d.name for d in report.drafts]) == (
        1,
        [maria.id],
        ["Maria Lopez"],
    )
    # the pending choice survives the round trip through the student's small state
    pending = from_json(ImportReport, to_json(report))
    assert pending == report
    merged = await resolve(contacts, USER, pending, "merge")
    assert (merged.added, merged.merged, merged.drafts) == (1, 1, [])
    organization = (await contacts.get(USER, maria.id)).organization  # type: ignore[union-attr]
    assert organization == "Acme"
    skipped = await resolve(contacts, USER, pending, "skip")
    assert skipped.skipped == 1
    kept = await resolve(contacts, USER, pending, "keep")
    assert kept.added == 2
    assert len(await contacts.all(USER)) == 3
