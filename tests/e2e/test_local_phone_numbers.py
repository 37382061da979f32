"""A local phone number is read in the student's own country, which their city (stored as a time
zone) tells; without one, the +country form is asked for, saying why."""

from __future__ import annotations

from bot.features.profile.content import resolve_timezone
from bot.features.profile.domain.profile import Profile
from tests.fakes.harness import Harness

UID = 1001


async def _student_in(harness: Harness, city: str) -> None:
    profile = Profile(name="Maya Chen", timezone=resolve_timezone(city), onboarded=True)
    await harness.app.bot_data["services"].profiles.save(UID, profile)


def _contacts(harness: Harness):
    return harness.app.bot_data["services"].contacts


async def test_a_pittsburgh_student_types_a_local_number(harness: Harness) -> None:
    await _student_in(harness, "Pittsburgh")  # America/New_York
    chat = harness.chat()
    await chat.send("/add Dan Wu, Acme, 412 555 0199")
    assert "📞 +1 412-555-0199" in chat.last.plain
    await chat.press("✅ Save")
    [dan] = await _contacts(harness).all(UID)
    assert dan.phone == "+14125550199"

    await chat.press("✏️ Edit")  # the card's edit asks with the same region
    await chat.press("Phone")
    await chat.send("(412) 555-0123")
    assert (await _contacts(harness).get(UID, dan.id)).phone == "+14125550123"


async def test_the_guided_add_and_a_shared_card_take_local_numbers(harness: Harness) -> None:
    await _student_in(harness, "Berlin")
    chat = harness.chat()
    await chat.send_contact("030 901820", "Lena", "Vogel")  # saved locally in the address book
    assert "Got Lena Vogel with their number" in chat.messages[-2].plain
    await chat.press("✅ Save now")
    await chat.send("/add")
    await chat.send("Jonas Weber")
    for _ in range(4):  # circle, organization, role, email
        await chat.press("Skip")
    assert "With the country code if it's not local" in chat.last.plain
    await chat.send("0171 1234567")
    await chat.press("✅ Save now")
    phones = {c.name: c.phone for c in await _contacts(harness).all(UID)}
    assert phones == {"Lena Vogel": "+4930901820", "Jonas Weber": "+491711234567"}


async def test_without_a_city_the_country_code_is_asked_for_with_the_reason(
    harness: Harness,
) -> None:
    await _student_in(harness, "UTC")  # a zone, but no country
    chat = harness.chat()
    await chat.send("/add Dan Wu, Acme, 412 555 0199")
    assert "your profile doesn't say where you are yet" in chat.last.plain
    assert "Write it starting with + and the country code, e.g. +1 408 555 0100" in chat.last.plain
    assert "add your city in /profile" in chat.last.plain
    await chat.send("+1 412 555 0199")
    await chat.press("✅ Save")
    [dan] = await _contacts(harness).all(UID)
    assert dan.phone == "+14125550199"


async def test_an_imported_spreadsheet_reads_local_numbers_in_the_students_country(
    harness: Harness,
) -> None:
    await _student_in(harness, "Pittsburgh")
    chat = harness.chat()
    data = b"Name,Phone\r\nAna Diaz,412 555 0100\r\nBen Okafor,+44 20 7946 0958\r\n"
    await chat.send_document("people.csv", data, "text/csv")
    assert "Imported 2 contacts" in chat.last.plain
    phones = {c.name: c.phone for c in await _contacts(harness).all(UID)}
    assert phones == {"Ana Diaz": "+14125550100", "Ben Okafor": "+442079460958"}
