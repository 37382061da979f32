"""/pitch regressions found by walking every flow as a student on a phone would."""

from __future__ import annotations

from tests.fakes.harness import Harness
from tests.support.pitch import repo, save_pitch


async def test_an_old_skip_button_does_not_skip_the_current_question(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Build one with me")
    await chat.send("Lee Park")
    step_two = chat.last  # "2/8" with Skip, still on screen after the typed answer
    await chat.send("BSN nursing, year 3")
    assert "3/8" in chat.last.plain
    await chat.press("Skip", step_two)
    assert "3/8" in chat.last.plain  # asked again, not skipped
    answers = await repo(harness).answers(chat.user_id)
    assert answers is not None and answers.identity == "BSN nursing, year 3"


async def test_a_voice_note_on_the_pitch_screen_is_a_rehearsal(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.send_voice(48)
    assert "Rehearsal 1" in chat.last.plain and "48 s" in chat.last.plain
    await chat.press("Done")
    await chat.send_voice(52)
    assert "Rehearsal 2" in chat.last.plain and "up from 48 s last time" in chat.last.plain


async def test_a_short_answer_to_a_follow_up_is_accepted(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Practice")
    await chat.send("ok")
    assert "Say a bit more" in chat.last.plain  # the opening answer needs a sentence or two
    await chat.send("I'm Maya, I study environmental science and I love climate data.")
    assert "🧑‍💼" in chat.last.plain
    await chat.send("An internship.")
    assert "How that went" in chat.last.plain


async def test_tailoring_a_pasted_pitch_without_contacts_keeps_it(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Tailor")
    assert "Type the name of an organization" in chat.last.plain
    assert chat.last.reply_markup is None
    await chat.send("Riverside Water")
    first_skip = chat.last
    await chat.send("their flood maps that residents can actually read")
    assert "2/2" in chat.last.plain
    await chat.press("Skip", first_skip)  # an old Skip: the fit question is asked again
    assert "2/2" in chat.last.plain
    await chat.press("Skip")
    shown = chat.last.plain
    assert "For Riverside Water" in shown
    assert "120 storm drains" in shown and "flood maps" in shown


async def test_versions_say_where_each_pitch_came_from(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Versions")
    assert "your own words" in chat.last.plain and "manual" not in chat.last.plain


async def test_a_built_pitch_says_clipped_words_and_jargon_in_full(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Build one with me")
    for answer in (
        "Kevin Tran",
        "CS senior @ UC Davis, econ minor",
        "backend systems esp distributed stuff",
        "new grad SWE role",
        "interned at intuit, built internal tool for payroll dept",
        "TA for intro CS, 2 qtrs",
    ):
        await chat.send(answer)
    for _ in range(2):
        await chat.press("Skip")
    shown = chat.last.plain
    assert "a new-grad software engineering role" in shown, shown
    assert "a TA for introductory computer science for 2 quarters" in shown
    assert "economics minor" in shown and "CS senior" in shown  # "CS" is said as letters
    for clipped in ("SWE", "intro CS", "econ ", "new grad "):
        assert clipped not in shown


async def test_a_tailored_pitch_says_the_organization_once_a_sentence_with_its_the(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Tailor")
    await chat.send("Urban Institute")
    await chat.send("the Urban Institute's work on zoning reform")
    await chat.send("quantitative analysis plus community experience")
    heading, pitch = chat.last.plain.split("\n", 2)[:2]
    assert "For Urban Institute" in heading  # the label names the organization as typed
    assert "What draws me to the Urban Institute is its work on zoning reform." in pitch, pitch
    assert "community experience to the Urban Institute." in pitch
    assert "Urban Institute's" not in pitch
    assert "Urban Institute" not in pitch.replace("the Urban Institute", "")


async def test_the_cleaner_version_repairs_register_and_a_comma_splice_by_removal(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press(next(b for b in chat.buttons() if "Paste" in b))
    await chat.send(
        "Uh, so I'm Kevin Tran, I study computer science at UC Davis. Basically I'm into, like, "
        "backend systems and business stuff. So yeah, I'm looking for a full-time role."
    )
    await chat.press("30 s")
    shown = chat.last.plain
    assert "Hi, I'm Kevin Tran. I study computer science at UC Davis." in shown, shown
    assert "I'm into backend systems and business." in shown
    cleaner = shown.split("A cleaner version")[-1]
    assert "Kevin Tran, I study" not in cleaner and "stuff" not in cleaner
