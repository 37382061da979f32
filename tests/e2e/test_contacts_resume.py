"""Contacts flows resume from the state the code before the flow kit stored: a half-added contact,
a brainstorm walk, an import waiting for its merge choice."""

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


async def _paused_under_old_code(
    harness: Harness, state: dict[str, Any], key: str = "contact_add"
) -> Any:
    """A chat whose student has ``state`` under ``key``, as the code before the flow kit kept it."""
    chat = harness.chat()
    await chat.send("/help")
    harness.app.user_data[UID][key] = state
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


async def test_a_brainstorm_walk_resumes_at_its_circle(harness: Harness) -> None:
    from bot.features.contacts.domain.adding import walk_circles

    circles = walk_circles()
    first = circles[0]
    old = {"i": 2, "added": {first.key: ["Ana Ruiz"]}}
    chat = await _paused_under_old_code(harness, old, "brainstorm")
    codec = harness.app.bot_data["services"].codec
    await chat.press_data(codec.encode(UID, "bs", "go"), chat.last)
    assert f"{circles[2].label} · 3/{len(circles)}" in chat.last.plain
    await chat.send("done")
    assert "You just listed 1 person" in chat.last.plain
    assert "Ana Ruiz" in chat.last.plain
    assert "brainstorm" not in harness.app.user_data[UID]


async def test_an_import_choice_pending_before_the_flow_kit_still_works(harness: Harness) -> None:
    from bot.features.contacts.domain import ContactDraft

    services = harness.app.bot_data["services"]
    maria = await services.contacts.add(UID, ContactDraft(name="Maria Lopez"))
    pending = {
        "added": 2,
        "errors": [],
        "problems": [],
        "unit": "card",
        "drafts": [{**OLD_DRAFT, "organization": "Acme Robotics"}],
        "ids": [maria.id],
    }
    chat = await _paused_under_old_code(harness, pending, "contact_import")
    await chat.press_data(services.codec.encode(UID, "cb", "m"), chat.last)
    assert "Imported 2 contacts and merged 1" in chat.last.plain
    merged = await services.contacts.get(UID, maria.id)
    assert merged is not None and merged.organization == "Acme Robotics"


async def test_list_filters_stored_before_they_were_typed_still_apply(harness: Harness) -> None:
    from bot.features.contacts.domain import ContactDraft, Stage

    services = harness.app.bot_data["services"]
    dana = await services.contacts.add(UID, ContactDraft(name="Dana Lopez"))
    await services.contacts.set_stage(UID, dana.id, Stage.SCHEDULED)
    await services.contacts.add(UID, ContactDraft(name="Ben Okafor", circle="family"))
    chat = await _paused_under_old_code(
        harness, {"stage": "scheduled", "circle": ""}, "contacts_view"
    )
    await chat.press_data(services.codec.encode(UID, "ct", "p", 0), chat.last)
    assert "Scheduled · no circle" in chat.last.plain
    assert "Dana Lopez" in chat.last.plain and "Ben Okafor" not in chat.last.plain
