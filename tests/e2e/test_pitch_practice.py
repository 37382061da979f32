"""/pitch → Practice, judged on what the student actually said back to the professional.

Issue 10: the feedback said "a follow-up caught you without an answer" right after an answer,
and marked the position and experience missing when a spoken answer gave both.
"""

from __future__ import annotations

from pathlib import Path

from tests.fakes.harness import Harness, start_harness, stop_harness
from tests.fakes.llm import ScriptedLLM
from tests.fakes.transcriber import ScriptedTranscriber
from tests.support.pitch import save_pitch

CAUGHT_OUT = "caught you without an answer"
POSITION = "✅ The position you're after"
EXPERIENCE = "✅ Relevant experience"
#: Name, studies, focus and experience, but not what she's after: one question follows (30 s).
NO_POSITION = (
    "I'm Maya, a junior in environmental science. I love climate data, and last summer I "
    "worked at the county water office."
)
#: Name, studies and focus only: the professional asks about the position and experience.
THIN = "I'm Maya, I study environmental science and I love climate data."


async def _practise(chat, opening: str, target: str = "60 s") -> str:  # type: ignore[no-untyped-def]
    await save_pitch(chat, target=target)
    await chat.send("/pitch")
    await chat.press("Practice")
    await chat.send(opening)
    return str(chat.last.plain)


async def test_an_answer_in_the_students_own_words_is_credited(harness: Harness) -> None:
    chat = harness.chat()
    follow_up = await _practise(chat, NO_POSITION, "30 s")
    assert "So what are you looking for next?" in follow_up
    await chat.send("Something in water policy, ideally with a city.")
    shown = chat.last.plain
    assert "How that went" in shown
    assert CAUGHT_OUT not in shown
    assert f"{POSITION} (after the follow-up)" in shown
    assert "You handled the follow-up well" in shown


async def test_a_short_answer_to_two_questions_names_the_one_still_open(
    harness: Harness,
) -> None:
    chat = harness.chat()
    follow_up = await _practise(chat, THIN)
    assert "looking for next?" in follow_up and "worked on so far" in follow_up
    await chat.send("An internship.")
    shown = chat.last.plain
    assert CAUGHT_OUT not in shown
    assert f"{POSITION} (after the follow-up)" in shown
    assert "⬜ Relevant experience" in shown
    assert "still open: “What have you worked on so far that connects to that?”" in shown


async def test_an_example_given_in_the_follow_up_is_not_asked_for_again(
    harness: Harness,
) -> None:
    chat = harness.chat()
    follow_up = await _practise(chat, "Hi, I'm Jordan, I'm a sophomore and I'm a hard worker.")
    assert "hard worker" in follow_up
    await chat.send(
        "Last summer I tutored twenty kids in math at the Eastside library, and I'm looking "
        "for an internship in education policy."
    )
    shown = chat.last.plain
    assert "You handled the follow-ups well" in shown
    assert "No example yet" not in shown and "Show it instead" not in shown


async def test_a_date_alone_is_not_taken_as_the_example(harness: Harness) -> None:
    chat = harness.chat()
    follow_up = await _practise(chat, "Hi, I'm Jordan, I'm a sophomore and I'm a hard worker.")
    assert "hard worker" in follow_up
    await chat.send("An internship in sustainable investing this summer.")
    shown = chat.last.plain
    assert "“hard worker”" in shown and ("No example yet" in shown or "Show it" in shown)


async def test_idk_is_named_as_no_answer(harness: Harness) -> None:
    chat = harness.chat()
    await _practise(chat, THIN)
    await chat.send("idk, sorry")  # one word alone is asked again as too short
    assert CAUGHT_OUT in chat.last.plain


async def test_no_answer_is_named_as_such(harness: Harness) -> None:
    chat = harness.chat()
    await _practise(chat, THIN)
    await chat.send("I'm not sure yet.")
    assert CAUGHT_OUT in chat.last.plain
    assert "⬜ The position you're after" in chat.last.plain

    await chat.send("/pitch")
    await chat.press("Practice")
    await chat.send(THIN)
    await chat.press("End and get feedback")
    shown = chat.last.plain
    assert "You ended before answering the follow-up" in shown and CAUGHT_OUT not in shown
    assert "“So what are you looking for next?" in shown


