"""Regressions found by walking the contact flows as a student would on a phone: sharing a card
mid-/add, a half-added contact replaced by the next, an introduction with one bad value, the
card's introduction chain, brainstorm replies without names, ways out of every typing prompt,
and spreadsheets saved by Excel."""

from __future__ import annotations

from tests.fakes.harness import Harness


def repo(h: Harness):
    return h.app.bot_data["services"].contacts


async def test_a_contact_shared_at_the_name_question_is_taken(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add")
    assert "share a contact from your phone" in chat.last.plain
    await chat.send_contact("14085550100", "Pat", "Kim")  # was: "Type your answer."
    assert "Got Pat Kim with their number" in chat.messages[-2].plain
    assert "Where do you know Pat Kim from?" in chat.last.plain
    await chat.press("✅ Save now")
    [saved] = await repo(harness).all(chat.user_id)
    assert (saved.name, saved.phone) == ("Pat Kim", "+14085550100")


async def test_starting_someone_new_keeps_the_half_added_contact(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add")
    await chat.send("Ana Diaz")
    await chat.press("🤝 Friends")
    await chat.send("Globex")
    await chat.send("/add Sam Lee, Initech")  # was: Ana, her circle and Globex silently lost
    assert "I saved Ana Diaz as far as you got" in chat.messages[-2].plain
    await chat.press("✅ Save")
    saved = {c.name: c for c in await repo(harness).all(chat.user_id)}
    assert (saved["Ana Diaz"].circle, saved["Ana Diaz"].organization) == ("friends", "Globex")
    assert saved["Sam Lee"].organization == "Initech"


async def test_typing_the_same_person_again_replaces_the_draft(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Ana Diaz, Globx")
    await chat.send("/add Ana Diaz, Globex, analyst")  # a correction, not a second person
    assert "I saved" not in chat.messages[-2].plain
    await chat.press("✅ Save")
    [saved] = await repo(harness).all(chat.user_id)
    assert (saved.organization, saved.role) == ("Globex", "analyst")


async def test_one_line_fix_asks_the_name_without_pointing_at_missing_buttons(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await chat.send("/add 12345, Acme")
    assert "one thing to fix" in chat.messages[-2].plain
    assert "A name needs at least one letter" in chat.last.plain
    assert "What's their name?" in chat.last.plain
    assert "Brainstorm" not in chat.last.plain and "Brainstorm" not in " ".join(chat.buttons())
    await chat.send("Jo Park")
    await chat.press("✅ Save")
    [saved] = await repo(harness).all(chat.user_id)
    assert (saved.name, saved.organization) == ("Jo Park", "Acme")


async def test_a_flawed_shared_number_is_reasked_with_its_reason(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send_contact("4085550100", "Lou")  # a local number, no country code
    await chat.press("Skip")  # circle
    for _ in range(3):  # organization, role, email
        await chat.press("Skip")
    assert "Their phone number?" in chat.last.plain
    assert "starting with + and the country code" in chat.last.plain
    assert "Now: 4085550100" in chat.last.plain


async def test_introduction_with_a_bad_email_reasks_only_the_email(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    await chat.press("🔗 Ask for intros")
    await chat.press("➕ They named someone")
    assert "◀ Back to card" in chat.buttons()
    await chat.send("Sam Lee, Globex, test engineer, sam@globex")
    assert "Type Sam Lee's email again" in chat.last.plain  # was: retype the whole line
    await chat.send("not an email either")
    assert "Type Sam Lee's email again" in chat.last.plain
    await chat.send("sam@globex.com")
    await chat.press("✅ Yes")
    sam = next(c for c in await repo(harness).all(chat.user_id) if c.name == "Sam Lee")
    assert (sam.organization, sam.role, sam.email) == ("Globex", "test engineer", "sam@globex.com")


async def test_introduction_flawed_value_can_be_skipped(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    await chat.press("🔗 Ask for intros")
    await chat.press("➕ They named someone")
    await chat.send("Sam Lee, Globex, sam@globex")
    await chat.press("Skip")
    assert "mention Maria Lopez's name" in chat.last.plain
    await chat.press("🤐 No")
    sam = next(c for c in await repo(harness).all(chat.user_id) if c.name == "Sam Lee")
    assert (sam.organization, sam.email, sam.may_use_name) == ("Globex", "", False)


async def test_card_names_the_introducer_and_shows_the_whole_chain(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    for introducer, person in (("Maria Lopez", "Sam Lee"), ("Sam Lee", "Kim Park")):
        await chat.press("🔗 Ask for intros")
        await chat.press("➕ They named someone")
        await chat.send(person)
        assert f"mention {introducer}'s name" in chat.last.plain
        await chat.press("✅ Yes")
    card = chat.last.plain
    assert "Introduced by Sam Lee (chain: Maria Lopez → Sam Lee → Kim Park)" in card
    assert "You may mention Sam Lee's name" in card  # was: "their name" (whose?)
    assert "Introduced by someone" not in card  # the circle no longer repeats the chain


async def test_brainstorm_says_when_it_caught_no_names(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add")
    await chat.press("🧠 Brainstorm instead")
    await chat.send("🙂")
    assert "I didn't catch a name" in chat.last.plain  # was: "already on your list"
    await chat.send("Mom, Dad")
    await chat.send("mom")
    assert "mom is already on your list" in chat.last.plain
    assert "Skipped" not in chat.last.plain


async def test_edit_prompts_offer_a_way_back_and_clearing(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme, maria@acme.com")
    await chat.press("✅ Save")
    await chat.press("✏️ Edit")
    await chat.press("Email")
    assert chat.buttons() == ["🧹 Clear email", "◀ Back to card"]
    await chat.send("oops")
    assert "Back to card" in chat.last.plain and chat.buttons() == ["◀ Back to card"]
    await chat.press("◀ Back to card")
    assert "✉️ maria@acme.com" in chat.last.plain
    await chat.send("typed after leaving")  # the prompt is really over
    [contact] = await repo(harness).all(chat.user_id)
    assert contact.email == "maria@acme.com"
    await chat.press("✏️ Edit")
    await chat.press("Email")
    await chat.press("🧹 Clear email")
    assert "Email cleared" in chat.last.plain
    [contact] = await repo(harness).all(chat.user_id)
    assert contact.email == ""
    await chat.press("💬 Log")
    assert chat.buttons() == ["◀ Back to card"]


async def test_export_menu_leads_back_to_the_list(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    await chat.send("/contacts")
    await chat.press("📤 Export")
    await chat.press("◀ Back to list")
    assert "Your network — 1 person" in chat.last.plain


async def test_list_does_not_repeat_the_stage_as_a_reason(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme")
    await chat.press("✅ Save")
    assert "Next: ask them for an informational interview" in chat.last.plain  # on the card
    await chat.send("/contacts")
    assert "Maria Lopez · Acme — To contact" in chat.last.plain
    assert "informational interview" not in chat.last.plain and "Not contacted" not in (
        chat.last.plain
    )


EXCEL_CSV = (
    "First Name;Last Name;Company;Job Title;E-mail Address;Mobile Phone;Notes\r\n"
    "José;Núñez;Acme;Engineer;jose@acme.com;+1 408 555 0101;met at fair\r\n"
    "Ana;Díaz;Globex;Analyst;ana@;+1 408 555 0102;\r\n"
    ";;NoName Co;;;;\r\n"
).encode("cp1252")


async def test_a_spreadsheet_saved_by_excel_imports_with_phones(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send_document("contacts.csv", EXCEL_CSV, "text/csv")
    report = chat.last.plain
    assert "Imported 2 contacts" in report
    assert "I skipped 1 row I couldn't read" in report  # was: "1 card"
    assert "Check 1 value that looks off" in report
    people = {c.name: c for c in await repo(harness).all(chat.user_id)}
    assert people["José Núñez"].phone == "+14085550101"  # was: "Jos� N��ez", no phone
    assert people["Ana Díaz"].phone == "+14085550102"


async def test_a_card_with_long_notes_and_history_still_opens(harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme Robotics, hardware engineer, maria@acme.com")
    await chat.press("✅ Save")
    for text in ("We talked about robotics. " * 100, "Second call went well. " * 100):
        await chat.press("💬 Log")
        await chat.send(text.strip())
        assert "something went wrong" not in chat.last.plain
    await chat.send("/contacts")
    await chat.press("1. Maria Lopez")
    assert chat.last.plain.startswith("Maria Lopez")
    assert "…" in chat.last.plain  # long entries are shortened on the card, kept in full in storage


async def test_cards_and_confirmations_show_phones_readably(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Maria Lopez, Acme, engineer, +14085550100")
    assert "📞 +1 408-555-0100" in chat.last.plain  # was: +14085550100
    await chat.press("✅ Save")
    assert "📞 +1 408-555-0100" in chat.last.plain
    [saved] = await repo(harness).all(chat.user_id)
    assert saved.phone == "+14085550100"
    await chat.press("✏️ Edit")
    await chat.press("Phone")
    assert "Now: +1 408-555-0100" in chat.last.plain


async def test_a_local_number_without_a_region_says_how_to_write_it(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Dan Wu, Acme, 408 555 0199")
    assert "Write it starting with + and the country code, e.g. +1 408 555 0100" in chat.last.plain
    assert "if it's not local" not in chat.last.plain  # local numbers aren't accepted here
    await chat.send("+1 408 555 0199")
    await chat.press("✅ Save")
    [saved] = await repo(harness).all(chat.user_id)
    assert saved.phone == "+14085550199"


async def test_an_email_with_a_space_is_explained_plainly(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add Dan Wu, Acme")
    await chat.press("✅ Save")
    await chat.press("✏️ Edit")
    await chat.press("Email")
    await chat.send("dan wu@acme.com")
    assert "can't contain spaces or commas" in chat.last.plain
    assert "@-sign" not in chat.last.plain


async def test_import_reports_the_spreadsheet_row_number(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send_document("contacts.csv", EXCEL_CSV, "text/csv")
    assert "row 4: no name" in chat.last.plain  # header is row 1; was "row 3"
