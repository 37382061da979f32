"""/prep: objective, question selection and editing, dates in plain words, the calendar file."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from bot.features.contacts.domain import Stage
from tests.fakes.harness import Harness, start_harness, stop_harness
from tests.fakes.llm import ScriptedLLM
from tests.support.students import UID, setup_student


async def _to_questions(h: Harness) -> None:
    chat = h.chats[0] if h.chats else h.chat()
    await chat.send("/prep")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.press("2")
    await chat.press("Skip for now")


async def test_questions_come_from_the_bank_and_can_be_edited(harness: Harness) -> None:
    dana = await setup_student(harness)
    await _to_questions(harness)
    chat = harness.chats[0]
    services = harness.app.bot_data["services"]
    interview = await services.interviews.latest_for_contact(UID, dana.id)
    bank = services.questions
    assert "understand what a typical week looks like" in interview.objective
    titles = {q.text: q.category for q in bank.questions}
    categories = {titles[q] for q in interview.questions if q in titles}
    assert {"field", "organization", "growth", "closing"} <= categories
    assert not any(q.sensitive and q.text in interview.questions for q in bank.questions)
    tailored = [q for q in interview.questions if q not in titles]
    assert tailored and any("informatics" in q.lower() or "Kaiser" in q for q in tailored)
    count = len(interview.questions)

    listing = chat.last
    await chat.press("🗑 Remove")
    assert "Which one should I remove?" in chat.last.plain
    await chat.press("1")
    assert chat.last is listing  # edited in place
    interview = await services.interviews.get(UID, interview.id)
    assert len(interview.questions) == count - 1

    await chat.press("✏️ Replace")
    await chat.press("2")
    await chat.send("Could you tell me about hiring me for a role")
    assert "asks for a job" in chat.last.plain
    await chat.send("What surprised you most about moving from nursing into informatics")
    interview = await services.interviews.get(UID, interview.id)
    assert interview.questions[1] == (
        "What surprised you most about moving from nursing into informatics?"
    )

    await chat.press("➕ Add")
    await chat.send("Which EHR systems should I learn first?")
    interview = await services.interviews.get(UID, interview.id)
    assert interview.questions[-1] == "Which EHR systems should I learn first?"
    assert "Which EHR systems should I learn first?" in chat.last.plain


async def test_bad_dates_are_explained_and_asked_again(harness: Harness) -> None:
    dana = await setup_student(harness)
    await _to_questions(harness)
    chat = harness.chats[0]
    await chat.press("✅ These are good")
    await chat.send("whenever works")
    assert "couldn't read that as a date" in chat.last.plain
    await chat.send("next Tuesday")
    assert "What time?" in chat.last.plain
    await chat.send("yesterday at 3pm")
    assert "already passed" in chat.last.plain
    services = harness.app.bot_data["services"]
    assert (await services.contacts.get(UID, dana.id)).stage is Stage.TO_CONTACT
    await chat.send("Dec 3 at 14:30")
    await chat.press("💻 Video")
    assert "Video call" in chat.last.plain
    await chat.press("📅 Add to calendar")
    document = next(m.document for m in chat.messages if m.document is not None)
    assert document.filename == "interview-dana-lopez.ics"
    event = next(iter(Calendar.from_ical(document.content).walk("VEVENT")))
    assert event.decoded("dtstart").strftime("%Y-%m-%d %H:%M %Z") == "2026-12-03 14:30 PST"
    assert (await services.contacts.get(UID, dana.id)).stage is Stage.SCHEDULED


async def test_city_is_asked_when_the_profile_has_no_time_zone(harness: Harness) -> None:
    await setup_student(harness, timezone=None)
    await _to_questions(harness)
    chat = harness.chats[0]
    await chat.press("✅ These are good")
    assert "Which city are you in?" in chat.last.plain
    await chat.send("Atlantis Under The Sea")
    assert "Which city are you in?" in chat.last.plain
    await chat.send("Berlin")
    assert "When are you meeting Dana Lopez?" in chat.last.plain
    await chat.send("tomorrow 10am")
    assert "Saturday 28 November, 10:00" in chat.messages[-2].plain
    profile = await harness.app.bot_data["services"].profiles.get(UID)
    assert profile.timezone == "Europe/Berlin"


async def test_date_can_wait_and_prep_resumes_after_cancel(harness: Harness) -> None:
    await setup_student(harness)
    chat = harness.chat()
    await chat.send("/prep")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.send("hear how you chose informatics over bedside nursing")
    await chat.send("/cancel")
    assert "Paused your prep" in chat.last.plain
    await chat.send("/prep")
    assert "ten minutes of research on Dana Lopez" in chat.last.plain  # resumed at its step
    await chat.press("Skip for now")
    assert "Your questions" in chat.last.plain
    await chat.press("✅ These are good")
    await chat.press("Not set yet")
    assert "When: not set yet" in chat.last.plain
    assert "Objective: hear how you chose informatics" in chat.last.plain
    assert "📅 Add to calendar" not in chat.buttons()
    assert not any(m.document for m in chat.messages)


async def test_saved_pitch_opens_the_prep_sheet(harness: Harness) -> None:
    await setup_student(harness)
    await harness.app.bot_data["services"].pitches.save_version(
        UID, "I'm Maya, a CS student who builds clinic tools.", target_seconds=60, source="manual"
    )
    await _to_questions(harness)
    chat = harness.chats[0]
    await chat.press("✅ These are good")
    await chat.press("Not set yet")
    await chat.press("🗣 Opener")
    assert "I'm Maya, a CS student who builds clinic tools." in chat.last.plain


async def test_claude_tailored_questions_are_validated(tmp_path: Path) -> None:
    llm = ScriptedLLM().script(
        {
            "questions": [
                "How did Kaiser's Epic rollout change your day?",
                "Are you hiring interns this summer?",
                "not a question",
            ]
        }
    )
    h = await start_harness(tmp_path / "data", llm=llm)
    dana = await setup_student(h)
    await _to_questions(h)
    interview = await h.app.bot_data["services"].interviews.latest_for_contact(UID, dana.id)
    assert interview.questions[0] == "How did Kaiser's Epic rollout change your day?"
    assert not any("hiring" in q for q in interview.questions)
    assert not any(q == "not a question" for q in interview.questions)
    assert llm.calls[0].kind == "parse"
    await stop_harness(h)
    assert not h.spec.violations and not h.unanswered_callbacks()
