"""/draft addresses people as the student says: "More formal" asks a title once, never guesses.

And the follow-up is offered only for someone a request went to; otherwise the request is.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.features.contacts.domain import Contact, ContactDraft, Stage
from tests.fakes.harness import Harness, start_harness, stop_harness
from tests.fakes.llm import ScriptedLLM
from tests.support.students import UID, setup_student

OMAR = ContactDraft(
    name="Omar Haddad", organization="Apple", role="hardware engineer", circle="alumni"
)
CHOICES = ["Dr.", "Prof.", "Mr.", "Ms.", "Mx.", "Use their first name", "Not sure"]


async def _omar(h: Harness) -> Contact:
    await setup_student(h)
    return await h.app.bot_data["services"].contacts.add(UID, OMAR)


async def _stored(h: Harness, contact_id: str) -> Contact:
    contact = await h.app.bot_data["services"].contacts.get(UID, contact_id)
    assert contact is not None
    return contact


async def _request_to_omar(h: Harness) -> None:
    chat = h.chat()
    await chat.send("/draft")
    await chat.press("Interview request (email)")
    await chat.press("Omar Haddad · Apple")
    await chat.send("learn what hardware teams look for in new graduates")


async def test_more_formal_asks_the_title_once_and_every_later_draft_uses_it(
    harness: Harness,
) -> None:
    omar = await _omar(harness)
    chat = harness.chat()
    await _request_to_omar(harness)
    assert "Hello Omar," in chat.last.plain
    await chat.press("More formal")
    question = chat.last
    assert "How should a formal message address Omar Haddad?" in question.plain
    assert "won't guess a title or a gender" in question.plain
    assert chat.buttons(question) == CHOICES
    await chat.press("Dr.")
    assert (await _stored(harness, omar.id)).salutation == "Dr."
    formal = chat.last
    assert "Dear Dr. Haddad," in formal.plain and "Sincerely," in formal.plain
    assert not chat.buttons(question), "the question's buttons are gone once answered"
    assert all("Dear Omar Haddad" not in m.plain for m in chat.messages)
    assert any(
        "formal messages to Omar Haddad open with Dear Dr. Haddad," in m.plain
        for m in chat.messages[-3:]
    )

    # Asked once: every later draft to Omar addresses him the same way, in any tone.
    await chat.send("/draft")
    await chat.press("Thank-you note")
    await chat.press("Omar Haddad · Apple")
    await chat.press("Skip")
    thanks = chat.last
    assert "Hello Dr. Haddad," in thanks.plain
    await chat.press("More formal", thanks)
    assert chat.last is thanks and "Dear Dr. Haddad," in thanks.plain  # no second question
    assert "How should a formal message" not in chat.messages[-1].plain


async def test_the_title_question_reads_typed_answers_and_cancel_resumes_it(
    harness: Harness,
) -> None:
    omar = await _omar(harness)
    chat = harness.chat()
    await _request_to_omar(harness)
    await chat.press("More formal")
    await chat.send("/cancel")
    assert "Paused the draft" in chat.last.plain
    await chat.send("/draft")
    assert "paused draft: Interview request (email) for Omar Haddad" in chat.last.plain
    await chat.press("Continue")
    assert "How should a formal message address Omar Haddad?" in chat.last.plain
    await chat.send("a nice man")
    assert "I didn't catch a title there" in chat.last.plain
    assert (await _stored(harness, omar.id)).salutation == ""
    await chat.send("not sure")
    assert (await _stored(harness, omar.id)).salutation == "not sure"
    note = next(m for m in chat.messages[-3:] if "No problem." in m.plain)
    assert "without guessing a title or a gender" in note.plain
    draft = chat.last
    assert "Hello Omar Haddad," in draft.plain and "Sincerely," in draft.plain
    assert not any(t in draft.plain for t in ("Mr.", "Ms.", "Dear Omar Haddad"))


async def test_a_title_in_the_name_is_used_without_asking(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    await setup_student(harness)
    await services.contacts.add(
        UID, ContactDraft(name="Dr. Alan Brooks", organization="SJSU", circle="faculty")
    )
    chat = harness.chat()
    await chat.send("/draft")
    await chat.press("Interview request (email)")
    await chat.press("Dr. Alan Brooks · SJSU")
    await chat.press("1")
    draft = chat.last
    await chat.press("More formal")
    assert chat.last is draft and "Dear Dr. Brooks," in draft.plain


async def test_the_card_shows_and_changes_the_greeting(harness: Harness) -> None:
    omar = await _omar(harness)
    chat = harness.chat()
    await chat.send("/contacts omar")
    await chat.press("Omar Haddad")
    await chat.press("✏️ Edit")
    await chat.press("🎩 Greeting")
    assert "How should a formal message address Omar Haddad?" in chat.last.plain
    await chat.press("Ms.")
    assert "formal messages to Omar Haddad open with Dear Ms. Haddad," in chat.last.plain
    assert (await _stored(harness, omar.id)).salutation == "Ms."
    await chat.send("/contacts omar")
    await chat.press("Omar Haddad")
    assert "🎩 Formal greeting: Ms. Haddad" in chat.last.plain


CLAUDE_GUESSES = (
    "Subject: A question about hardware\n\n"
    "Dear Mr. Haddad,\n\nI found you through the alumni network. I'm Maya Chen, a BS Computer "
    "Science student.\n\nI would be grateful for 20 minutes of your time to learn what hardware "
    "teams look for in new graduates. Phone, video or in person, at your convenience.\n\n"
    "Sincerely,\nMaya Chen\nBS Computer Science"
)


async def test_claude_receives_the_chosen_salutation_and_cannot_guess_one(
    tmp_path: Path,
) -> None:
    llm = ScriptedLLM().script(CLAUDE_GUESSES, CLAUDE_GUESSES)
    h = await start_harness(tmp_path / "data", llm=llm)
    try:
        omar = await _omar(h)
        await h.app.bot_data["services"].contacts.set_field(UID, omar.id, "salutation", "Dr.")
        chat = h.chat()
        await _request_to_omar(h)
        await chat.press("More formal")
        shown = chat.last.plain
        assert "Dear Dr. Haddad," in shown and "Mr. Haddad" not in shown
        data = json.loads(llm.calls[-1].variables["data_json"])
        assert data["greeting"] == "Dear Dr. Haddad," and data["tone"] == "more formal"
        assert data["contact_first_name"] == "Dr. Haddad"
    finally:
        await stop_harness(h)
    assert not h.spec.violations and not h.unanswered_callbacks()


async def test_follow_up_is_offered_only_after_a_request_and_offers_the_request_instead(
    harness: Harness,
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    omar = await services.contacts.add(UID, OMAR)
    await services.contacts.set_stage(UID, omar.id, Stage.REQUEST_SENT)  # Omar waits on a reply
    chat = harness.chat()
    await chat.send("/help")
    card_button = services.codec.encode(UID, "go", "draft", dana.id)
    await chat.press_data(card_button, chat.last)
    assert "What would you like to write to Dana Lopez?" in chat.last.plain
    assert "Follow-up (no reply)" not in chat.buttons()  # nothing was ever sent to Dana
    assert "Interview request (email)" in chat.buttons()
    await chat.send("/cancel")
    await chat.press_data(services.codec.encode(UID, "go", "draft", omar.id), chat.last)
    assert "Follow-up (no reply)" in chat.buttons()  # Omar was written to
    await chat.send("/cancel")

    # Typing a name in the follow-up picker still reaches Dana: she is offered the request.
    await chat.send("/draft")
    await chat.press("Follow-up (no reply)")
    assert chat.buttons() == ["Omar Haddad · Apple", "➕ Someone new"]
    await chat.send("Dana")
    await chat.press("Dana Lopez · Kaiser Permanente")
    assert "haven't sent Dana Lopez a request yet" in chat.last.plain
    assert chat.buttons() == [
        "✉️ Write the request first",
        "LinkedIn message",
        "Phone script",
        "👥 Follow up with someone else",
    ]
    await chat.send("/cancel")  # the choice waits for them
    await chat.send("/draft")
    await chat.press("Continue")
    assert "haven't sent Dana Lopez a request yet" in chat.last.plain
    await chat.press("✉️ Write the request first")
    assert "What do you hope to learn from Dana Lopez?" in chat.last.plain
    await chat.press("1")
    assert "Interview request (email)" in chat.last.plain
    assert "May I have 20 minutes" in chat.last.plain
    kept = await services.drafts.for_contact(UID, dana.id)
    assert [d.kind.value for d in kept] == ["request_email"]  # no follow-up was drafted

    await chat.send("/draft")
    await chat.press("Follow-up (no reply)")
    await chat.send("Dana")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.press("👥 Follow up with someone else")
    assert "Who are you following up with?" in chat.last.plain
    await chat.press("Omar Haddad · Apple")
    assert "What do you hope to learn from Omar Haddad?" in chat.last.plain


async def test_more_formal_on_an_old_draft_keeps_the_draft_in_progress(harness: Harness) -> None:
    """Asking the title there replaced a half-finished /draft for someone else; now the old
    draft is written without a title, the student is told where to set one, and the other
    /draft carries on where it stood."""
    await _omar(harness)
    chat = harness.chat()
    await _request_to_omar(harness)
    old_draft = chat.last
    await chat.send("/draft")
    await chat.press("Phone script")
    await chat.press("Dana Lopez · Kaiser Permanente")
    assert "What do you hope to learn from Dana Lopez?" in chat.last.plain
    await chat.press("More formal", old_draft)
    assert "Hello Omar Haddad," in old_draft.plain  # rewritten in place, no title guessed
    assert "tap 🎩 Greeting under ✏️ Edit" in chat.last.plain
    await chat.send("learn how you moved from nursing into health informatics")
    assert "Phone script" in chat.last.plain and "Dana" in chat.last.plain
    assert not harness.unanswered_callbacks()
