"""/privacy for every student; /stats for staff only, in totals that identify nobody."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.features.contacts.domain import Stage
from tests.fakes.harness import start_harness, stop_harness
from tests.support.students import setup_student

STAFF = 1


async def test_privacy_says_what_is_kept_where_and_what_goes_to_anthropic(tmp_path: Path) -> None:
    offline = await start_harness(tmp_path / "a")
    try:
        chat = offline.chat()
        await chat.send("/privacy")
        text = chat.last.plain
        assert "What goes to Anthropic: nothing" in text
        assert "/deletedata" in text and "until you erase it" in text
    finally:
        await stop_harness(offline)
    online = await start_harness(tmp_path / "b", anthropic_api_key="sk-ant-test")
    try:
        chat = online.chat()
        await chat.send("/privacy")
        assert "sent to Anthropic's Claude" in chat.last.plain
    finally:
        await stop_harness(online)


async def test_stats_is_refused_to_students(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "d", admin_user_ids=frozenset({STAFF}))
    try:
        chat = h.chat(user_id=2002)
        await chat.send("/stats")
        assert "for career-center staff" in chat.last.plain
        assert not chat.last.buttons
    finally:
        await stop_harness(h)


async def test_stats_counts_students_and_contacts_over_a_period(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "d", admin_user_ids=frozenset({STAFF}))
    try:
        for n in range(6):
            student = h.chat(user_id=3000 + n, first_name=f"Student{n}")
            await student.send(f"/add Person{n} Quist, Acme, engineer")
            await student.press("Save")
        staff = h.chat(user_id=STAFF, first_name="Staff")
        await staff.send("/stats")
        text = staff.last.plain
        assert "the last 30 days" in text
        assert "Active students: 6 of 6" in text
        assert "Contacts added: 6" in text
        assert "Interview requests sent: 0" in text
        assert "Quist" not in text and "Student" not in text and "3000" not in text
        await staff.press("All time")
        assert "all time" in staff.last.plain and "Contacts added: 6" in staff.last.plain
        h.clock.advance(days=8)
        await staff.send("/stats 7")  # a week later: nothing happened this week
        assert "Active students: 0 of 6" in staff.last.plain
        assert "Contacts added: 0" in staff.last.plain
    finally:
        await stop_harness(h)


async def test_small_counts_are_blurred(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "d", admin_user_ids=frozenset({STAFF}))
    try:
        student = h.chat(user_id=4001)
        await student.send("/add Ola Berg, Acme, engineer")
        await student.press("Save")
        staff = h.chat(user_id=STAFF)
        await staff.send("/stats 7")
        text = staff.last.plain
        assert "the last 7 days" in text
        assert "Contacts added: fewer than 5" in text
        assert "Active students: fewer than 5" in text
    finally:
        await stop_harness(h)


async def test_stats_counts_nudges_acted_on_once_each(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "d", admin_user_ids=frozenset({STAFF}))
    try:
        services = h.app.bot_data["services"]
        students = [5000 + n for n in range(7)]
        for uid in students:
            dana = await setup_student(h, user_id=uid)
            await services.contacts.set_stage(uid, dana.id, Stage.REQUEST_SENT)
        friday_9am = datetime(2026, 12, 4, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
        h.clock.advance(seconds=(friday_9am - h.clock.now()).total_seconds())
        await h.sweep()
        presses = ["✅ Done", "✅ Done", "⏰ 1 day", "⏰ 1 week"]
        for uid, press in zip(students, presses, strict=False):
            chat = h.chat(user_id=uid)
            assert "Follow up with Dana" in chat.last.plain
            await chat.press(press)
        h.clock.advance(days=1)
        await h.sweep()
        fifth, snoozer = h.chat(user_id=students[4]), h.chat(user_id=students[2])
        await fifth.press("✅ Done", next(m for m in fifth.messages if "Follow up" in m.plain))
        await snoozer.press("✅ Done")  # snoozed, then done: still one nudge acted on
        # students[5] and [6] ignore theirs

        staff = h.chat(user_id=STAFF)
        await staff.send("/stats")
        text = staff.last.plain
        assert "Nudges acted on: 5" in text, text
        assert "not counted yet" not in text and "Dana" not in text
        h.clock.advance(days=8)
        await staff.send("/stats 7")
        assert "Nudges acted on: 0" in staff.last.plain
    finally:
        await stop_harness(h)
