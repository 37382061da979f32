"""Keep in touch per contact (the card's buttons, the circle's default, the /settings number) and
the first weekly summary of a student who has only onboarded."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.features.contacts.domain import ContactDraft, Stage
from bot.features.nudges import sync
from bot.features.nudges.domain.kinds import NudgeKind
from tests.fakes.harness import Harness
from tests.support.students import LA, UID, setup_student


async def keep_in_touch(h: Harness, contact_id: str) -> list[Any]:
    nudges = await h.store.run(UID, sync.load_all)
    return [
        n
        for n in nudges
        if n.kind is NudgeKind.KEEP_IN_TOUCH and n.contact_id == contact_id and n.state.active
    ]


def local_day(nudge: Any) -> date:
    return nudge.deliver_at.astimezone(LA).date()


async def test_the_card_sets_the_cadence_and_an_interaction_resets_it(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.THANKED)
    [kit] = await keep_in_touch(harness, dana.id)
    today = harness.clock.now().astimezone(LA).date()
    assert (local_day(kit) - today).days == 90  # alumni: the /settings number

    chat = harness.chat()
    await chat.send("/contacts")
    await chat.press(next(b for b in chat.buttons() if "Dana Lopez" in b))
    await chat.press("⏰ Keep in touch")
    assert "Now: every 90 days, the usual for" in chat.last.plain
    await chat.press("Every month")
    assert "keep in touch with Dana Lopez every 30 days" in chat.last.plain
    [moved] = await keep_in_touch(harness, dana.id)
    assert moved.id == kit.id and (local_day(moved) - today).days == 30

    harness.clock.advance(days=10)  # any interaction restarts the month
    await chat.press("💬 Log")
    await chat.send("Coffee after her talk on campus")
    [reset] = await keep_in_touch(harness, dana.id)
    assert reset.id == kit.id and (local_day(reset) - today).days == 40

    await chat.press("⏰ Keep in touch")
    assert "• Every month" in chat.buttons()
    await chat.press("Never")
    assert "No keep-in-touch reminders for Dana Lopez" in chat.last.plain
    assert await keep_in_touch(harness, dana.id) == []
    await chat.press("⏰ Keep in touch")
    await chat.press("Every 6 months")
    [back] = await keep_in_touch(harness, dana.id)
    assert (local_day(back) - today).days == 10 + 180  # from the coffee, not from today
    await services.contacts.delete(UID, dana.id)
    assert (await services.nudges.prefs(UID)).cadences == ()  # the choice goes with the contact


async def test_circles_have_their_own_default_and_settings_moves_only_professionals(
    harness: Harness,
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    sam = await services.contacts.add(UID, ContactDraft(name="Sam Park", circle="clubs"))
    mom = await services.contacts.add(UID, ContactDraft(name="Ana Chen", circle="family"))
    for person in (dana, sam, mom):
        await services.contacts.set_stage(UID, person.id, Stage.THANKED)
    today = harness.clock.now().astimezone(LA).date()
    [for_dana] = await keep_in_touch(harness, dana.id)
    [for_sam] = await keep_in_touch(harness, sam.id)
    assert (local_day(for_dana) - today).days == 90
    assert (local_day(for_sam) - today).days == 60
    assert await keep_in_touch(harness, mom.id) == []  # family: none unless the student asks

    chat = harness.chat()
    await chat.send("/settings")
    await chat.press("🤝 Keep in touch")
    await chat.press("180 days")
    [for_dana] = await keep_in_touch(harness, dana.id)
    [for_sam] = await keep_in_touch(harness, sam.id)
    assert (local_day(for_dana) - today).days == 180
    assert (local_day(for_sam) - today).days == 60


async def test_onboarding_alone_plans_the_first_weekly_summary(harness: Harness) -> None:
    chat = harness.chat(first_name="Alex")
    await chat.send("/start")
    for answer in ("Maria Lopez", "BS Mechanical Engineering", "health care", "Internship"):
        await chat.send(answer)
    await chat.send("San Jose")
    assert "You're all set, Maria!" in chat.last.plain
    nudges = await harness.store.run(chat.user_id, sync.load_all)
    [weekly] = [n for n in nudges if n.kind is NudgeKind.WEEKLY_SUMMARY]
    assert weekly.deliver_at.astimezone(LA).weekday() == 0  # Monday, 10:00 in her zone
    assert weekly.deliver_at.astimezone(LA).hour == 10
    harness.clock.advance(seconds=(weekly.deliver_at - harness.clock.now()).total_seconds())
    await harness.sweep()
    assert "📊" in chat.last.plain


async def test_setting_the_summary_day_before_any_contact_plans_the_summary(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await chat.send("/settings")
    await chat.press("📊 Summary day")
    await chat.press("Wed")
    nudges = await harness.store.run(chat.user_id, sync.load_all)
    [weekly] = [n for n in nudges if n.kind is NudgeKind.WEEKLY_SUMMARY]
    assert weekly.deliver_at.weekday() == 2
