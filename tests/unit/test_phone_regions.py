"""The country a student's local phone numbers are read in, from the zone their city gave."""

from __future__ import annotations

import pytest

from bot.features.contacts.content import zone_countries
from bot.features.contacts.domain.fields import InvalidField, normalize_phone
from bot.features.contacts.domain.regions import parse_zone_table, region_for_zone

TABLE = (
    "# comment\n"
    "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
    "AQ\t-7750+16636\tAntarctica/McMurdo\n\n"
)


def test_parse_zone_table() -> None:
    assert parse_zone_table(TABLE) == {"America/New_York": "US", "Antarctica/McMurdo": "AQ"}


@pytest.mark.parametrize(
    ("zone", "region"),
    [
        ("America/New_York", "US"),
        ("America/Toronto", "CA"),
        ("Europe/Berlin", "DE"),
        ("Asia/Kolkata", "IN"),
        ("UTC", None),
        ("Etc/GMT-2", None),
        (None, None),
    ],
)
def test_the_shipped_table_names_each_zones_country(zone: str | None, region: str | None) -> None:
    assert region_for_zone(zone, zone_countries()) == region


def test_a_region_phone_numbers_cannot_be_read_for_is_none() -> None:
    assert region_for_zone("Antarctica/McMurdo", parse_zone_table(TABLE)) is None


def test_a_local_number_needs_a_region_and_says_why() -> None:
    assert normalize_phone("412 555 0199", "US") == "+14125550199"
    with pytest.raises(InvalidField) as err:
        normalize_phone("412 555 0199", None)
    assert "your profile doesn't say where you are yet" in err.value.reason