async def test_claudes_own_follow_up_answered_is_credited_when_feedback_falls_back(
    tmp_path: Path,
) -> None:
    # Review (offline), Claude's follow-up, then no feedback from Claude: the offline coach judges.
    llm = ScriptedLLM().script(None, "What kind of data work have you done so far?", None)
    h = await start_harness(tmp_path / "data", llm=llm)
    chat = h.chat()
    follow_up = await _practise(chat, THIN)
    assert "What kind of data work" in follow_up
    await chat.send("Mostly cleaning survey data for a professor.")
    shown = chat.last.plain
    assert "How that went" in shown and CAUGHT_OUT not in shown
    assert "You handled the follow-up well" in shown
    await stop_harness(h)
    assert not h.spec.violations and not h.unanswered_callbacks()


# --------------------------------------------------------------------------- spoken phrasing

SPOKEN = (
    "So, um, I'm Priya, a junior in economics. I'm after a role in financial analysis, "
    "and I spent two years at the campus bookstore."
)


async def test_a_spoken_answer_shows_its_position_and_experience(harness: Harness) -> None:
    chat = harness.chat()
    follow_up = await _practise(chat, SPOKEN, "30 s")
    assert "looking for next" not in follow_up and "worked on so far" not in follow_up
    await chat.send("I got into it doing the bookstore's inventory.")
    shown = chat.last.plain
    assert f"{POSITION}\n" in shown and f"{EXPERIENCE}\n" in shown  # from the opening itself
    assert "⬜" not in shown


async def test_a_transcribed_rehearsal_shows_its_position_and_experience(tmp_path: Path) -> None:
    transcript = (
        "Hi, I'm Sam, I'm a senior in accounting and I'm really into forensic work. "
        "I'm hoping to, uh, find a summer internship in audit. Last summer I worked at a "
        "credit union, and I led our club's budget review."
    )
    h = await start_harness(tmp_path / "data", transcriber=ScriptedTranscriber().script(transcript))
    chat = h.chat()
    await save_pitch(chat, target="30 s")
    await chat.send("/pitch")
    await chat.press("Rehearse")
    await chat.send_voice(28, b"OggS-audio")
    shown = chat.last.plain
    assert POSITION in shown and EXPERIENCE in shown
    assert "⬜" not in shown
    await stop_harness(h)
    assert not h.spec.violations


# --------------------------------------------------------------------------- said out loud


async def test_practice_answers_can_be_voice_notes_when_they_are_transcribed(
    tmp_path: Path,
) -> None:
    transcriber = ScriptedTranscriber().script(THIN, None, "An internship in water policy.")
    h = await start_harness(tmp_path / "data", transcriber=transcriber)
    chat = h.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Practice")
    await chat.send_voice(6, b"OggS-opening")
    assert "looking for next?" in chat.last.plain  # the professional heard the opening
    await chat.send_voice(3, b"OggS-mumble")
    assert "couldn't make out that voice note" in chat.last.plain
    await chat.send_voice(4, b"OggS-answer")
    shown = chat.last.plain
    assert "How that went" in shown and CAUGHT_OUT not in shown
    assert f"{POSITION} (after the follow-up)" in shown
    assert transcriber.received == [b"OggS-opening", b"OggS-mumble", b"OggS-answer"]
    await stop_harness(h)
    assert not h.spec.violations and not h.unanswered_callbacks()


async def test_without_a_transcriber_a_practice_voice_note_asks_for_typing(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await _practise(chat, THIN)
    await chat.send_voice(5)
    assert "Type your answer as you'd say it" in chat.last.plain
    assert "🏁 End and get feedback" in chat.buttons()
    await chat.send("An internship.")
    assert "How that went" in chat.last.plain  # the practice carried on
