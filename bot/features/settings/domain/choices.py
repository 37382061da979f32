"""Each setting: its buttons and how a typed answer is read. ValueError carries a friendly reason.

Reminder settings change :class:`NudgePrefs`; the time zone belongs to the profile and the speaking
pace to the pitch coach, so those two are read here and stored by their owners.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.explained import Explained
from bot.features.nudges.domain.prefs import WEEKDAYS, NudgePrefs, check_number, parse_clock

PACE_RANGE = (80, 250)

#: setting -> the values offered as buttons (a typed answer is accepted too, except for days)
OPTIONS: dict[str, tuple[str, ...]] = {
    "quiet": ("21:00-09:00", "22:00-08:00", "23:00-07:00", "none"),
    "follow_up": ("5", "7", "10"),
    "reminders": ("30", "60", "120", "day_before"),
    "thank_you": ("1", "3", "6"),
    "keep_in_touch": ("30", "60", "90", "180"),
    "goal": ("1", "2", "3", "5"),
    "summary_day": tuple(str(i) for i in range(7)),
    "pace": ("130", "150", "170"),
    "timezone": (),
}
SETTINGS = tuple(OPTIONS)


def _number(raw: str) -> int:
    match = re.search(r"\d+", raw)
    if match is None:
        raise Explained("settings.number_expected")
    return int(match.group())


def parse_quiet(raw: str) -> tuple[int, int]:
    """ "21:00-09:00", "10pm to 7am", "none" -> (start, end) minutes; (0, 0) means none."""
    text = raw.strip().lower()
    if text in ("none", "no", "off", "0"):
        return (0, 0)
    parts = re.split(r"\s*(?:-|–|to|until)\s*", text)
    if len(parts) != 2:
        raise Explained("settings.quiet_unreadable")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    if start == end:
        raise Explained("settings.quiet_same")
    return (start, end)


def apply(prefs: NudgePrefs, setting: str, raw: str) -> NudgePrefs:
    """``prefs`` with ``setting`` changed from a button value or typed text."""
    match setting:
        case "quiet":
            start, end = parse_quiet(raw)
            return replace(prefs, quiet_start=start, quiet_end=end)
        case "follow_up":
            return replace(prefs, follow_up_days=check_number("follow_up_days", _number(raw)))
        case "reminders":
            if raw == "day_before":
                return replace(prefs, day_before=not prefs.day_before)
            minutes = check_number("reminder_minutes_before", _number(raw))
            return replace(prefs, reminder_minutes_before=minutes)
        case "thank_you":
            return replace(prefs, thank_you_hours=check_number("thank_you_hours", _number(raw)))
        case "keep_in_touch":
            days = check_number("keep_in_touch_days", _number(raw))
            return replace(prefs, keep_in_touch_days=days)
        case "goal":
            return replace(prefs, weekly_goal=check_number("weekly_goal", _number(raw)))
        case "summary_day":
            return replace(prefs, summary_day=parse_weekday(raw))
        case "enabled":
            return replace(prefs, enabled=not prefs.enabled)
    raise ValueError(f"unknown setting {setting!r}")


def parse_weekday(raw: str) -> int:
    """ "0".."6", "Monday", "mon" -> 0..6."""
    text = raw.strip().lower()
    if text.isdigit() and 0 <= int(text) <= 6:
        return int(text)
    for index, name in enumerate(WEEKDAYS):
        if len(text) >= 3 and name.lower().startswith(text):
            return index
    raise Explained("settings.weekday_unreadable")


def parse_pace(raw: str) -> int:
    """Words per minute for the pitch coach's timing."""
    value = _number(raw)
    low, high = PACE_RANGE
    if not low <= value <= high:
        raise Explained("settings.pace_range", low=low, high=high)
    return value
