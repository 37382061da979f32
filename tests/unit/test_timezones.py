"""What students type for their time zone, and what it becomes."""

from __future__ import annotations

import pytest

from bot.features.profile.content import resolve_timezone
from bot.features.profile.domain.timezones import UnknownTimezone
from bot.render.messages import explain


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("San Jose", "America/Los_Angeles"),
        ("europe/berlin", "Europe/Berlin"),
        ("New York", "America/New_York"),
        ("Bostn", "America/New_York"),
        ("Lndon", "Europe/London"),
        ("tokyo", "Asia/Tokyo"),
        ("Bengaluru", "Asia/Kolkata"),
        ("UTC", "UTC"),
        ("UTC+2", "Etc/GMT-2"),
        ("gmt -5", "Etc/GMT+5"),
        ("US/Pacific", "US/Pacific"),
    ],
)
def test_known_places(typed: str, zone: str) -> None:
    assert resolve_timezone(typed) == zone


@pytest.mark.parametrize("typed", ["Atlantis", "xyzzy", "", "UTC+20", "my house"])
def test_unknown_places_are_refused_with_a_hint(typed: str) -> None:
    with pytest.raises(UnknownTimezone) as info:
        resolve_timezone(typed)
    assert "city" in explain(info.value)
