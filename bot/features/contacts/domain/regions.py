"""Which country a student's local phone numbers belong to, read from their time zone.

A student in Pittsburgh types "412 555 0199", not "+1 412 555 0199". Their profile keeps the
time zone their city gave (America/New_York), and the IANA zone table names each zone's country
(US), which is the default region a local number needs. UTC or an offset names no country: then
the number must carry its +country code.
"""

from __future__ import annotations

from collections.abc import Mapping

import phonenumbers


def parse_zone_table(text: str) -> dict[str, str]:
    """Zone name to two-letter country from IANA's ``zone.tab`` (``US <coords> America/New_York
    <comment>`` per line; ``#`` comments)."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table[parts[2].strip()] = parts[0].strip().upper()
    return table


def region_for_zone(zone: str | None, table: Mapping[str, str]) -> str | None:
    """The country of ``zone`` when phone numbers can be read for it, else None."""
    region = table.get(zone or "")
    return region if region in phonenumbers.SUPPORTED_REGIONS else None
