"""The contact network as a student uses it: adding (typed, one line, shared, .vcf), the list,
the card and its actions, introductions, export and import, and isolation between students."""

from __future__ import annotations

from bot.features.contacts.domain import Stage
from tests.fakes.harness import Harness

VCF = b"""BEGIN:VCARD
VERSION:3.0
FN:Ana Diaz
ORG:Globex
TITLE:Data analyst
EMAIL:ana@globex.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ben Okafor
TEL:+14085550123
END:VCARD
BEGIN:VCARD
VERSION:3.0
TITLE:Nameless card
END:VCARD
"""


def repo(h: Harness):
    return h.app.bot_data["services"].contacts


async def test_add_on_one_line_with_a_bad_email_is_fixed_then_saved(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme Robotics, hardware engineer, maria@acme")
    assert "one thing to fix before saving" in chat.messages[-2].plain
    assert "The part after the @ needs a dot" in chat.last.plain
    assert "Their email address?" in chat.last.plain
    await chat.send("not an email")
    assert "Please try again" in chat.last.plain
    await chat.send("maria@acme.com")
    assert "save it?" in chat.last.plain and "maria@acme.com" in chat.last.plain
    await chat.press("✅ Save")
    assert "Maria Lopez is in your network" in chat.last.plain
    assert "🔗 Ask for intros" in chat.buttons()
    [saved] = await repo(harness).all(chat.user_id)
    assert (saved.name, saved.organization, saved.role, saved.email) == (
        "Maria Lopez",
        "Acme Robotics",
        "hardware engineer",
        "maria@acme.com",
    )


async def test_guided_add_skips_cancels_half_way_and_resumes(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add")
    assert "Type their name" in chat.last.plain
    await chat.send("Sam Lee")
    assert "Where do you know" in chat.last.plain
    await chat.press("🎓 Faculty & staff")
    await chat.send("SJSU")
    await chat.press("Skip")  # role
    await chat.send("sam@@sjsu")
    assert "Please try again" in chat.last.plain  # bad email re-asked
    await chat.send("/cancel")
    assert "Paused adding" in chat.last.plain
    assert await repo(harness).all(chat.user_id) == []

    await chat.send("/add")
    assert "pick up where we left off with Sam Lee" in chat.messages[-2].plain
    assert "Their email address?" in chat.last.plain
    await chat.send("sam@sjsu.edu")
    await chat.press("✅ Save now")
    [saved] = await repo(harness).all(chat.user_id)
    assert (saved.circle, saved.organization, saved.role, saved.email) == (
        "faculty",
        "SJSU",
        "",
        "sam@sjsu.edu",
    )


async def test_shared_phone_contact_asks_only_what_is_missing(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send_contact("14085550100", "Pat", "Kim")
    assert "Got Pat Kim with their number" in chat.messages[-2].plain
    assert "Where do you know Pat Kim from?" in chat.last.plain
    await chat.press("🤝 Friends")
    await chat.send("Initech")
    await chat.press("✅ Save now")
    [saved] = await repo(harness).all(chat.user_id)
    assert (saved.phone, saved.circle, saved.organization) == ("+14085550100", "friends", "Initech")


async def test_duplicate_is_flagged_with_merge_or_keep_both(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme, maria@acme.com")
    await chat.press("✅ Save")
    await chat.send("/add M. Lopez, maria@ACME.com, +14085550100")
    await chat.press("✅ Save")
    assert "already in your list (same email)" in chat.last.plain
    await chat.press("🔀 Merge")
    [merged] = await repo(harness).all(chat.user_id)
    assert merged.phone == "+14085550100" and merged.name == "Maria Lopez"
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    await chat.press("➕ Keep both")
    assert len(await repo(harness).all(chat.user_id)) == 2


async def test_merging_into_a_contact_deleted_meanwhile_keeps_the_draft(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme, maria@acme.com")
    await chat.press("✅ Save")
    await chat.send("/add M. Lopez, maria@acme.com, +14085550100")
    await chat.press("✅ Save")
    [maria] = await repo(harness).all(chat.user_id)
    await repo(harness).delete(chat.user_id, maria.id)
    await chat.press("🔀 Merge")
    [kept] = await repo(harness).all(chat.user_id)
    assert (kept.name, kept.phone) == ("M. Lopez", "+14085550100")
    assert "M. Lopez is in your network" in chat.last.plain


async def test_vcard_with_several_cards_and_a_broken_one(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send_document("friends.vcf", VCF, "text/vcard")
    assert "Imported 2 contacts" in chat.last.plain
    assert "card 3: no name" in chat.last.plain
    names = sorted(c.name for c in await repo(harness).all(chat.user_id))
    assert names == ["Ana Diaz", "Ben Okafor"]


async def test_brainstorm_walks_circles_and_counts(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add")
    await chat.press("🧠 Brainstorm instead")
    assert "Family" in chat.last.plain and "1/13" in chat.last.plain
    await chat.send("Aunt Rosa, Uncle Joe and Mia")
    assert "3 in 👪 Family" in chat.last.plain
    await chat.send("next")
    assert "Friends" in chat.last.plain
    await chat.send("Priya\nTom")
    await chat.send("/cancel")
    assert "Paused brainstorm" in chat.last.plain
    await chat.send("/contacts")
    await chat.press("🧠 Brainstorm")
    assert "Friends" in chat.last.plain  # resumed at the same circle
    await chat.press("Next ▶")
    assert "Roommates" in chat.last.plain
    await chat.send("done")
    summary = chat.last.plain
    assert "You just listed 5 people" in summary
    assert "👪 Family · 3" in summary and "🤝 Friends · 2" in summary
    assert "Aunt Rosa, Uncle Joe, Mia" in summary
    assert len(await repo(harness).all(chat.user_id)) == 5


async def test_introductions_record_the_ask_and_show_the_chain(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    await chat.press("🔗 Ask for intros")
    assert "noted on their card" in chat.last.plain
    await chat.press("➕ They named someone")
    await chat.send("Sam Lee, Acme, test engineer, sam@acme")
    assert "Type Sam Lee's email again" in chat.last.plain
    await chat.send("Sam Lee, Acme, test engineer, sam@acme.com")  # the whole line again is fine
    assert "mention Maria Lopez's name" in chat.last.plain
    await chat.press("✅ Yes")
    assert "Introduced by Maria Lopez" in chat.last.plain
    assert "You may mention Maria Lopez's name" in chat.last.plain
    contacts = {c.name: c for c in await repo(harness).all(chat.user_id)}
    sam, maria = contacts["Sam Lee"], contacts["Maria Lopez"]
    assert sam.introduced_by == maria.id and sam.may_use_name is True
    assert any("Asked for introductions" in e.text for e in maria.log)
    await chat.press("📋 All contacts")
    await chat.press("Maria Lopez")
    assert "Introduced you to: Sam Lee" in chat.last.plain


async def seed(h: Harness, user: int, count: int) -> None:
    from bot.features.contacts.domain import ContactDraft

    drafts = [
        ContactDraft(name=f"Person {i:02d}", organization="Globex" if i % 2 else "Initech")
        for i in range(count)
    ]
    drafts.append(ContactDraft(name="Maria Lopez", role="hardware engineer", notes="robotics"))
    await repo(h).add_many(user, drafts)


async def test_list_pages_filters_and_searches_with_typos(harness: Harness) -> None:
    chat = harness.chat()
    await seed(harness, chat.user_id, 11)
    await chat.send("/contacts")
    assert "12 people" in chat.last.plain and "page 1/3" in chat.last.plain
    await chat.press("Next ▶")
    assert "page 2/3" in chat.last.plain and "6. " in chat.last.plain
    await chat.press("◀ Prev")
    assert "page 1/3" in chat.last.plain
    await chat.press("🔎 Search")
    await chat.send("mria lopz")
    assert "Matches for “mria lopz”" in chat.last.plain
    assert "1 person" in chat.last.plain and "Maria Lopez" in chat.last.plain
    await chat.send("/contacts robtics")
    assert "Maria Lopez" in chat.last.plain
    await chat.press("✖️ Show all")
    await chat.press("🎛 Filter")
    await chat.press("Scheduled")
    assert "No one among Scheduled" in chat.last.plain


async def test_edit_field_stage_and_delete(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    await chat.press("✏️ Edit")
    await chat.press("Email")
    await chat.send("maria at acme")
    assert "Type it again" in chat.last.plain
    await chat.send("maria@acme.com")
    assert "Saved." in chat.last.plain and "maria@acme.com" in chat.last.plain
    await chat.press("🚦 Stage")
    await chat.press("Request sent")
    assert "🚦 Request sent" in chat.last.plain
    [contact] = await repo(harness).all(chat.user_id)
    assert contact.stage is Stage.REQUEST_SENT and contact.email == "maria@acme.com"
    await chat.press("🗑 Delete")
    assert "can't be undone" in chat.last.plain
    await chat.press("Keep")
    await chat.press("🗑 Delete")
    await chat.press("🗑 Yes, delete")
    assert "Your network is empty" in chat.last.plain
    assert await repo(harness).all(chat.user_id) == []


async def test_export_import_round_trip(harness: Harness) -> None:
    alice, bob = harness.chat(1001), harness.chat(2002)
    await alice.send("/add Maria Lopez, Acme, engineer, maria@acme.com, linkedin.com/in/ml")
    await alice.press("✅ Save")
    await alice.press("🔗 Ask for intros")
    await alice.press("➕ They named someone")
    await alice.send("Sam Lee, Acme, +14085550100")
    await alice.press("🤐 No")
    for fmt, label in (("csv", "📊 CSV"), ("vcf", "📇 vCard")):
        await alice.send("/contacts")
        await alice.press("📤 Export")
        await alice.press(label)
        exported = alice.last.document
        assert exported is not None and exported.filename == f"contacts.{fmt}"
        await bob.send("/deletedata")
        await bob.press("Erase everything")
        await bob.send_document(exported.filename, exported.content)
        assert "Imported 2 contacts" in bob.last.plain

        def key(c, everyone):
            names = {x.id: x.name for x in everyone}
            fields = (c.name, c.organization, c.role, c.email, c.phone, c.url, c.stage)
            return (*fields, names.get(c.introduced_by or ""), c.may_use_name)

        theirs = await repo(harness).all(1001)
        mine = await repo(harness).all(2002)
        assert sorted(key(c, mine) for c in mine) == sorted(key(c, theirs) for c in theirs)
    # Importing one's own export again asks instead of doubling the list.
    await alice.send_document(exported.filename, exported.content)
    assert "already in your list" in alice.last.plain
    await alice.press("Leave them out")
    assert len(await repo(harness).all(1001)) == 2


async def test_export_from_the_export_command(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    await chat.send("/export")
    await chat.press("📊 Contacts (.csv)")
    assert chat.last.document is not None and b"Maria Lopez" in chat.last.document.content


async def test_one_student_never_sees_or_changes_anothers_contacts(harness: Harness) -> None:
    victim, attacker = harness.chat(1001), harness.chat(2002)
    await victim.send("/add Maria Lopez, Acme")
    await victim.press("✅ Save")
    [maria] = await repo(harness).all(1001)
    stolen = next(b for b in victim.last.buttons if b["text"] == "🗑 Delete")
    await attacker.send("/contacts")
    assert "Maria" not in attacker.last.plain
    events = await attacker.press_data(stolen["callback_data"], attacker.last)
    assert any("expired" in e.text for e in events if e.kind == "toast")
    codec = harness.app.bot_data["services"].codec
    for action in (("ct", "dy", maria.id), ("ct", "o", maria.id), ("cs", maria.id, "declined")):
        await attacker.press_data(codec.encode(2002, *action), attacker.last)
        assert "can't find that contact" in attacker.last.plain
    await attacker.press_data(codec.encode(2002, "ce", "e", maria.id, "name"), attacker.last)
    assert "can't find that contact" in attacker.last.plain
    [still] = await repo(harness).all(1001)
    assert still.stage is Stage.TO_CONTACT and still.name == "Maria Lopez"
