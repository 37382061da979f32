"""/pitch rough edges from the QA pass: thin builds, placeholders, skip notes, hints, snippets."""

from __future__ import annotations

from tests.fakes.harness import Harness
from tests.support.pitch import save_pitch
from tests.support.pitch_samples import VAGUE


async def build_thin(chat) -> None:  # type: ignore[no-untyped-def]
    """Name and degree only; every other question skipped."""
    await chat.send("/pitch")
    await chat.press("Build one with me")
    await chat.send("Maya Chen")
    await chat.send("BS Computer Science, year 2")
    for _ in range(6):
        await chat.press("Skip")


async def test_identical_lengths_are_shown_once_with_a_way_to_add_more(harness: Harness) -> None:
    chat = harness.chat()
    await build_thin(chat)
    shown = chat.last.plain
    assert "60 s version ·" not in shown  # the same words are not dressed up as a minute
    assert shown.count("Hi, I'm Maya Chen") == 2  # 15 s and 30 s differ; 60 s equals 30 s
    assert "also your 60 s version" in shown and "Answer the questions you skipped" in shown
    assert chat.buttons() == ["Keep 15 s", "Keep 30 s", "➕ Answer the skipped questions"]
    await chat.press("➕ Answer the skipped questions")
    assert "3/8" in chat.last.plain  # the first skipped question, not the name again
    await chat.send("climate data and how cities use it")
    assert "4/8" in chat.last.plain
    for _ in range(5):
        await chat.press("Skip")
    assert "Your pitch" in chat.last.plain
    assert "interested in climate data and how cities use it." in chat.last.plain


async def test_keeping_the_cleaner_one_names_the_placeholders_to_fill(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Paste one to review")
    await chat.send(VAGUE)
    await chat.press("60 s")
    await chat.press("Keep the cleaner one")
    saved = chat.last.plain
    assert "Saved ✅" in saved
    reminder = [line for line in saved.splitlines() if "fill in" in line]
    assert len(reminder) == 1 and "[your example:" in reminder[0] and "[add:" in reminder[0]


async def test_keeping_a_pitch_without_placeholders_has_no_reminder(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    assert "Saved ✅" in chat.last.plain and "fill in" not in chat.last.plain


async def test_a_name_alone_is_not_called_skipping_every_question(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Build one with me")
    await chat.send("Maya Chen")
    for _ in range(7):
        await chat.press("Skip")
    shown = chat.last.plain
    assert "You skipped every question" not in shown
    assert "I have your name, Maya Chen" in shown


async def test_skipping_everything_still_says_so(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Build one with me")
    for _ in range(8):
        await chat.press("Skip")
    assert "You skipped every question" in chat.last.plain


async def test_text_on_the_home_screen_gets_a_hint_for_that_screen(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.send("hello")
    assert "type your answer" not in chat.last.plain.lower()
    assert "Tap a button" in chat.last.plain
    assert "voice note" not in chat.last.plain  # nothing to rehearse yet

    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.send("hello")
    assert "type your answer" not in chat.last.plain.lower()
    assert "send a voice note to rehearse" in chat.last.plain


async def test_text_where_a_slot_length_is_asked_points_at_the_lengths(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Paste one to review")
    await chat.send(VAGUE)
    await chat.send("sixty")
    assert "Tap the slot length" in chat.last.plain
    await chat.press("60 s")
    assert "A cleaner version" in chat.last.plain


async def test_checklist_snippets_of_pasted_markup_start_at_a_word(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Paste one to review")
    await chat.send(
        "Hi there, <b>Maya</b> & I study computer science at Ohio State, and I love "
        "building tools that help cities plan for floods and heat waves every summer."
    )
    await chat.press("60 s")
    lines = [ln for ln in chat.last.plain.splitlines() if ln.startswith("✅")]
    assert lines
    assert not any("…b>" in ln or "…b " in ln for ln in lines), lines
