"""What students type for their time zone, and what it becomes."""

from __future__ import annotations

import pytest

from bot.features.profile.content import resolve_timezone, timezones
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
        # any city of 15,000 or more, without an alias (data/places.tsv, from GeoNames)
        ("Columbus", "America/New_York"),  # Ohio's: the most populous of the name
        ("Columbus, Nebraska", "America/Chicago"),
        ("columbus ne", "America/Chicago"),
        ("Ann Arbor, MI", "America/Detroit"),
        ("State College", "America/New_York"),
        ("Boulder", "America/Denver"),
        ("Paris", "Europe/Paris"),
        ("Paris, Texas", "America/Chicago"),
        ("London, Canada", "America/Toronto"),
        ("São Paulo", "America/Sao_Paulo"),
        ("sao paulo", "America/Sao_Paulo"),
        ("Chapel Hil", "America/New_York"),  # a typo in a city that is not a zone name
    ],
)
def test_known_places(typed: str, zone: str) -> None:
    assert resolve_timezone(typed) == zone


@pytest.mark.parametrize("typed", ["Narnia", "xyzzy", "", "UTC+20", "my house", "Columbus, Mars"])
def test_unknown_places_are_refused_with_a_hint(typed: str) -> None:
    with pytest.raises(UnknownTimezone) as info:
        resolve_timezone(typed)
    assert "city" in explain(info.value)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Cambridge", "America/New_York"),  # Massachusetts on a US campus, England elsewhere
        ("Birmingham", "America/Chicago"),
        ("Paris", "Europe/Paris"),  # Paris, Texas is far smaller: Paris is still France's
        ("London", "Europe/London"),
        ("Cambridge, UK", "Europe/London"),
    ],
)
def test_a_shared_city_name_prefers_the_deployments_country(typed: str, zone: str) -> None:
    assert timezones("US").resolve(typed) == zone
    assert timezones().resolve("Cambridge") == "Europe/London"
