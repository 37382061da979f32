"""/pitch as a student experiences it: build, review, tailor, rehearse, practice, versions."""

from __future__ import annotations

from pathlib import Path

from bot.features.pitch.domain.elements import Element
from tests.fakes.harness import Harness, start_harness, stop_harness
from tests.fakes.llm import ScriptedLLM
from tests.fakes.transcriber import ScriptedTranscriber
from tests.support.pitch import onboard, repo, save_pitch
from tests.support.pitch_samples import FILLERS, GOOD_60, MISSING, VAGUE


async def test_no_pitch_offers_build_or_paste(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    assert "one-minute commercial" in chat.last.plain
    assert chat.buttons() == ["🛠 Build one with me", "📋 Paste one to review"]


async def test_build_with_prefill_skips_cancel_and_resume(harness: Harness) -> None:
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/pitch")
    await chat.press("Build one with me")
    assert "1/8" in chat.last.plain and "Maya Chen" in chat.last.plain
    assert chat.buttons() == ["Keep", "Skip", "Finish later"]
    await chat.press("Keep")
    assert "2/8" in chat.last.plain and "environmental science" in chat.last.plain
    await chat.send("a third-year environmental science major with a minor in statistics")
    assert "Your profile still says" in chat.last.plain  # said differently from /start
    await chat.press("Only the pitch")
    await chat.press("Keep")  # focus: climate data
    assert "4/8" in chat.last.plain
    await chat.send("a summer internship in sustainability analytics")
    await chat.send("/cancel")
    assert "Paused your pitch" in chat.last.plain

    await chat.send("/pitch")
    assert "pick up your pitch" in chat.messages[-2].plain
    assert "5/8" in chat.last.plain
    await chat.send("x")
    assert "a bit short" in chat.last.plain
    await chat.send(
        "interned at the Green Valley Water District last summer, where I mapped 120 storm "
        "drains and built a dashboard the crew still uses"
    )
    await chat.press("Skip")  # leadership
    await chat.press("Skip")  # fit
    await chat.press("Skip")  # interest
    shown = chat.last.plain
    # Three answers fill 30 s but not a minute: the 60 s build equals the 30 s one, shown once.
    assert "two ways" in shown and "15 s version ·" in shown and "30 s version ·" in shown
    assert "60 s version ·" not in shown
    assert "also your 60 s version" in shown
    assert "Maya" in shown and "120 storm drains" in shown
    assert "left them out rather than guess" in shown
    assert chat.buttons() == ["Keep 15 s", "Keep 30 s", "➕ Answer the skipped questions"]

    await chat.press("Keep 30 s")
    assert "Saved ✅" in chat.last.plain
    current = await repo(harness).current(chat.user_id)
    assert current is not None and current.target_seconds == 30
    assert current.source.value == "built"
    answers = await repo(harness).answers(chat.user_id)
    assert answers is not None and answers.leadership is None
    assert answers.position == "a summer internship in sustainability analytics"

    await chat.send("/pitch")
    assert "Your pitch" in chat.last.plain
    assert "🔍 Review" in chat.buttons() and "🔄 Start again" in chat.buttons()


async def test_build_survives_a_restart(tmp_path: Path) -> None:
    first = await start_harness(tmp_path / "data")
    chat = first.chat()
    await chat.send("/pitch")
    await chat.press("Build one with me")
    await chat.send("Kim Park")
    await chat.send("MS in data science")
    second = await start_harness(tmp_path / "data")
    chat = second.chat()
    await chat.send("machine learning for healthcare")
    assert "4/8" in chat.last.plain
    await stop_harness(second)


async def test_review_offline(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Paste one to review")
    await chat.send(MISSING)
    assert "too short to review" in chat.last.plain
    await chat.send(FILLERS)
    assert "How long a slot" in chat.last.plain
    assert chat.buttons() == ["15 s", "30 s", "60 s"]
    await chat.press("30 s")
    review = chat.last.plain
    assert "Your pitch, reviewed" in review
    assert "target 30 s" in review
    assert "Fillers:" in review and "Hedges:" in review
    assert "A cleaner version" in review
    assert "⬜" in review and "Try this" in review
    await chat.press("⏱ 60 s")
    assert "target 60 s" in chat.last.plain
    await chat.press("Keep the cleaner one")
    current = await repo(harness).current(chat.user_id)
    assert current is not None and current.source.value == "reviewed"
    assert current.target_seconds == 60
    assert "um" not in current.text.lower().split()


CLAUDE_REVIEW = {
    "elements": [
        {"element": "identity", "present": True, "evidence": "I'm Priya, a marketing major"},
        {"element": "position", "present": True, "evidence": "brand strategy internship"},
        {"element": "fit", "present": True, "evidence": "words that are not in the pitch"},
    ],
    "vague_claims": ["team player"],
    "suggestions": ["Swap “team player” for the fundraiser story.", "Name one brand you love."],
    "improved": "I'm Priya, a marketing major. I raised $4,000 for the food bank. "
    "I'm looking for a brand strategy internship. How did you get into brand work?",
}


async def test_review_with_claude_and_malformed_fallback(tmp_path: Path) -> None:
    llm = ScriptedLLM().script(CLAUDE_REVIEW, {"elements": "nonsense", "suggestions": 3})
    h = await start_harness(tmp_path / "data", llm=llm)
    chat = h.chat()
    await chat.send("/pitch")
    await chat.press("Paste one to review")
    await chat.send(VAGUE)
    await chat.press("30 s")
    shown = chat.last.plain
    assert "Swap “team player” for the fundraiser story." in shown
    assert "How did you get into brand work?" in shown
    assert "words that are not in the pitch" not in shown  # unverified evidence is dropped
    assert llm.calls[-1].kind == "parse" and llm.calls[-1].user == "pitch/review_user.txt.j2"

    await chat.press("⏱ 60 s")  # the malformed reply: offline review, no error
    shown = chat.last.plain
    assert "Your pitch, reviewed" in shown and "target 60 s" in shown
    assert "Swap" not in shown and "Sorry" not in shown
    await stop_harness(h)
    assert not h.spec.violations and not h.unanswered_callbacks()


async def test_voice_rehearsal_without_transcription_shows_progress(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Rehearse")
    assert "voice note" in chat.last.plain
    await chat.send("hello")
    assert "waiting for a voice note" in chat.last.plain
    for seconds in (94, 80, 70, 62):
        harness.clock.advance(minutes=5)
        await chat.send_voice(seconds)
    shown = chat.last.plain
    assert "Rehearsal 4" in shown
    assert "62 s, down from 94 s three rehearsals ago" in shown
    assert "transcription service" in shown
    assert len(await repo(harness).rehearsals(chat.user_id)) == 4


async def test_voice_rehearsal_with_transcript(tmp_path: Path) -> None:
    transcriber = ScriptedTranscriber().script(GOOD_60)
    h = await start_harness(tmp_path / "data", transcriber=transcriber)
    chat = h.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Rehearse")
    await chat.send_voice(58, b"OggS-audio")
    shown = chat.last.plain
    assert "58 s" in shown and "words a minute" in shown
    assert "Fillers: 0.0 a minute" in shown
    assert "✅ Name, degree and minors" in shown
    assert transcriber.received == [b"OggS-audio"]
    await stop_harness(h)
    assert not h.spec.violations


async def test_practice_offline(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Practice")
    assert "tell me about yourself" in chat.last.plain
    await chat.send("Hi, I'm Jordan, I'm a sophomore and I'm a hard worker.")
    assert "🧑‍💼" in chat.last.plain
    assert "hard worker" in chat.last.plain  # the follow-up asks for proof
    await chat.send(
        "Last summer I tutored twenty kids in math at the Eastside library, and I'm looking "
        "for an internship in education policy."
    )
    assert "How that went" in chat.last.plain
    assert "💬 Practice again" in chat.buttons()


async def test_tailor_asks_for_missing_facts(harness: Harness) -> None:
    chat = harness.chat()
    await onboard(chat)
    await save_pitch(chat)
    contacts = harness.app.bot_data["services"].contacts
    from bot.features.contacts.domain import parse_contact_line

    await contacts.add(chat.user_id, parse_contact_line("Lee Wong, Riverside Water, planner"))
    await chat.send("/pitch")
    await chat.press("Tailor")
    assert "Who is it for?" in chat.last.plain
    assert any("Riverside Water" in b for b in chat.buttons())
    await chat.press(1)
    assert "I won't make up facts" in chat.last.plain
    assert "What draws you to Riverside Water" in chat.last.plain
    await chat.send("their flood maps that residents can actually read")
    assert "2/2" in chat.last.plain and "needs" in chat.last.plain
    await chat.press("Skip")
    shown = chat.last.plain
    assert "For Riverside Water" in shown
    assert "flood maps" in shown
    await chat.press("Keep this one")
    current = await repo(harness).current(chat.user_id)
    assert current is not None and current.tailored_for == "Riverside Water"


async def test_versions_and_unexpected_input(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat, GOOD_60, "60 s")
    await save_pitch(chat, FILLERS, "30 s")
    await chat.send("/pitch")
    await chat.press("Versions")
    shown = chat.last.plain
    assert "Your pitch versions (2)" in shown
    assert f"/{len(Element)} elements" in shown and "current" in shown
    await chat.send("what now?")
    assert "tap a button" in chat.last.plain.lower()
    await chat.press("Back")
    assert "Your pitch" in chat.last.plain


async def test_the_main_menus_pitch_button_opens_or_resumes_the_pitch(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("Maya Chen")
    await chat.press("Finish later")
    await chat.press("🗣 My pitch")
    assert "one-minute commercial" in chat.last.plain
    await chat.press("Build one with me")
    await chat.send("/help")
    await chat.send("/start")  # the greeting's menu again, with the build paused
    await chat.press("🗣 My pitch")
    assert "pick up your pitch" in chat.messages[-2].plain and "1/8" in chat.last.plain
    assert not harness.unanswered_callbacks()


async def test_practice_and_tailoring_resume_after_cancel(harness: Harness) -> None:
    chat = harness.chat()
    await save_pitch(chat)
    await chat.send("/pitch")
    await chat.press("Practice")
    await chat.send("Hi, I'm Jordan, I'm a sophomore and I'm a hard worker.")
    follow_up = chat.last.plain
    await chat.send("/cancel")
    assert "Paused your pitch" in chat.last.plain
    await chat.send("/pitch")
    assert chat.last.plain == follow_up  # the professional's question again
    await chat.send("I tutored twenty kids in math at the Eastside library last summer.")
    assert "How that went" in chat.last.plain

    await chat.send("/pitch")
    await chat.press("Tailor")
    await chat.send("Riverside Water")
    await chat.send("/cancel")
    await chat.send("/pitch")
    assert "What draws you to Riverside Water" in chat.last.plain
    await chat.send("their flood maps that residents can actually read")
    assert "2/2" in chat.last.plain
