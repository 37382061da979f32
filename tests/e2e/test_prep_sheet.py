"""Issue 10 in /prep, through the real application: the objective shapes the questions, the
student's own question can be moved, research comes before the questions, and the sheet fits
one phone screen with the rest behind its buttons."""

from __future__ import annotations

from bot.features.contacts.domain import ContactDraft
from bot.localchat.session import LocalChat
from tests.fakes.harness import Harness
from tests.support.students import UID, setup_student


async def _priya(harness: Harness) -> str:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    priya = await services.contacts.introduce(
        UID,
        dana.id,
        ContactDraft(
            name="Priya Shah",
            organization="Duolingo",
            role="UX researcher",
            field="UX research",
            url="https://www.linkedin.com/in/priya-shah",
        ),
        True,
    )
    assert priya is not None
    return priya.id


async def _start(harness: Harness, objective: str) -> None:
    chat = harness.chat()
    await chat.send("/prep")
    await chat.press("Priya Shah · Duolingo")
    await chat.send(objective)


async def _skip_research(harness: Harness) -> None:
    """Past the research step (its own test checks it is there), to the questions."""
    chat = harness.chats[0]
    if "Skip for now" in chat.buttons():
        await chat.press("Skip for now")


async def _at_the_questions(harness: Harness) -> tuple[str, LocalChat]:
    """Priya's /prep with the psych-to-UX objective, research skipped: the question list."""
    priya = await _priya(harness)
    await _start(harness, "learn how to move from psych research into UX")
    await _skip_research(harness)
    return priya, harness.chats[0]


async def test_the_typed_objective_is_asked_first_in_the_students_words(
    harness: Harness,
) -> None:
    priya, chat = await _at_the_questions(harness)
    services = harness.app.bot_data["services"]
    interview = await services.interviews.latest_for_contact(UID, priya)
    own = "What would you suggest I do to move from psych research into UX?"
    assert interview.questions[0] == own
    assert f"1. {own}" in chat.last.plain
    assert "The first 3 are made for Priya Shah and your objective." in chat.last.plain
    assert not any("creative process" in q for q in interview.questions)
    assert sum("research" in q for q in interview.questions) >= 2  # her field's own questions


async def test_research_checklist_is_made_for_the_contact_and_the_find_is_used(
    harness: Harness,
) -> None:
    priya = await _priya(harness)
    await _start(harness, "learn how you run research on new features")
    chat = harness.chats[0]
    research = chat.last.plain
    assert "ten minutes of research on Priya Shah" in research
    assert "https://www.linkedin.com/in/priya-shah" in research  # the link on her card
    assert "Duolingo's website and recent news" in research
    assert "One thing changing in UX research right now" in research
    assert "Ask Dana Lopez what Priya Shah enjoys talking about." in research  # who introduced
    assert chat.buttons() == ["Skip for now"]

    await chat.send("x" * 300)
    assert "Keep it to one line" in chat.last.plain
    await chat.send("Are you hiring interns?")
    assert "reads like a job request" in chat.last.plain
    await chat.send("/cancel")
    await chat.send("/prep")
    assert "ten minutes of research on Priya Shah" in chat.last.plain  # resumes at research
    await chat.send("Her talk on testing lessons in 40 languages")
    services = harness.app.bot_data["services"]
    interview = await services.interviews.latest_for_contact(UID, priya)
    assert interview.research == "Her talk on testing lessons in 40 languages"
    assert interview.questions[0] == (
        "I came across your talk on testing lessons in 40 languages while preparing. "
        "What is the story behind it?"
    )
    assert "Your questions" in chat.last.plain

    await chat.press("✅ These are good")
    await chat.press("Not set yet")
    sheet = chat.last
    assert "1. I came across your talk on testing lessons" in sheet.plain
    await chat.press("🔎 Research")
    assert "You noted: “Her talk on testing lessons in 40 languages”" in chat.last.plain
    assert "Duolingo's website" in chat.last.plain and not chat.last.buttons


async def test_nothing_found_yet_goes_on_to_the_questions(harness: Harness) -> None:
    priya = await _priya(harness)
    await _start(harness, "learn how you run research on new features")
    chat = harness.chats[0]
    await chat.send("Nothing yet.")  # a skip, not a find to ask about
    assert "Your questions" in chat.last.plain and "Nothing yet" not in chat.last.plain
    interview = await harness.app.bot_data["services"].interviews.latest_for_contact(UID, priya)
    assert interview.research == ""


async def test_the_students_own_question_can_be_put_first_or_moved(harness: Harness) -> None:
    priya = await _priya(harness)
    await _start(harness, "learn how you run research on new features")
    chat = harness.chats[0]
    await _skip_research(harness)
    services = harness.app.bot_data["services"]
    await chat.press("➕ Add")
    await chat.send("How do you pick which features to test first")
    mine = "How do you pick which features to test first?"
    interview = await services.interviews.latest_for_contact(UID, priya)
    assert interview.questions[-1] == mine
    await chat.press("⬆️ Put it first")
    interview = await services.interviews.latest_for_contact(UID, priya)
    assert interview.questions[0] == mine
    assert f"1. {mine}" in chat.last.plain
    assert "⬆️ Put it first" not in chat.buttons()

    listing = chat.last
    third = interview.questions[2]
    await chat.press("↕️ Move")
    assert "Which one should I move?" in chat.last.plain
    await chat.press("3")
    assert "Where should question 3 go?" in chat.last.plain
    assert "3" not in chat.buttons()  # not where it already is
    await chat.send("/cancel")
    await chat.send("/prep")
    assert "Your questions" in chat.last.plain  # paused mid-move: the list again
    await chat.press("↕️ Move")
    await chat.press("3")
    await chat.press("1")
    interview = await services.interviews.latest_for_contact(UID, priya)
    assert interview.questions[:2] == (third, mine)
    assert chat.last is not listing and f"1. {third}" in chat.last.plain
    assert not harness.spec.violations and not harness.unanswered_callbacks()


