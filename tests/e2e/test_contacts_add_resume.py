"""/add resumes a contact half-added before the flow kit, from the state the old code stored."""

from __future__ import annotations

from typing import Any

from bot.features.contacts.handlers.add_state import Adding, legacy
from tests.fakes.harness import Harness

UID = 1001

# A draft exactly as ``ContactDraft.to_record`` wrote it before the flow kit.
OLD_DRAFT: dict[str, Any] = {
    "name": "Maria Lopez",
    "organization": "",
    "role": "",
    "field": "",
    "email": "",
    "phone": "",
    "url": "",
    "notes": "",
    "circle": "alumni",
    "introduced_by": None,
    "introduced_by_name": "",
    "may_use_name": None,
    "stage": None,
    "last_interaction": None,
    "scheduled_for": None,
    "source_id": None,
    "problems": [],
}


async def _paused_under_old_code(harness: Harness, state: dict[str, Any]) -> Any:
    chat = harness.chat()
    await chat.send("/help")
    harness.app.user_data[UID]["contact_add"] = state
    return chat


async def test_a_guided_add_resumes_at_its_question(harness: Harness) -> None:
    steps = ["organization", "role", "email", "phone", "url", "notes"]
    chat = await _paused_under_old_code(
        harness, {"draft": OLD_DRAFT, "steps": steps, "total": 8, "mode": "guided"}
    )
    await chat.send("/add")
    assert "pick up where we left off with Maria Lopez" in chat.messages[-2].plain
    assert "3/8 Where does Maria Lopez work or study?" in chat.last.plain
    await chat.send("Acme Robotics")
    assert "4/8" in chat.last.plain
    await chat.press("✅ Save now")
    [maria] = await harness.app.bot_data["services"].contacts.all(UID)
    assert (maria.name, maria.circle, maria.organization) == (
        "Maria Lopez",
        "alumni",
        "Acme Robotics",
    )
    assert "contact_add" not in harness.app.user_data[UID]
    assert "flows" not in harness.app.user_data[UID]


async def test_a_draft_waiting_for_confirmation_is_shown_again(harness: Harness) -> None:
    chat = await _paused_under_old_code(
        harness, {"draft": OLD_DRAFT, "steps": [], "total": 0, "mode": "confirm"}
    )
    await chat.send("/add")
    assert "save it?" in chat.last.plain
    await chat.press("✅ Save")
    assert "Maria Lopez is in your network" in chat.messages[-1].plain
    assert len(await harness.app.bot_data["services"].contacts.all(UID)) == 1


def test_old_states_that_cannot_resume_are_dropped() -> None:
    assert legacy({}) is None
    assert legacy({"contact_add": "garbage"}) is None
    assert legacy({"contact_add": {"draft": {"name": 3j}, "mode": "guided"}}) is None
    assert legacy({"contact_add": {"draft": OLD_DRAFT, "steps": [], "mode": "guided"}}) is None
    data = {"contact_add": {"draft": OLD_DRAFT, "mode": "dup", "dup": "c1"}}
    state = legacy(data)
    assert isinstance(state, Adding)
    assert (state.step, state.twin, state.draft.name) == ("duplicate", "c1", "Maria Lopez")
    assert "contact_add" not in data
