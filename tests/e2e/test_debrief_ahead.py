"""/debrief of a meeting still set for a future date asks whether it happened before anything
moves, and a meeting held early counts from today for the thank-you and keep-in-touch nudges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.features.contacts.domain import Contact, Stage
from bot.features.interviews import service as interviews
from bot.features.interviews.domain.interviews import Interview, Status
from bot.features.nudges import sync
from bot.features.nudges.domain.kinds import NudgeKind
from bot.features.nudges.domain.records import Nudge
from tests.fakes.harness import START, Harness
from tests.support.students import LA, UID, setup_student

DANA = "Dana Lopez · Kaiser Permanente"


async def _booked(h: Harness) -> tuple[Contact, Interview]:
    """Dana, with a meeting booked through /prep's use case for Thursday 10 December 15:00 in
    Los Angeles (the clock says Friday 27 November, 09:00 there)."""
    services = h.app.bot_data["services"]
    dana = await setup_student(h)
    interview = await services.interviews.create(UID, dana.id, "learn how she moved into it")
    await interviews.schedule(services, UID, dana, interview, "Thursday 10 December 3pm")
    booked = await services.interviews.get(UID, interview.id)
    assert booked.starts_at == datetime(2026, 12, 10, 15, 0, tzinfo=LA)
    return await services.contacts.get(UID, dana.id), booked


async def _active(h: Harness, kind: NudgeKind) -> list[Nudge]:
    return [n for n in await h.store.run(UID, sync.load_all) if n.kind is kind and n.state.active]


async def test_a_future_meeting_is_checked_first_and_held_today_moves_the_dates(
    harness: Harness,
) -> None:
    services = harness.app.bot_data["services"]
    dana, booked = await _booked(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press(DANA)
    assert (
        "Your meeting with Dana Lopez is set for Thu 10 Dec, 15:00. Did it happen already?"
        in chat.last.plain
    )
    assert chat.buttons() == ["✅ Yes, it happened", "⏳ No, it's still coming"]
    await chat.send("it went well")  # not an answer: asked again, nothing moved
    assert "Did it happen already?" in chat.last.plain
    assert (await services.contacts.get(UID, dana.id)).stage is Stage.SCHEDULED

    await chat.press("✅ Yes, it happened")
    # 15:00 today hasn't come yet at 09:00, so the meeting is taken as one that just ended.
    assert "I've put it down as Fri 27 Nov, 08:40" in chat.messages[-3].plain
    assert "Debrief: Dana Lopez" in chat.messages[-2].plain
    assert "What did you talk about?" in chat.last.plain
    held = await services.interviews.get(UID, booked.id)
    assert held.starts_at == START - timedelta(minutes=20)
    assert (await services.contacts.get(UID, dana.id)).scheduled_for == held.starts_at

    await chat.send("Informatics teams hire from clinical and CS backgrounds")
    await chat.send("her advice to join AMIA")
    await chat.press("No one")
    await chat.press("Skip")
    assert "Thank-you note for Dana Lopez" in chat.last.plain
    after = await services.contacts.get(UID, dana.id)
    assert after.stage is Stage.INTERVIEWED
    assert after.last_interaction == START  # today, when the debrief logged it
    assert (await services.interviews.get(UID, booked.id)).status is Status.DONE
    thanks = await _active(harness, NudgeKind.THANK_YOU)
    assert [n.anchor for n in thanks] == [START]  # the meeting's end: today, not 10 December
    assert thanks[0].deliver_at < datetime(2026, 11, 28, tzinfo=UTC)
    touch = await _active(harness, NudgeKind.KEEP_IN_TOUCH)
    assert [n.anchor for n in touch] == [START]
    assert not await _active(harness, NudgeKind.MEETING_DAY_BEFORE)
    assert not await _active(harness, NudgeKind.DEBRIEF)


async def test_held_today_keeps_the_planned_time_when_it_has_passed(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    _, booked = await _booked(harness)
    harness.clock.advance(seconds=8 * 3600)  # 17:00 in Los Angeles: a 15:00 meeting is over
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press(DANA)
    await chat.press("✅ Yes, it happened")
    assert "I've put it down as Fri 27 Nov, 15:00" in chat.messages[-3].plain
    held = await services.interviews.get(UID, booked.id)
    assert held.starts_at == datetime(2026, 11, 27, 15, 0, tzinfo=LA)


async def test_not_yet_changes_nothing_and_offers_to_prepare(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana, booked = await _booked(harness)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press(DANA)
    await chat.press("⏳ No, it's still coming")
    assert "too early for a debrief" in chat.last.plain
    assert "after Thu 10 Dec, 15:00" in chat.last.plain
    assert chat.buttons() == ["📋 Prepare for it", "Leave it for now"]
    assert (await services.contacts.get(UID, dana.id)).stage is Stage.SCHEDULED
    same = await services.interviews.get(UID, booked.id)
    assert (same.starts_at, same.status) == (booked.starts_at, Status.SCHEDULED)
    assert [n.anchor for n in await _active(harness, NudgeKind.THANK_YOU)] == [
        booked.starts_at + timedelta(minutes=20)
    ]
    await chat.press("Leave it for now")
    assert chat.buttons() == []
    await chat.send("/debrief")  # the debrief ended: a fresh start, the same question
    await chat.press(DANA)
    assert "Did it happen already?" in chat.last.plain
    await chat.send("Not yet")  # typed instead of tapped: the same answer
    assert "too early for a debrief" in chat.last.plain
    await chat.press("📋 Prepare for it")
    assert "Dana Lopez" in chat.last.plain
    assert (await services.contacts.get(UID, dana.id)).stage is Stage.SCHEDULED


async def test_a_past_meeting_goes_straight_to_the_notes(harness: Harness) -> None:
    await _booked(harness)
    harness.clock.advance(days=14)
    chat = harness.chat()
    await chat.send("/debrief")
    await chat.press(DANA)
    assert not any("Did it happen already?" in m.plain for m in chat.messages)
    assert "What did you talk about?" in chat.last.plain
