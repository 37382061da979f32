"""A brainstormed name that is someone already saved, written differently ("Dr Brooks" for
"Dr. Alan Brooks"), is asked about instead of being added as a twin."""

from __future__ import annotations

from bot.features.contacts.domain import ContactDraft
from tests.fakes.harness import Harness

UID = 1001


async def _walk_to_faculty(harness: Harness) -> object:
    chat = harness.chat()
    await chat.send("/add")
    await chat.press("🧠 Brainstorm instead")
    for _ in range(4):  # family, friends, roommates, partners
        await chat.press("Next ▶")
    assert "Faculty" in chat.last.plain
    return chat


async def test_dr_brooks_is_offered_as_dr_alan_brooks(harness: Harness) -> None:
    contacts = harness.app.bot_data["services"].contacts
    alan = await contacts.add(
        UID, ContactDraft(name="Dr. Alan Brooks", organization="Carnegie Mellon", role="Professor")
    )
    chat = await _walk_to_faculty(harness)
    await chat.send("Dr Brooks, Ms Rivera")
    assert "➕ Ms Rivera — 1 in" in chat.messages[-2].plain
    assert "Is this Dr. Alan Brooks?" in chat.last.plain
    assert "“Dr Brooks” looks like someone already on your list (Professor, Carnegie Mellon)" in (
        chat.last.plain
    )
    assert chat.buttons() == ["✅ Yes, same person", "➕ No, someone new"]
    await chat.send("Prof Lee")  # typed before answering: the question again, nothing saved
    assert "Is this Dr. Alan Brooks?" in chat.last.plain
    await chat.press("✅ Yes, same person")
    assert "Dr. Alan Brooks is already on your list" in chat.messages[-2].plain
    assert "Faculty" in chat.last.plain  # back to naming people in this circle
    people = {c.name: c for c in await contacts.all(UID)}
    assert sorted(people) == ["Dr. Alan Brooks", "Ms Rivera"]
    assert people["Dr. Alan Brooks"].id == alan.id
    assert people["Dr. Alan Brooks"].circle == "faculty"  # the gap filled by the merge

    await chat.send("Dr. Alan Brooks")  # now in this circle under that very name: a repeat
    assert "Dr. Alan Brooks is already on your list" in chat.last.plain
    stale = next(m for m in chat.messages if "✅ Yes, same person" in chat.buttons(m))
    await chat.press("✅ Yes, same person", stale)  # the first question's button: no harm
    assert "Faculty" in chat.last.plain
    await chat.press("Next ▶")
    assert "Alumni" in chat.last.plain
    await chat.send("dr. alan BROOKS")  # another circle, another spelling: asked again
    assert "Is this Dr. Alan Brooks?" in chat.last.plain
    await chat.press("➕ No, someone new")  # a namesake: saved as a second person
    assert "dr. alan BROOKS — saved as someone new" in chat.messages[-2].plain
    assert "Alumni" in chat.last.plain
    await chat.send("done")
    assert "You just listed 2 people" in chat.last.plain
    assert len(await contacts.all(UID)) == 3


async def test_two_anas_in_two_circles_are_not_asked_about(harness: Harness) -> None:
    contacts = harness.app.bot_data["services"].contacts
    await contacts.add(UID, ContactDraft(name="Ana", circle="family"))
    chat = await _walk_to_faculty(harness)
    await chat.send("Ana")
    assert "➕ Ana — 1 in" in chat.last.plain
    assert len(await contacts.all(UID)) == 2


async def test_the_one_line_add_offers_the_look_alike_too(harness: Harness) -> None:
    contacts = harness.app.bot_data["services"].contacts
    await contacts.add(UID, ContactDraft(name="Dr. Alan Brooks", organization="Carnegie Mellon"))
    chat = harness.chat()
    await chat.send("/add Dr Brooks, Carnegie Mellon")
    await chat.press("✅ Save")
    assert "This looks like someone already in your list" in chat.last.plain
    assert "Dr. Alan Brooks" in chat.last.plain
    await chat.press("🔀 Merge")
    assert [c.name for c in await contacts.all(UID)] == ["Dr. Alan Brooks"]
