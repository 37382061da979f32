"""Nudges end to end: the coach speaks first, at the right local time, never lost, never twice.

Everything runs through the real application over the in-process Bot API with a fixed clock;
``harness.sweep()`` is one run of the JobQueue's periodic sweep at the clock's current time.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.features.contacts.domain import ContactDraft, Stage
from bot.features.nudges import sync
from bot.features.nudges.domain.kinds import NudgeKind, NudgeState
from bot.features.nudges.repository import NudgeRepository
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.profile.domain.profile import Profile
from bot.localchat.botapi import BOT_USER, LocalBotAPI
from bot.localchat.session import LocalChat
from tests.fakes.harness import Harness, start_harness, stop_harness
from tests.support.students import UID, setup_student

LA = ZoneInfo("America/Los_Angeles")
FOLLOW_ANA = "<b>Follow up with Ana Ruiz.</b>"  # the nudge itself, not a summary's list
FOLLOW_DANA = "<b>Follow up with Dana Lopez.</b>"


def la(*args: int) -> datetime:
    return datetime(*args, tzinfo=LA)


def at(harness: Harness, moment: datetime) -> None:
    """Move the fixed clock to ``moment`` (never backwards)."""
    delta = moment.astimezone(UTC) - harness.clock.now()
    assert delta >= timedelta(0), "time only moves forward"
    harness.clock.advance(seconds=delta.total_seconds())


def sends(h: Harness, chat_id: int = UID) -> list[dict[str, Any]]:
    return [p for m, p in h.api.state.calls if m == "sendMessage" and int(p["chat_id"]) == chat_id]


async def stored(h: Harness, uid: int = UID) -> list[Any]:
    return await h.store.run(uid, sync.load_all)


async def send_request(h: Harness, chat: LocalChat) -> None:
    await chat.send("/draft")
    await chat.press("Interview request (email)")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.send("learn how you moved from nursing into health informatics")
    await chat.press("✅ I sent it")


async def test_follow_up_arrives_a_week_later_in_the_students_morning(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)  # Los Angeles; the clock says Friday 27 Nov, 09:00 there
    chat = harness.chat()
    await send_request(harness, chat)
    [follow] = [n for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP]
    assert follow.contact_id == dana.id and follow.state is NudgeState.PENDING
    assert follow.deliver_at == la(2026, 12, 4, 9, 0)

    at(harness, la(2026, 11, 30, 10, 0))  # Monday: the weekly summary, nothing else
    await harness.sweep()
    summary = chat.last.plain
    assert summary.startswith("📊 Your week")
    assert "Requests sent: 1 of your goal of 2" in summary
    assert "People added to your network: 1" in summary
    assert "Fri 4 Dec, 09:00 — ✉️ Follow up with Dana Lopez" in summary

    at(harness, la(2026, 12, 4, 8, 59))
    before = len(sends(harness))
    await harness.sweep()
    assert len(sends(harness)) == before
    at(harness, la(2026, 12, 4, 9, 0))
    await harness.sweep()
    nudge = chat.last
    assert "Follow up with Dana Lopez." in nudge.plain
    assert "went out on Fri 27 Nov, 7 days ago" in nudge.plain
    assert chat.buttons(nudge) == ["✉️ Follow up", "✅ Done", "⏰ 1 day", "⏰ 1 week", "🔕 Stop"]
    [follow] = [n for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP]
    assert follow.state is NudgeState.SENT and follow.message_id == nudge.message_id

    # "Do it now" opens the follow-up draft for Dana at once
    await chat.press("✉️ Follow up")
    assert "What do you hope to learn from Dana Lopez?" in chat.last.plain
    await chat.press("Keep my objective")
    kept = await services.drafts.for_contact(UID, dana.id)
    assert kept[-1].kind is DraftKind.FOLLOW_UP
    await chat.press("✅ I sent it")
    kinds = {n.kind: n for n in await stored(harness)}
    assert kinds[NudgeKind.FOLLOW_UP].state is NudgeState.DONE
    assert kinds[NudgeKind.NO_REPLY].state is NudgeState.PENDING

    # a week later without a reply: marked "no reply", kindly
    at(harness, la(2026, 12, 11, 9, 0))
    await harness.sweep()
    assert any("No reply from Dana Lopez" in m.plain for m in chat.messages[-2:])
    assert (await services.contacts.get(UID, dana.id)).stage is Stage.NO_REPLY
    assert harness.sweep is not None and (await harness.sweep()).messages == 0


async def test_each_time_zone_gets_its_own_morning(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "data")
    services = h.app.bot_data["services"]
    zones = {2001: "America/Los_Angeles", 2002: "Asia/Tokyo", 2003: "Europe/Berlin"}
    for uid, tz in zones.items():
        await services.profiles.save(uid, Profile(name="Sam", timezone=tz, onboarded=True))
        contact = await services.contacts.add(uid, ContactDraft(name="Ana Ruiz"))
        # Friday 17:00 UTC: 09:00 in LA, 18:00 in Berlin, 02:00 on Saturday in Tokyo
        await services.contacts.set_stage(uid, contact.id, Stage.REQUEST_SENT)
    expected = {
        2001: la(2026, 12, 4, 9, 0),
        2003: datetime(2026, 12, 4, 18, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        2002: datetime(2026, 12, 5, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")),  # quiet hours: 09:00
    }
    for uid, when in expected.items():
        [follow] = [n for n in await stored(h, uid) if n.kind is NudgeKind.FOLLOW_UP]
        assert follow.deliver_at == when
    at(h, datetime(2026, 12, 4, 17, 0, tzinfo=UTC))
    await h.sweep()
    got = {uid for uid in zones if any(FOLLOW_ANA in p["text"] for p in sends(h, uid))}
    assert got == {2001, 2003}
    at(h, datetime(2026, 12, 5, 0, 0, tzinfo=UTC))
    await h.sweep()
    assert any(FOLLOW_ANA in p["text"] for p in sends(h, 2002))
    await stop_harness(h)
    assert not h.spec.violations


async def test_daylight_saving_change_keeps_the_local_hour(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 10, 30, 17, 0, tzinfo=UTC))  # Fri 10:00 PDT
    h = await start_harness(tmp_path / "data", clock=clock)
    dana = await setup_student(h)
    services = h.app.bot_data["services"]
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    at(h, datetime(2026, 11, 6, 17, 0, tzinfo=UTC))  # 09:00 PST: a naive "+7 x 24h" fires here
    await h.sweep()
    assert not any(FOLLOW_DANA in p["text"] for p in sends(h))
    at(h, datetime(2026, 11, 6, 18, 0, tzinfo=UTC))  # 10:00 PST, the same wall-clock time
    await h.sweep()
    assert any(FOLLOW_DANA in p["text"] for p in sends(h))
    await stop_harness(h)


async def test_nudges_due_together_are_bundled_and_buttons_act_on_one(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    lee = await services.contacts.add(UID, ContactDraft(name="Lee Park", circle="faculty"))
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    await services.contacts.set_stage(UID, lee.id, Stage.REQUEST_SENT)
    at(harness, la(2026, 12, 4, 9, 5))
    await harness.sweep()
    chat = harness.chat()
    bundle = next(m for m in reversed(chat.messages) if "Follow up with Lee Park" in m.plain)
    assert "Follow up with Dana Lopez" in bundle.plain
    assert bundle.plain.startswith("2 things for you today")
    labels = chat.buttons(bundle)
    assert "✉️ Follow up: Dana" in labels and "✉️ Follow up: Lee" in labels
    assert labels.count("✅ Done") == 2
    snooze = next(b["callback_data"] for b in bundle.buttons if b["text"] == "⏰ 1 day")
    await chat.press("✅ Done", bundle)
    assert "✅ Done" in chat.last.plain
    assert chat.buttons(bundle).count("✅ Done") == 1  # the other nudge keeps its buttons
    states = {n.contact_id: n.state for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP}
    assert sorted(states.values()) == [NudgeState.DONE, NudgeState.SENT]
    await chat.press_data(snooze, bundle)  # a stale button of the finished nudge
    assert "already taken care of" in chat.last.plain
    states = {n.contact_id: n.state for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP}
    assert sorted(states.values()) == [NudgeState.DONE, NudgeState.SENT]


async def test_snooze_a_day_then_a_week_and_stop(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    at(harness, la(2026, 12, 4, 9, 0))
    await harness.sweep()
    chat = harness.chat()
    await chat.press("⏰ 1 day")
    assert "Snoozed until Sat 5 Dec, 09:00" in chat.last.plain
    at(harness, la(2026, 12, 5, 8, 59))
    before = len(sends(harness))
    await harness.sweep()
    assert len(sends(harness)) == before
    at(harness, la(2026, 12, 5, 9, 0))
    await harness.sweep()
    assert "Follow up with Dana" in chat.last.plain
    await chat.press("⏰ 1 week")
    assert "Sat 12 Dec" in chat.last.plain
    await chat.send("/nudges")
    assert "Sat 12 Dec, 09:00 — ✉️ Follow up with Dana Lopez (snoozed)" in chat.last.plain
    await chat.press("🔕 Stop")
    assert "No more reminders about Dana Lopez" in chat.last.plain
    assert all(not n.state.active for n in await stored(harness) if n.contact_id == dana.id)
    await services.contacts.set_stage(UID, dana.id, Stage.TO_CONTACT)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    assert all(not n.state.active for n in await stored(harness) if n.contact_id == dana.id)
    await chat.send("/nudges")
    assert "Nothing is waiting for you right now" in chat.last.plain


async def test_a_meeting_brings_reminders_debrief_and_thank_you(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    chat = harness.chat()
    await send_request(harness, chat)
    await chat.press("📋 Prepare for it")
    await chat.press("Keep my objective")
    await chat.press("Skip for now")  # the research step
    await chat.press("✅ These are good")
    await chat.send("next Tuesday 3pm")  # Tuesday 1 December, 15:00 in Los Angeles
    await chat.press("🤝 In person")
    kinds = {n.kind: n for n in await stored(harness) if n.state.active}
    assert NudgeKind.FOLLOW_UP not in kinds  # a meeting is a reply
    assert kinds[NudgeKind.MEETING_DAY_BEFORE].deliver_at == la(2026, 11, 30, 15, 0)

    at(harness, la(2026, 11, 30, 15, 0))
    await harness.sweep()
    day_before = next(m for m in reversed(chat.messages) if "Tomorrow: Dana Lopez" in m.plain)
    assert "confirm the time and place" in day_before.plain
    assert "Your prep sheet" in day_before.plain and "Objective:" in day_before.plain
    assert len(day_before.plain.splitlines()) <= 18  # the sheet's first screen, not all of it
    assert "The whole sheet, with every question" in day_before.plain
    assert "📋 Prep" in chat.buttons(day_before)

    at(harness, la(2026, 12, 1, 14, 0))
    await harness.sweep()
    assert "In about an hour: Dana Lopez" in chat.last.plain

    at(harness, la(2026, 12, 1, 16, 20))
    await harness.sweep()
    assert "How did it go with Dana Lopez?" in chat.last.plain
    assert chat.buttons()[0] == "📝 Debrief"

    at(harness, la(2026, 12, 1, 18, 20))
    await harness.sweep()
    assert "Time to thank Dana Lopez" in chat.last.plain
    await chat.press("✉️ Thank-you")  # do it now: the thank-you draft for Dana
    if "Skip" in chat.buttons():
        await chat.send("how she moved over after an EHR rollout")
    await chat.press("✅ I sent it")
    assert (await services.contacts.get(UID, dana.id)).stage is Stage.THANKED
    thanks = [n for n in await stored(harness) if n.kind is NudgeKind.THANK_YOU_AGAIN]
    assert thanks[0].state is NudgeState.DONE  # no escalation the next day
    at(harness, la(2026, 12, 2, 18, 20))
    before = len(sends(harness))
    await harness.sweep()
    assert not any("thank-you" in p["text"].lower() for p in sends(harness)[before:])


async def test_restart_after_a_week_down_delivers_overdue_nudges_once_bundled(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    first = await start_harness(data)
    services = first.app.bot_data["services"]
    dana = await setup_student(first)
    lee = await services.contacts.add(UID, ContactDraft(name="Lee Park", circle="faculty"))
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    await services.contacts.set_stage(UID, lee.id, Stage.REQUEST_SENT)
    # the bot dies here (no shutdown) and comes back two weeks later
    later = FixedClock(first.clock.now() + timedelta(days=14))
    second = await start_harness(data, clock=later)
    await second.sweep()
    texts = [p["text"] for p in sends(second)]
    bundles = [t for t in texts if "Follow up with Dana" in t]
    assert len(bundles) == 1 and "Follow up with Lee" in bundles[0]
    assert "While I was away" in bundles[0]
    assert sum("Your week" in t for t in texts) == 1  # one summary, not one per missed week
    again = await second.sweep()
    assert again.messages == 0 and len(sends(second)) == len(texts)
    await stop_harness(second)


@pytest.mark.parametrize(
    ("kind", "resent"),
    [(NudgeKind.FOLLOW_UP, False), (NudgeKind.MEETING_DAY_BEFORE, True)],
)
async def test_crash_between_send_and_record_follows_the_kinds_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: NudgeKind, resent: bool
) -> None:
    data = tmp_path / "data"
    first = await start_harness(data)
    services = first.app.bot_data["services"]
    dana = await setup_student(first)
    if kind is NudgeKind.FOLLOW_UP:
        await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
        due = la(2026, 12, 4, 9, 0)
        marker = "Follow up with Dana"
    else:
        interview = await services.interviews.create(UID, dana.id, "learn about her path")
        start = la(2026, 12, 3, 15, 0)
        await services.interviews.update(UID, interview.id, lambda i: _scheduled(i, start))
        due = la(2026, 12, 2, 15, 0)
        marker = "Tomorrow: Dana Lopez"
    at(first, due - timedelta(hours=1))
    await first.sweep()  # the weekly summary that fell due before
    at(first, due)

    async def crash(self: NudgeRepository, *args: object, **kwargs: object) -> list[str]:
        raise SystemError("killed between send and record")

    monkeypatch.setattr(NudgeRepository, "record", crash)
    report = await first.sweep()
    assert report.failures and any(marker in p["text"] for p in sends(first))
    monkeypatch.undo()
    [claimed] = [n for n in await stored(first) if n.kind is kind]
    assert claimed.state is NudgeState.CLAIMED

    second = await start_harness(data, clock=FixedClock(first.clock.now() + timedelta(minutes=1)))
    await second.sweep()
    assert any(marker in p["text"] for p in sends(second)) is resent
    [after] = [n for n in await stored(second) if n.kind is kind]
    assert after.state is NudgeState.SENT
    assert ("not sent again" in after.history[-1].text) is not resent
    await second.sweep()
    assert sum(marker in p["text"] for p in sends(second)) == int(resent)
    await stop_harness(second)


def _scheduled(interview: Any, start: datetime) -> Any:
    from dataclasses import replace

    from bot.features.interviews.domain.interviews import Status

    return replace(interview, starts_at=start, status=Status.SCHEDULED)


def _block(api: LocalBotAPI, chat_id: int) -> list[int]:
    """Make Telegram answer 403 to messages for ``chat_id``, as after the student blocked us."""
    original = api.do_request
    attempts: list[int] = []

    async def do_request(url: str, method: str, request_data: Any = None, *a: Any, **k: Any):
        params = request_data.parameters if request_data else {}
        if url.endswith("/sendMessage") and int(params.get("chat_id", 0)) == chat_id:
            attempts.append(chat_id)
            if api.blocked:  # type: ignore[attr-defined]
                body = {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                }
                return 403, json.dumps(body).encode()
        return await original(url, method, request_data, *a, **k)

    api.blocked = True  # type: ignore[attr-defined]
    api.do_request = do_request  # type: ignore[method-assign]
    return attempts


def _membership(status: str, old: str) -> dict[str, Any]:
    member = {"user": BOT_USER, "status": status}
    previous = {"user": BOT_USER, "status": old}
    if old == "kicked":
        previous["until_date"] = 0
    if status == "kicked":
        member["until_date"] = 0
    return {
        "my_chat_member": {
            "chat": {"id": UID, "type": "private", "first_name": "Maya"},
            "from": {"id": UID, "is_bot": False, "first_name": "Maya"},
            "date": 1_780_000_000,
            "old_chat_member": previous,
            "new_chat_member": member,
        }
    }


async def test_a_blocked_student_is_paused_with_one_log_line_and_resumed_on_unblock(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    attempts = _block(harness.api, UID)
    at(harness, la(2026, 12, 4, 9, 0))
    with caplog.at_level(logging.INFO, logger="bot.features.nudges"):
        report = await harness.sweep()
        for hours in (1, 2, 3):
            harness.clock.advance(hours=hours)
            await harness.sweep()
    assert report.blocked == 1 and len(attempts) == 1  # skipped afterwards, not retried
    assert sum("blocked the bot" in r.getMessage() for r in caplog.records) == 1
    assert not (await services.nudges.prefs(UID)).active
    [follow] = [n for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP]
    assert follow.state is NudgeState.PENDING  # kept for when they come back

    harness.api.blocked = False  # type: ignore[attr-defined]
    chat = harness.chat()
    await chat.send_update(_membership("member", "kicked"))
    assert (await services.nudges.prefs(UID)).active
    await harness.sweep()
    assert any(FOLLOW_DANA in p["text"] for p in sends(harness))
    await chat.send_update(_membership("kicked", "member"))
    assert not (await services.nudges.prefs(UID)).active


async def test_settings_changes_move_pending_nudges(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    chat = harness.chat()
    await chat.send("/settings")
    await chat.press("✉️ Follow-up")
    await chat.press("10 days")
    assert "waiting reminders have moved" in chat.last.plain
    await chat.press("🌙 Quiet hours")
    await chat.send("21:00-10:30")
    [follow] = [n for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP]
    assert follow.deliver_at == la(2026, 12, 7, 10, 30)  # 09:00 is inside the new quiet hours
    await chat.press("🎯 Weekly goal")
    await chat.press("3 a week")
    await chat.press("📊 Summary day")
    await chat.press("Fri")
    [weekly] = [n for n in await stored(harness) if n.kind is NudgeKind.WEEKLY_SUMMARY]
    assert weekly.deliver_at == la(2026, 11, 27, 10, 30)  # today is Friday; 10:00 is quiet now
    await chat.press("🗣 Speaking pace")
    await chat.send("fast, maybe 400")
    assert "between 80 and 250" in chat.last.plain
    await chat.send("140")
    assert "Speaking pace: 140 words a minute" in chat.last.plain
    from bot.features.pitch.service import PitchService

    assert await PitchService(services).wpm_for(UID) == 140  # the pitch coach times with it
    await chat.press("🔕 Reminders off")
    assert "Reminders are off" in chat.last.plain
    at(harness, la(2026, 12, 8, 12, 0))
    assert (await harness.sweep()).messages == 0
    await chat.press("🔔 Reminders on")
    await chat.press("Done")
    await harness.sweep()
    assert any("Follow up with Dana" in p["text"] for p in sends(harness))


async def test_settings_time_zone_moves_reminders_and_bad_input_is_explained(
    harness: Harness,
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    chat = harness.chat()
    await chat.send("/settings")
    await chat.press("🌍 Time zone")
    await chat.send("Narnia")  # (Atlantis is a real town, in South Africa)
    assert chat.last.plain  # the profile's own explanation; still on the same step
    await chat.send("Berlin")
    assert "Time zone: Europe/Berlin" in chat.last.plain
    [follow] = [n for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP]
    # sent Friday 09:00 in LA = 18:00 in Berlin; a week later, 18:00 Berlin time
    assert follow.deliver_at == datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    await chat.send("/cancel")
    await chat.send("/help")
    assert "/nudges" in chat.last.plain and "/settings" in chat.last.plain


async def test_follow_up_draft_offers_those_waiting_and_notes_when_it_is_early(
    harness: Harness,
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.add(UID, ContactDraft(name="Lee Park", circle="faculty"))
    chat = harness.chat()
    await chat.send("/draft")
    await chat.press("Follow-up (no reply)")
    assert "nobody is waiting on a reply" in chat.last.plain
    await send_request(harness, chat)
    harness.clock.advance(days=3)  # Monday: one working day later
    await chat.send("/draft")
    await chat.press("Follow-up (no reply)")
    assert "Who are you following up with?" in chat.last.plain
    assert chat.buttons() == ["Dana Lopez · Kaiser Permanente", "➕ Someone new"]
    await chat.press("Dana Lopez · Kaiser Permanente")
    note = next(m for m in chat.messages[-3:] if "A gentle note" in m.plain)
    assert "went out on Friday, 1 working day ago" in note.plain
    await chat.press("Keep my objective")  # the draft goes ahead all the same
    assert chat.buttons()[-1] == "✅ I sent it"
    lee = next(c for c in await services.contacts.all(UID) if c.name == "Lee Park")
    await chat.send("/draft")
    await chat.press("Follow-up (no reply)")
    await chat.send("Lee")
    await chat.press("Lee Park")
    assert "haven't sent Lee Park a request yet" in chat.last.plain
    assert lee.stage is Stage.TO_CONTACT and dana.id


async def test_returning_start_shows_what_is_due(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    chat = harness.chat()
    at(harness, la(2026, 11, 30, 11, 0))
    await chat.send("/start")
    greeting = chat.last.plain
    assert greeting.startswith("Welcome back, Maya!")
    assert "Due today" not in greeting and "📊" not in greeting  # summaries aren't chores
    assert "This week" in greeting and "Fri 4 Dec, 09:00 — ✉️ Follow up with Dana Lopez" in greeting
    at(harness, la(2026, 12, 4, 8, 0))
    await chat.send("/start")
    assert "Due today\n• ✉️ Follow up with Dana Lopez" in chat.last.plain


async def test_an_interaction_restarts_keep_in_touch(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.THANKED)
    [kit] = [n for n in await stored(harness) if n.kind is NudgeKind.KEEP_IN_TOUCH]
    assert kit.deliver_at.astimezone(LA).date().isoformat() == "2027-02-25"
    harness.clock.advance(days=40)
    await services.contacts.log_interaction(UID, dana.id, "Coffee at the career fair")
    [kit] = [
        n for n in await stored(harness) if n.kind is NudgeKind.KEEP_IN_TOUCH and n.state.active
    ]
    assert kit.deliver_at.astimezone(LA).date().isoformat() == "2027-04-06"
    at(harness, kit.deliver_at)
    await harness.sweep()
    chat = harness.chat()
    assert any("Time to check in with Dana Lopez" in m.plain for m in chat.messages[-2:])
    await chat.press("✉️ Send an update")
    assert "Dana" in chat.last.plain


async def test_a_big_bundle_fits_telegram_and_points_to_the_rest(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    await setup_student(harness)
    for n in range(12):
        person = await services.contacts.add(UID, ContactDraft(name=f"Person{n} Example"))
        await services.contacts.set_stage(UID, person.id, Stage.REQUEST_SENT)
    at(harness, la(2026, 12, 4, 9, 0))
    await harness.sweep()
    chat = harness.chat()
    bundle = chat.last
    assert bundle.plain.startswith("12 things for you today")
    assert "(+6 more: /nudges lists them all.)" in bundle.plain
    assert sum(label.startswith("✉️ Follow up:") for label in chat.buttons(bundle)) == 6
    assert all(len(m.plain) <= 4096 for m in chat.messages)
    assert all(
        n.state is NudgeState.SENT for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP
    )


async def test_finished_nudges_are_forgotten_after_half_a_year(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    await services.contacts.set_stage(UID, dana.id, Stage.DECLINED)  # cancels the follow-up
    assert any(n.kind is NudgeKind.FOLLOW_UP for n in await stored(harness))
    harness.clock.advance(days=200)
    await harness.sweep()  # the weekly summary goes out, and old records are pruned
    assert not any(n.kind is NudgeKind.FOLLOW_UP for n in await stored(harness))


async def test_meeting_reminder_opens_prep_and_lists_one_thank_you(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    interview = await services.interviews.create(UID, dana.id, "learn about her path")
    start = la(2026, 12, 3, 15, 0)
    await services.interviews.update(UID, interview.id, lambda i: _scheduled(i, start))
    chat = harness.chat()
    await chat.send("/nudges")
    listed = chat.last.plain
    assert listed.count("Thank-you to Dana Lopez") == 1  # the escalation shows once it's due
    assert len(chat.buttons()) == 3 * 5  # buttons for the soonest three
    at(harness, la(2026, 12, 2, 15, 0))
    await harness.sweep()
    await chat.press("📋 Prep")
    assert "Dana Lopez" in chat.last.plain


async def test_the_local_chats_time_command_delivers_what_fell_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.clock import ShiftableClock
    from bot.localchat.terminal import _move_time

    clock = ShiftableClock(FixedClock(datetime(2026, 11, 27, 17, 0, tzinfo=UTC)))
    h = await start_harness(tmp_path / "data", clock=clock)  # type: ignore[arg-type]
    services = h.app.bot_data["services"]
    dana = await setup_student(h)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    await _move_time(h.app, clock, "+7d")
    assert "the clock now says Fri 04 Dec 2026 17:00 UTC" in capsys.readouterr().out
    assert any(FOLLOW_DANA in p["text"] for p in sends(h))
    with pytest.raises(ValueError):
        await _move_time(h.app, None, "+1d")
    await stop_harness(h)


async def test_a_nudge_about_a_contact_deleted_in_flight_is_dropped_not_sent(
    harness: Harness,
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    await services.contacts.set_stage(UID, dana.id, Stage.REQUEST_SENT)
    at(harness, la(2026, 12, 4, 9, 0))
    # the contact's record vanishes without the repository (e.g. an import gone wrong)
    await harness.store.run(UID, lambda tx: tx.table("contacts").remove(dana.id))
    await harness.sweep()
    assert not any(FOLLOW_DANA in p["text"] for p in sends(harness))
    [follow] = [n for n in await stored(harness) if n.kind is NudgeKind.FOLLOW_UP]
    assert follow.state is NudgeState.CANCELLED and follow.history[-1].text == "contact gone"
