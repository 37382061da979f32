"""The whole informational-interview path in one conversation: request, sent, prep, debrief,
thank-you — offline coach, real application, every Bot API request validated."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar

from bot.features.contacts.domain import ContactDraft, Stage
from bot.features.interviews.domain.interviews import Status
from bot.features.outreach.domain.kinds import DraftKind
from tests.fakes.harness import Harness
from tests.support.students import LA, UID, setup_student


async def test_request_sent_prep_debrief_thank_you(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    chat = harness.chat()

    # /draft: kind, contact, objective in the student's own words
    await chat.send("/draft")
    await chat.press("Interview request (email)")
    assert "Who is it for?" in chat.last.plain
    await chat.press("Dana Lopez · Kaiser Permanente")
    assert "What do you hope to learn from Dana Lopez?" in chat.last.plain
    await chat.send("learn how you moved from nursing into health informatics")
    request = chat.last
    assert "<pre>" in request.text and "<code>" in request.text  # copy on tap
    assert "I found you through the alumni network." in request.plain
    assert "May I have 20 minutes of your time to learn how you moved from nursing" in request.plain
    assert "phone" in request.plain and "video" in request.plain
    assert request.plain.count("Maya Chen") >= 2  # introduces and signs
    assert "BS Computer Science" in request.plain
    assert chat.buttons() == [
        "Shorter",
        "Warmer",
        "More formal",
        "Another version",
        "✅ I sent it",
    ]

    # "I sent it": stage and date recorded, draft stays on screen to copy
    await chat.press("✅ I sent it")
    contact = await services.contacts.get(UID, dana.id)
    assert contact.stage is Stage.REQUEST_SENT
    drafts = await services.drafts.for_contact(UID, dana.id)
    assert [d.kind for d in drafts if d.sent_at] == [DraftKind.REQUEST_EMAIL]
    assert drafts[0].sent_at == harness.clock.now()
    assert "Request sent" in chat.last.plain
    assert "May I have 20 minutes" in request.plain and not request.buttons

    # /prep via the button: the objective typed for the request is offered again
    await chat.press("📋 Prepare for it")
    assert "learn how you moved from nursing" in chat.last.plain
    await chat.press("Keep my objective")
    # research first: a checklist made for Dana, and one thing found becomes a question
    assert "ten minutes of research on Dana Lopez" in chat.last.plain
    assert "Kaiser Permanente's website and recent news" in chat.last.plain
    await chat.send("Kaiser's new virtual-care program")
    assert "Your questions" in chat.last.plain
    assert "1. I came across Kaiser's new virtual-care program while preparing." in (
        chat.last.plain
    )
    assert "may I mention your name" in chat.last.plain  # the closing ask is always there
    await chat.press("✅ These are good")
    await chat.send("next Tuesday 3pm")
    assert "Tuesday 1 December, 15:00" in chat.messages[-2].plain  # no leading zero
    await chat.press("🤝 In person")
    sheet_message = chat.last
    sheet = sheet_message.plain
    assert sheet.startswith("📋 Informational interview: Dana Lopez")
    assert "Tue 1 Dec 2026, 15:00" in sheet
    assert "1. I came across Kaiser's new virtual-care program while preparing." in sheet
    assert "thank-you note the same day" in sheet
    # One phone screen: a single short message; the rest is behind its buttons.
    assert not any(m.document for m in chat.messages)
    assert sheet.count("\n") + 1 <= 18 and len(sheet) <= 900, sheet
    assert chat.buttons() == [
        "📚 All questions",
        "🧳 Logistics",
        "🔎 Research",
        "🗣 Opener",
        "📅 Add to calendar",
        "📝 Debrief afterwards",
    ]
    await chat.press("🗣 Opener")
    assert "Hi, I'm Maya Chen, a BS Computer Science student." in chat.last.plain
    await chat.press("🧳 Logistics", message=sheet_message)
    assert "Bring a copy of your resume" in chat.last.plain
    assert "20–30 minutes" in chat.last.plain
    await chat.press("📅 Add to calendar", message=sheet_message)
    ics = next(m for m in chat.messages if m.document is not None)
    calendar = Calendar.from_ical(ics.document.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 15, 0, tzinfo=LA)
    assert "Dana Lopez" in str(event.get("summary"))
    contact = await services.contacts.get(UID, dana.id)
    assert contact.stage is Stage.SCHEDULED
    assert contact.scheduled_for == datetime(2026, 12, 1, 15, 0, tzinfo=LA)

    # /debrief via the prep sheet's button
    harness.clock.advance(days=4, hours=8)  # Tuesday 17:00: the 15:00 meeting is over
    await chat.press("📝 Debrief afterwards")
    assert "1/" in chat.last.plain
    await chat.send("She moved over after a hospital EHR rollout")
    await chat.press("Skip")
    await chat.press("Done with notes")
    await chat.send("joining AMIA as a student member")
    await chat.send("Priya Shah, Stanford Health")
    assert "Can you mention Dana Lopez's name" in chat.last.plain
    await chat.press("Yes")
    await chat.press("That's everyone")
    await chat.send("Join AMIA\nAsk Priya for 20 minutes")
    assert "Next steps so far" in chat.last.plain
    await chat.press("✅ Done")

    thank_you = chat.last
    assert "Thank-you note for Dana Lopez" in thank_you.plain
    assert "joining AMIA as a student member" in thank_you.plain
    interview = await services.interviews.latest_for_contact(UID, dana.id)
    assert interview.status is Status.DONE
    assert interview.highlight == "joining AMIA as a student member"
    assert interview.notes[0].answer == "She moved over after a hospital EHR rollout"
    assert interview.next_steps == ("Join AMIA", "Ask Priya for 20 minutes")
    contact = await services.contacts.get(UID, dana.id)
    assert contact.stage is Stage.INTERVIEWED
    assert contact.last_interaction == harness.clock.now()

    await chat.press("✅ I sent it")
    contact = await services.contacts.get(UID, dana.id)
    assert contact.stage is Stage.THANKED


async def test_request_to_a_referred_contact_names_the_referrer_only_with_permission(
    harness: Harness,
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    yes = await services.contacts.introduce(UID, dana.id, ContactDraft(name="Priya Shah"), True)
    no = await services.contacts.introduce(UID, dana.id, ContactDraft(name="Lee Wong"), False)
    chat = harness.chat()
    for person, expected in ((yes, True), (no, False)):
        await chat.send("/draft")
        await chat.press("Interview request (email)")
        await chat.send(person.name)
        await chat.press(person.name)
        await chat.press("1")
        assert ("Dana Lopez" in chat.last.plain) is expected
        assert ("Dana" in chat.last.plain.split("Message", 1)[1]) is expected
