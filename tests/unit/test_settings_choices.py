"""/settings: what each setting accepts, in buttons and in the student's own words."""

from __future__ import annotations

import pytest

from bot.features.nudges.domain.prefs import NudgePrefs
from bot.features.settings.domain.choices import apply, parse_pace, parse_quiet, parse_weekday
from bot.render.messages import explain


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("21:00-09:00", (1260, 540)),
        ("10pm to 7am", (1320, 420)),
        ("22–8", (1320, 480)),
        ("none", (0, 0)),
    ],
)
def test_quiet_hours_in_words(text: str, window: tuple[int, int]) -> None:
    assert parse_quiet(text) == window


@pytest.mark.parametrize("text", ["tonight", "21:00", "9-9", "25:00-07:00"])
def test_unusable_quiet_hours_are_explained(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_quiet(text)
    assert explain(info.value).startswith(("Type", "Start"))


def test_numbers_are_bounded_and_toggles_flip() -> None:
    prefs = NudgePrefs()
    assert apply(prefs, "follow_up", "10 days").follow_up_days == 10
    with pytest.raises(ValueError) as info:
        apply(prefs, "follow_up", "1")
    assert "from 3 to 21" in explain(info.value)
    with pytest.raises(ValueError) as info:
        apply(prefs, "goal", "lots")
    assert "Type a number" in explain(info.value)
    assert apply(prefs, "reminders", "day_before").day_before is False
    assert apply(prefs, "reminders", "30").reminder_minutes_before == 30
    assert apply(prefs, "enabled", "").enabled is False
    assert apply(prefs, "summary_day", "fri").summary_day == 4


def test_weekday_and_pace() -> None:
    assert parse_weekday("Sunday") == 6 and parse_weekday("0") == 0
    with pytest.raises(ValueError):
        parse_weekday("someday")
    assert parse_pace("about 140 wpm") == 140
    with pytest.raises(ValueError) as info:
        parse_pace("400")
    assert explain(info.value) == "Most people speak between 80 and 250 words a minute."
