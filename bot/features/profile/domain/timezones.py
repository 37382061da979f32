"""Turn what a student types ("San Jose", "europe/berlin", "UTC+2", "Bostn") into an IANA zone.

Nudges must arrive at a sensible hour in the student's own day, so we insist on a real zone but
accept the ways people actually name one: a city, a zone name in any case, or a UTC offset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process

from bot.explained import Explained

_LEGACY = ("Canada/", "US/", "Brazil/", "Mexico/", "Chile/")
# A typo ("Bostn", "Lndon") scores about 91; "Atlantis" against "Atlantic" 87.5 must not match.
_TYPO_SCORE = 90
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?00)?$", re.IGNORECASE)


class UnknownTimezone(Explained):
    """No zone matches; its ``profile.*`` message suggests what to type."""


@cache
def _zone_names() -> dict[str, str]:
    """Lower-case lookup keys (full zone names and their city parts) to IANA names."""
    names: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        if zone.startswith(("Etc/", "SystemV/", "posix/", "right/")) or "/" not in zone:
            continue
        names[zone.lower()] = zone
        if zone.startswith(_LEGACY):
            continue  # "Canada/Atlantic" names a region, not a city anyone types
        city = zone.rsplit("/", 1)[-1].replace("_", " ").lower()
        names.setdefault(city, zone)
    return names


class Timezones:
    """Resolves typed places to zones, with a career center's own city aliases on top."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self._names = {**_zone_names(), **aliases}
        self._keys = list(self._names)

    def resolve(self, text: str) -> str:
        """The IANA zone for ``text``, or :class:`UnknownTimezone` with a friendly hint."""
        key = " ".join(text.replace("_", " ").split()).lower().strip(" .,")
        if not key:
            raise UnknownTimezone("profile.timezone_empty")
        if key.replace(" ", "_") in self._names:
            return self._names[key.replace(" ", "_")]
        if key in self._names:
            return self._names[key]
        if match := _OFFSET.match(key):
            sign, hours = match.groups()
            if int(hours) == 0:
                return "UTC"
            if int(hours) <= 14:
                # IANA's Etc zones are sign-inverted: UTC+2 is Etc/GMT-2.
                return f"Etc/GMT{'-' if sign == '+' else '+'}{int(hours)}"
        best = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=_TYPO_SCORE)
        if best is not None:
            return self._names[best[0]]
        raise UnknownTimezone("profile.timezone_unknown", typed=text.strip()[:40])
