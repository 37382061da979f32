"""/debrief: notes (typed or voice), referrals saved as introduced contacts, then the thank-you."""

from __future__ import annotations

from pathlib import Path

from bot.features.contacts.domain import Stage
from tests.fakes.harness import Harness, start_harness, stop_harness
from tests.fakes.transcriber import ScriptedTranscriber
from tests.support.students import UID, setup_student


async def test_referrals_become_introduced_contacts(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    assert "What did you talk about?" in chat.last.plain  # no prep: free notes
    await chat.send("Informatics teams hire from both clinical and CS backgrounds")
    await chat.send("her advice to join AMIA")
    await chat.send("Priya Shah, Stanford Health")
    await chat.press("Yes")
    assert "Added Priya Shah (Stanford Health), introduced by Dana Lopez" in chat.messages[-2].plain
    await chat.send("   ")  # not a name: explained, asked again
    await chat.send("Lee Wong")
    await chat.press("No")
    await chat.press("That's everyone")
    await chat.press("Skip")

    people = {c.name: c for c in await services.contacts.all(UID)}
    assert people["Priya Shah"].introduced_by == dana.id
    assert people["Priya Shah"].may_use_name is True
    assert people["Priya Shah"].organization == "Stanford Health"
    assert people["Lee Wong"].introduced_by == dana.id
    assert people["Lee Wong"].may_use_name is False
    assert people["Dana Lopez"].stage is Stage.INTERVIEWED
    interview = await services.interviews.latest_for_contact(UID, dana.id)
    assert [r.name for r in interview.referrals] == ["Priya Shah", "Lee Wong"]
    assert "Informatics teams hire" in interview.free_notes
    assert "her advice to join AMIA" in chat.last.plain  # the thank-you uses the highlight
    assert "Priya Shah, Lee Wong" in chat.messages[-2].plain


async def test_voice_note_without_transcription_asks_for_a_typed_line(harness: Harness) -> None:
    await setup_student(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.send_voice(42)
    assert "type one line with the highlight" in chat.last.plain
    interview = (
        await harness.app.bot_data["services"].interviews.for_contact(
            UID, (await harness.app.bot_data["services"].contacts.all(UID))[0].id
        )
    )[-1]
    assert interview.free_notes == "voice note, 42 s"
    await chat.send("x")
    assert "one line (3–200 characters)" in chat.last.plain
    await chat.press("Skip")
    assert "recommend anyone else" in chat.last.plain


async def test_voice_note_is_transcribed_when_a_backend_is_configured(tmp_path: Path) -> None:
    transcriber = ScriptedTranscriber().script("She said to learn SQL first")
    h = await start_harness(tmp_path / "data", transcriber=transcriber)
    dana = await setup_student(h)
    services = h.app.bot_data["services"]
    await services.interviews.create(UID, dana.id, "learn the field", ("How did you start?",))
    chat = h.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    assert "1/1 How did you start?" in chat.last.plain
    await chat.send_voice(30, b"OggS-audio")
    assert transcriber.received == [b"OggS-audio"]
    assert "She said to learn SQL first" in chat.messages[-2].plain
    interview = await services.interviews.latest_for_contact(UID, dana.id)
    assert interview.notes[0].answer == "She said to learn SQL first"
    assert "type one line" not in chat.last.plain
    await stop_harness(h)
    assert not h.spec.violations and not h.unanswered_callbacks()


async def test_debrief_resumes_after_cancel(harness: Harness) -> None:
    await setup_student(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.send("Lots about EHR rollouts")
    await chat.send("/cancel")
    assert "Paused your debrief" in chat.last.plain
    await chat.send("/debrief")
    assert "one thing Dana Lopez said" in chat.last.plain


async def test_typing_no_one_is_not_taken_for_a_name(harness: Harness) -> None:
    await setup_student(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.send("Notes")
    await chat.press("Skip")
    await chat.send("No one")
    assert "Any next steps?" in chat.last.plain
    assert len(await harness.app.bot_data["services"].contacts.all(UID)) == 1


async def test_typing_while_the_may_use_question_is_open_asks_it_again(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    await setup_student(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.press("Done with notes")
    await chat.send("She said SQL and Tableau matter most")
    await chat.send("how clinicians adopt new dashboards")  # a note, not a person
    assert "reads like a sentence" in chat.last.plain
    await chat.send("Sam Ortiz, Stanford Health Care")
    await chat.send("Lee Park, UCSF")  # before answering about Sam
    assert "First, one tap about Sam Ortiz" in chat.last.plain
    assert chat.buttons() == ["Yes", "No", "I didn't ask"]
    await chat.press("Yes")
    await chat.send("Lee Park, UCSF")
    await chat.press("No")
    await chat.press("That's everyone")
    await chat.press("Skip")
    names = {c.name for c in await services.contacts.all(UID)}
    assert names == {"Dana Lopez", "Sam Ortiz", "Lee Park"}
    assert "your point that SQL and Tableau matter most" in chat.last.plain


async def test_next_steps_add_up_one_message_at_a_time_until_done(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.press("Done with notes")
    await chat.send("She said SQL and Tableau matter most")
    await chat.press("No one")
    assert chat.buttons() == ["Skip"]
    await chat.send("Join AMIA")  # the first step alone must not end the debrief
    assert "Next steps so far" in chat.last.plain and "• Join AMIA" in chat.last.plain
    assert chat.buttons() == ["✅ Done"]
    await chat.send("- Ask Priya for 20 minutes\nSend my resume for feedback\nJoin AMIA")
    assert "• Send my resume for feedback" in chat.last.plain
    interview = await services.interviews.latest_for_contact(UID, dana.id)
    assert interview.next_steps == ()  # nothing saved until Done
    await chat.press("✅ Done")
    assert "Thank-you note for Dana Lopez" in chat.last.plain
    interview = await services.interviews.latest_for_contact(UID, dana.id)
    assert interview.next_steps == (
        "Join AMIA",
        "Ask Priya for 20 minutes",
        "Send my resume for feedback",
    )


async def test_next_steps_survive_a_pause(harness: Harness) -> None:
    await setup_student(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.press("Done with notes")
    await chat.send("She said SQL and Tableau matter most")
    await chat.press("No one")
    await chat.send("Join AMIA")
    await chat.send("/cancel")
    await chat.send("/debrief")
    assert "• Join AMIA" in chat.last.plain
    assert chat.buttons() == ["✅ Done"]
