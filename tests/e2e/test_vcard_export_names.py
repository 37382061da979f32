"""/export as vCard: titles in N's prefix, relations never as a given name, and the file read
back by another student keeps every name as written."""

from __future__ import annotations

from bot.features.contacts.domain import ContactDraft
from tests.fakes.harness import Harness


async def test_export_keeps_titles_and_relations_out_of_given_names(harness: Harness) -> None:
    contacts = harness.app.bot_data["services"].contacts
    for name in ("Dr. Alan Brooks", "Aunt Lakshmi"):
        await contacts.add(1001, ContactDraft(name=name))
    alice, bob = harness.chat(1001), harness.chat(2002)
    await alice.send("/export")
    await alice.press("📇 Contacts (.vcf)")
    exported = alice.last.document
    assert exported is not None
    lines = exported.content.decode().splitlines()
    assert "N:Brooks;Alan;;Dr.;" in lines and "FN:Dr. Alan Brooks" in lines
    assert "N:;Lakshmi;;;" in lines and "FN:Aunt Lakshmi" in lines
    assert not any(line.startswith(("N:Brooks;Dr", "N:Lakshmi;Aunt")) for line in lines)

    await bob.send_document(exported.filename, exported.content)
    assert "Imported 2 contacts" in bob.last.plain
    assert sorted(c.name for c in await contacts.all(2002)) == ["Aunt Lakshmi", "Dr. Alan Brooks"]
