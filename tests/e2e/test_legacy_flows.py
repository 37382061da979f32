"""Students paused in /draft, /prep or /debrief under the code before the flow kit resume."""

from __future__ import annotations

from typing import Any

from tests.fakes.harness import Harness
from tests.support.students import UID, setup_student


def _old_scratch(h: Harness, key: str, value: dict[str, Any]) -> None:
    """What the old handlers kept in the student's persisted state."""
    h.app.user_data[UID][key] = value


async def test_a_draft_paused_at_the_objective_resumes(harness: Harness) -> None:
    dana = await setup_student(harness)
    _old_scratch(
        harness, "draft_flow", {"kind": "request_email", "contact": dana.id, "need": "objective"}
    )
    chat = harness.chat()
    await chat.send("/draft")
    assert "paused draft" in chat.last.plain and "Interview request (email)" in chat.last.plain
    await chat.press("▶️ Continue")
    assert "What do you hope to learn from Dana Lopez?" in chat.last.plain
    await chat.send("learn how you moved from nursing into health informatics")
    assert "May I have 20 minutes" in chat.last.plain
    assert "draft_flow" not in harness.app.user_data[UID]


async def test_a_prep_paused_at_the_questions_resumes(harness: Harness) -> None:
    dana = await setup_student(harness)
    services = harness.app.bot_data["services"]
    interview = await services.interviews.create(
        UID, dana.id, "learn the field", ("How did you start?",)
    )
    _old_scratch(
        harness,
        "prep_flow",
        {"contact": dana.id, "interview": interview.id, "step": 2, "edit": "add"},
    )
    chat = harness.chat()
    await chat.send("/prep")
    assert "Let's pick up where we left off." in chat.messages[-2].plain
    assert "Your questions" in chat.last.plain and "How did you start?" in chat.last.plain
    await chat.press("✅ These are good")
    assert "When are you meeting Dana Lopez?" in chat.last.plain


async def test_a_debrief_paused_at_notes_or_next_steps_resumes(harness: Harness) -> None:
    dana = await setup_student(harness)
    services = harness.app.bot_data["services"]
    interview = await services.interviews.create(
        UID, dana.id, "learn the field", ("How did you start?", "What surprised you?")
    )
    old = {"contact": dana.id, "interview": interview.id, "step": 0, "q": 1}
    _old_scratch(harness, "debrief_flow", old)
    chat = harness.chat()
    await chat.send("/debrief")
    assert "2/2 What surprised you?" in chat.last.plain
    await chat.send("/cancel")

    harness.app.user_data[UID].pop("flows", None)
    _old_scratch(harness, "debrief_flow", {**old, "step": 4, "steps": ["Join AMIA"]})
    await chat.send("/debrief")
    assert "Next steps so far" in chat.last.plain and "Join AMIA" in chat.last.plain
    await chat.press("✅ Done")
    assert "Thank-you note" in chat.last.plain


async def test_an_unreadable_old_record_starts_afresh(harness: Harness) -> None:
    await setup_student(harness)
    _old_scratch(harness, "prep_flow", {"step": "bogus"})
    chat = harness.chat()
    await chat.send("/prep")
    assert "Who are you meeting?" in chat.last.plain
