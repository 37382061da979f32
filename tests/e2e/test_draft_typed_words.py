"""/draft writes what the student typed as a careful counselor would: "priya shah" at "intuit",
"CS senior @ UC Davis" and "how u moved" are typed in a hurry on a phone, and a draft that kept
them would have to be fixed before it could be sent."""

from __future__ import annotations

from bot.features.contacts.domain import ContactDraft
from bot.features.profile.domain.profile import Profile
from tests.fakes.harness import Harness
from tests.support.students import UID


async def _kevin(h: Harness) -> None:
    services = h.app.bot_data["services"]
    profile = Profile(
        name="Kevin Tran",
        degree="CS senior @ UC Davis",
        timezone="America/Los_Angeles",
        onboarded=True,
    )
    await services.profiles.save(UID, profile)
    priya = ContactDraft(
        name="priya shah",
        organization="intuit",
        role="sr software eng",
        field="payments",
        circle="coworkers",
    )
    await services.contacts.add(UID, priya)


async def _draft(h: Harness, kind: str) -> str:
    chat = h.chat()
    await chat.send("/draft")
    await chat.press(kind)
    await chat.press("Priya Shah · Intuit")  # kept with its capitals since it was added
    await chat.send("hear how u moved from backend work into payments")
    return chat.last.plain


async def test_a_note_typed_in_a_hurry_reads_as_a_counselor_would_write_it(
    harness: Harness,
) -> None:
    await _kevin(harness)
    note = await _draft(harness, "LinkedIn connection note")
    assert "Hello Priya," in note
    assert "I'm Kevin Tran, a CS senior at UC Davis." in note
    assert "to hear how you moved from backend work into payments?" in note
    assert "I'm happy to talk by phone or video, whenever suits you." in note
    for typed in ("Hello priya", "studying CS senior", "@", " u ", "Phone or video,"):
        assert typed not in note


async def test_a_warmer_email_says_its_offer_of_a_call_as_a_sentence(harness: Harness) -> None:
    await _kevin(harness)
    await _draft(harness, "Interview request (email)")
    chat = harness.chat()
    await chat.press("Warmer")
    warmer = chat.last.plain
    assert "Hi Priya," in warmer and "what drew you to Intuit." in warmer
    assert "Whatever suits you works for me: phone, video or in person." in warmer
    assert "Phone, video or in person, whenever suits you." not in warmer


async def test_a_contact_typed_in_lower_case_is_kept_with_its_capitals(harness: Harness) -> None:
    """Every screen showed "omar haddad" and "kaiser permanente", and an objective suggested from
    them ("…at kaiser permanente") went into the email as typed."""
    await _kevin(harness)
    chat = harness.chat()
    await chat.send("/add omar haddad, kaiser permanente, informatics lead")
    assert "Omar Haddad · informatics lead, Kaiser Permanente" in chat.last.plain
    await chat.press("✅ Save")
    services = harness.app.bot_data["services"]
    [omar] = [c for c in await services.contacts.all(UID) if c.name.startswith("Omar")]
    assert (omar.name, omar.organization) == ("Omar Haddad", "Kaiser Permanente")
