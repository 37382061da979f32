"""Plain-words dates in the student's zone, the interview record, the prep sheet and the .ics."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.features.interviews.domain.calendar import interview_ics
from bot.features.interviews.domain.interviews import (
    MAX_NEXT_STEPS,
    Interview,
    Mode,
    NoteEntry,
    Referral,
    Status,
    WhenError,
    add_next_steps,
    day_label,
    objective_suggestions,
    one_minute_commercial,
    parse_when,
    prep_sheet,
)
from bot.features.interviews.domain.logistics import logistics_for
from bot.render.messages import explain
from bot.render.templates import render
from bot.store.records import from_json, to_json

NOW = datetime(2025, 3, 5, 18, 0, tzinfo=UTC)  # a Wednesday; US clocks change on Sunday 9 March


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        ("next Tuesday 3pm", "America/Los_Angeles", datetime(2025, 3, 11, 15, 0)),
        ("tomorrow at 10", "America/Los_Angeles", datetime(2025, 3, 6, 10, 0)),
        ("Dec 3 14:30", "America/Los_Angeles", datetime(2025, 12, 3, 14, 30)),
        ("next Tuesday 3pm", "Europe/Berlin", datetime(2025, 3, 11, 15, 0)),
        ("tomorrow at 10", "Europe/Berlin", datetime(2025, 3, 6, 10, 0)),
        ("3pm", "Europe/Berlin", datetime(2025, 3, 6, 15, 0)),  # 15:00 today has passed there
        ("Friday at 3", "Europe/Berlin", datetime(2025, 3, 7, 15, 0)),
        ("tomorrow at 10", "Asia/Tokyo", datetime(2025, 3, 7, 10, 0)),  # already the 6th there
        ("Dec 3 14:30", "Asia/Tokyo", datetime(2025, 12, 3, 14, 30)),
        ("tomorrow at noon", "Asia/Tokyo", datetime(2025, 3, 7, 12, 0)),
        ("next Tuesday 15h", "Europe/Berlin", datetime(2025, 3, 11, 15, 0)),  # not "the 15th"
        ("Friday 15h30", "Europe/Berlin", datetime(2025, 3, 7, 15, 30)),
        ("tomorrow at 9.30", "Europe/Berlin", datetime(2025, 3, 6, 9, 30)),
        ("Friday at 3:30", "America/Los_Angeles", datetime(2025, 3, 7, 15, 30)),  # not 3:30 a.m.
        ("tomorrow 7:30am", "America/Los_Angeles", datetime(2025, 3, 6, 7, 30)),
    ],
)
def test_parse_when_in_the_students_zone(text: str, tz: str, expected: datetime) -> None:
    when = parse_when(text, tz, NOW)
    assert when.tzinfo is not None
    assert when == expected.replace(tzinfo=ZoneInfo(tz))
    assert when.replace(tzinfo=None) == expected


def test_parse_when_follows_daylight_saving() -> None:
    when = parse_when("next Tuesday 3pm", "America/Los_Angeles", NOW)
    assert when.utcoffset() == timedelta(hours=-7)  # PDT, although "now" is still PST
    assert when.astimezone(UTC) == datetime(2025, 3, 11, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "tz", "reason"),
    [
        ("banana", "Europe/Berlin", "couldn't read"),
        ("", "Europe/Berlin", "day and a time"),
        ("next Tuesday", "Europe/Berlin", "What time?"),
        ("yesterday 3pm", "America/Los_Angeles", "already passed"),
        ("today at 9am", "America/Los_Angeles", "already passed"),
        ("today at 9am", "America/Los_Angeles", "Which day?"),
        ("Dec 3 2027 10am", "Asia/Tokyo", "more than a year"),
        ("tomorrow 10am", "Mars/Olympus", "time zone"),
    ],
)
def test_bad_dates_get_friendly_reasons(text: str, tz: str, reason: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_when(text, tz, NOW)
    assert reason in explain(err.value)


def make_interview(**changes: object) -> Interview:
    base = Interview(
        id="iv1",
        contact_id="c1",
        objective="learn how you moved into UX research",
        created_at=NOW,
        questions=(
            "How did you get started?",
            "What is a typical week like?",
            "Who else should I speak with? May I use your name?",
        ),
        starts_at=datetime(2025, 3, 11, 15, 0, tzinfo=ZoneInfo("America/Los_Angeles")),
        duration_minutes=30,
        mode=Mode.IN_PERSON,
        location="Acme HQ, 1 Main St, San Jose",
    )
    return replace(base, **changes)


def test_record_round_trip() -> None:
    interview = make_interview(
        notes=(NoteEntry("How did you get started?", "Through a bootcamp"),),
        free_notes="Very friendly",
        referrals=(Referral("Sam Lee", "Globex", may_use_name=True),),
        next_steps=("Join the UX meetup",),
        highlight="the UX meetup",
        status=Status.DONE,
        prep_done=True,
    )
    record = to_json(interview)
    assert record["starts_at"] == "2025-03-11T15:00:00-07:00"
    assert record["mode"] == "in_person" and record["status"] == "done"
    assert from_json(Interview, record) == interview


def test_a_record_written_before_typed_records_still_loads() -> None:
    """The shape ``Interview.to_record`` wrote (main before the move to bot.store.records)."""
    old = {
        "id": "ab12cd34",
        "contact_id": "c1",
        "objective": "learn the field",
        "created_at": "2026-11-27T17:00:00+00:00",
        "questions": ["How did you start?"],
        "starts_at": "2026-12-03T14:30:00-08:00",
        "duration_minutes": 20,
        "mode": "video",
        "location": "",
        "prep_done": True,
        "notes": [{"question": "How did you start?", "answer": "Nursing"}],
        "free_notes": "",
        "referrals": [{"name": "Priya Shah", "organization": "Stanford", "may_use_name": True}],
        "next_steps": ["Join AMIA"],
        "highlight": "AMIA",
        "status": "done",
    }
    interview = from_json(Interview, old)
    assert interview.mode is Mode.VIDEO and interview.status is Status.DONE
    assert interview.starts_at == datetime(2026, 12, 3, 22, 30, tzinfo=UTC)
    assert interview.notes == (NoteEntry("How did you start?", "Nursing"),)
    assert interview.referrals == (Referral("Priya Shah", "Stanford", may_use_name=True),)
    sparse = from_json(
        Interview, {k: old[k] for k in ("id", "contact_id", "objective", "created_at")}
    )
    assert sparse.questions == () and sparse.status is Status.PLANNED


def test_duration_and_awareness_are_checked() -> None:
    with pytest.raises(ValueError, match="20–30"):
        make_interview(duration_minutes=45)
    with pytest.raises(ValueError, match="aware"):
        make_interview(starts_at=datetime(2025, 3, 11, 15, 0))


def test_question_editing() -> None:
    interview = make_interview()
    edited = (
        interview.with_question_added("  What surprised you   most? ")
        .with_question_replaced(0, "How did you find your first UX role?")
        .with_question_removed(2)
    )
    assert edited.questions == (
        "How did you find your first UX role?",
        "What is a typical week like?",
        "What surprised you most?",
    )
    assert interview.questions[0] == "How did you get started?"  # the original is untouched
    with pytest.raises(ValueError):
        interview.with_question_added("   ")
    with pytest.raises(IndexError):
        interview.with_question_removed(9)


def test_prep_sheet_fits_one_screen() -> None:
    interview = make_interview()
    commercial = one_minute_commercial(
        "Maya Chen",
        "BS Psychology",
        "UX research",
        "Acme",
        "I'd like to learn how you moved into UX research",
    )
    sheet = prep_sheet(
        interview,
        contact_name="Dana Lopez",
        organization="Acme",
        role="UX Researcher",
        tz_name="America/Los_Angeles",
        commercial=commercial,
    )
    assert sheet.who == "Dana Lopez, UX Researcher, Acme"
    assert (sheet.when, sheet.minutes) == ("Tue 11 Mar 2025, 15:00", 30)
    assert (sheet.mode, sheet.location) == ("In person", "Acme HQ, 1 Main St, San Jose")
    assert sheet.questions[0] == "How did you get started?"
    assert sheet.logistics == logistics_for("in_person")
    assert sheet.commercial == commercial
    text = render("interviews/sheet.html.j2", sheet=sheet)
    assert "<b>Informational interview: Dana Lopez, UX Researcher, Acme</b>" in text
    assert "When: Tue 11 Mar 2025, 15:00 · 30 min · In person, Acme HQ" in text
    assert "1. How did you get started?" in text
    assert all(item.replace("'", "&#39;") in text for item in sheet.essentials)
    assert "resume" in text and "thank-you note the same day" in text
    assert commercial.startswith("Hi, I'm Maya Chen, a BS Psychology student.")
    assert commercial.endswith("Today I'm hoping to learn how you moved into UX research.")
    assert commercial not in text  # behind "🗣 Opener", with the full logistics
    logistics = render("interviews/sheet_logistics.html.j2", sheet=sheet)
    assert all(f"- {item}".replace("'", "&#39;") in logistics for item in sheet.logistics)
    opener = render("interviews/sheet_opener.html.j2", sheet=sheet)
    assert commercial.replace("'", "&#39;") in opener
    assert len(text.splitlines()) <= 18 and len(text) <= 900


def test_objective_suggestions_read_after_to() -> None:
    suggestions = objective_suggestions("UX research", "Researcher", "Acme")
    assert len(suggestions) >= 3
    assert any("as a Researcher at Acme" in s for s in suggestions)
    assert all(s[0].islower() and not s.endswith(".") for s in suggestions)
    assert all("this field" in s or "your work" in s for s in objective_suggestions("", "", ""))


def test_ics_reads_back() -> None:
    interview = make_interview()
    data = interview_ics(
        interview, contact_name="Dana Lopez", organization="Acme", student_tz="America/Los_Angeles"
    )
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == interview.starts_at and end - start == timedelta(minutes=30)
    assert str(event["DTSTART"].params["TZID"]) == "America/Los_Angeles"
    assert str(event["SUMMARY"]) == "Informational interview: Dana Lopez"
    assert str(event["LOCATION"]) == "Acme HQ, 1 Main St, San Jose"
    assert "learn how you moved into UX research" in str(event["DESCRIPTION"])
    assert "1. How did you get started?" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == "interview-iv1@networking-coach"
    alarms = event.walk("VALARM")
    assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == timedelta(hours=-1)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/Los_Angeles"]


def test_ics_in_the_students_zone_and_stable_uid() -> None:
    interview = make_interview(mode=Mode.VIDEO, location="")
    first = Calendar.from_ical(
        interview_ics(
            interview, contact_name="Dana", organization="Acme", student_tz="Europe/Berlin"
        )
    ).walk("VEVENT")[0]
    assert str(first["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert first.decoded("DTSTART").hour == 23  # 15:00 in California is 23:00 in Berlin
    assert str(first["LOCATION"]) == "Video call"
    moved = replace(interview, starts_at=interview.starts_at + timedelta(days=1))
    again = Calendar.from_ical(
        interview_ics(moved, contact_name="Dana", organization="Acme", student_tz="Europe/Berlin")
    ).walk("VEVENT")[0]
    assert again["UID"] == first["UID"]


def test_ics_needs_a_date() -> None:
    with pytest.raises(ValueError, match="no date"):
        interview_ics(
            make_interview(starts_at=None), contact_name="Dana", organization="", student_tz="UTC"
        )


def test_day_label_has_no_leading_zero() -> None:
    when = datetime(2026, 12, 1, 15, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert day_label(when) == "Tuesday 1 December, 15:00"
    assert day_label(when, short=True, year=True) == "Tue 1 Dec 2026, 15:00"
    assert day_label(when, short=True, weekday=False, clock=False) == "1 Dec"
    assert day_label(when.replace(day=10)) == "Thursday 10 December, 15:00"


def test_next_steps_add_up_without_repeats_and_stop_at_the_limit() -> None:
    steps = add_next_steps((), "Join AMIA")
    steps = add_next_steps(steps, "• Ask Priya for 20 minutes\n\n - join amia \nRead the blog")
    assert steps == ("Join AMIA", "Ask Priya for 20 minutes", "Read the blog")
    many = add_next_steps(steps, "\n".join(f"step {i}" for i in range(10)))
    assert len(many) == MAX_NEXT_STEPS


def test_chosen_objective_keeps_the_students_own_or_picks_a_suggestion() -> None:
    from bot.features.interviews.domain.interviews import chosen_objective

    options = ["learn how you started", "hear about a typical week"]
    assert chosen_objective("keep", saved="my own words", suggestions=options) == "my own words"
    assert chosen_objective("2", saved="", suggestions=options) == "hear about a typical week"
    assert chosen_objective("9", saved="", suggestions=options) == "hear about a typical week"
    assert chosen_objective("keep", saved="", suggestions=options) == "learn how you started"