async def test_the_sheet_fits_a_phone_screen_and_its_buttons_show_the_rest(
    harness: Harness,
) -> None:
    priya, chat = await _at_the_questions(harness)
    await chat.press("✅ These are good")
    await chat.send("next Tuesday 3pm")
    await chat.press("💻 Video")
    sheet = chat.last
    text = sheet.plain
    assert text.count("\n") + 1 <= 18 and len(text) <= 900, text
    assert "Objective: learn how to move from psych research into UX" in text
    assert "1. What would you suggest I do to move from psych research into UX?" in text
    assert "Test the link, camera and sound" in text and "thank-you note the same day" in text
    services = harness.app.bot_data["services"]
    interview = await services.interviews.latest_for_contact(UID, priya)
    shown = [q for q in interview.questions if q in text]
    assert 3 <= len(shown) <= 5 < len(interview.questions)
    assert f"+{len(interview.questions) - len(shown)} more under All questions." in text
    assert not any(m.document for m in chat.messages)  # the calendar file waits for its button

    await chat.press("📚 All questions")
    assert all(q in chat.last.plain for q in interview.questions)
    await chat.press("🧳 Logistics", message=sheet)
    assert "Have your resume open" in chat.last.plain and "face to face" not in chat.last.plain
    await chat.press("🗣 Opener", message=sheet)
    assert "Hi, I'm Maya Chen" in chat.last.plain
    harness.clock.advance(days=1)  # the next day, long after the flow ended
    await chat.press("📅 Add to calendar", message=sheet)
    document = next(m.document for m in chat.messages if m.document is not None)
    assert document.filename == "interview-priya-shah.ics"
    assert sheet.buttons  # the sheet keeps its buttons
    assert not harness.spec.violations and not harness.unanswered_callbacks()


async def test_a_sheet_button_for_a_deleted_prep_says_so(harness: Harness) -> None:
    priya = await _priya(harness)
    await _start(harness, "learn how you run research on new features")
    chat = harness.chats[0]
    await _skip_research(harness)
    await chat.press("✅ These are good")
    await chat.press("Not set yet")
    sheet = chat.last
    services = harness.app.bot_data["services"]
    await services.contacts.delete(UID, priya)
    await chat.press("📚 All questions", message=sheet)
    assert "That prep is gone" in chat.last.plain
    assert not harness.unanswered_callbacks()


async def test_a_new_objective_on_a_second_prep_replaces_its_question(harness: Harness) -> None:
    priya, chat = await _at_the_questions(harness)
    await chat.press("✅ These are good")
    await chat.press("Not set yet")
    await chat.send("/prep")
    await chat.press("Priya Shah · Duolingo")
    await chat.send("understand what a research career at Duolingo looks like")
    services = harness.app.bot_data["services"]
    interview = await services.interviews.latest_for_contact(UID, priya)
    assert interview.questions[0] == (
        "Could you tell me what a research career at Duolingo looks like?"
    )
    assert not any("psych" in q for q in interview.questions)


async def test_a_second_find_replaces_the_first_and_the_count_stays_true(
    harness: Harness,
) -> None:
    """The find is said to her ("She wrote…" is asked as "I saw that you wrote…"), so the
    question it gave is what a later find replaces, and the sheet doesn't quote it twice."""
    priya = await _priya(harness)
    await _start(harness, "learn how you run research on new features")
    chat = harness.chats[0]
    await chat.send("She wrote a Medium post on diary studies")
    first = "I saw that you wrote a Medium post on diary studies. What is the story behind it?"
    assert f"1. {first}" in chat.last.plain
    assert "The first 4 are made for Priya Shah" in chat.last.plain  # 3 tailored and the find
    await chat.press("✅ These are good")
    await chat.press("Not set yet")
    assert "1. I saw that you wrote a Medium post" in chat.last.plain
    assert "Bring up what you found" not in chat.last.plain  # question 1 brings it up already

    await chat.send("/prep")
    await chat.press("Priya Shah · Duolingo")
    await chat.send("learn how you run research on new features")
    await chat.send("She's the head of UX")
    services = harness.app.bot_data["services"]
    interview = await services.interviews.latest_for_contact(UID, priya)
    again = "I saw that you're the head of UX. What is the story behind it?"
    assert interview.questions[0] == again
    assert not any("Medium post" in q for q in interview.questions)
    assert interview.research == "She's the head of UX"
    assert interview.research_question == again
    assert f"1. {again}" in chat.last.plain and "2. I saw that" not in chat.last.plain
    assert "The first is made for Priya Shah" in chat.last.plain  # this visit's one: the find
