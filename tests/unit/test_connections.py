"""Connection lines are true to the relationship: no "I came across your work" to an aunt."""

from __future__ import annotations

import pytest

from bot.features.outreach.domain.connections import connection_line, knows_personally


@pytest.mark.parametrize(
    "circle",
    ["family", "friends", "roommates", "partners", "neighbors", "coworkers", "gym", "religious"],
)
def test_people_the_student_knows_get_no_how_i_found_you(circle: str) -> None:
    line = connection_line(circle)
    assert line == "I hope you're doing well"
    assert knows_personally(circle)


def test_a_professor_is_not_told_about_a_department_nobody_mentioned() -> None:
    assert "department" not in (connection_line("faculty") or "")


@pytest.mark.parametrize(
    ("note", "line"),
    [
        ("I took his auditing class", "I took your auditing class"),
        (
            "We met at the spring career fair. She gave me her card.",
            "We met at the spring career fair",
        ),
        ("She was my TA for statistics", "You were my TA for statistics"),
        ("He supervised my co-op at Stryker", "You supervised my co-op at Stryker"),
    ],
)
def test_how_they_met_in_the_students_words_is_said_to_them(note: str, line: str) -> None:
    assert connection_line("faculty", note) == line


def test_notes_that_are_not_about_meeting_are_not_used() -> None:
    assert connection_line("alumni", "Works on the flood team; likes cycling") == (
        "I found you through the alumni network"
    )
    assert connection_line(None, "great person") is None
    assert connection_line("introduced") is None
