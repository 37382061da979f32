"""Turn what a student types ("San Jose", "europe/berlin", "UTC+2", "Bostn") into an IANA zone.

Nudges must arrive at a sensible hour in the student's own day, so we insist on a real zone but
accept the ways people actually name one: a city, a zone name in any case, or a UTC offset.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
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


#: A city as the resolver keeps it: (country code, region code, zone, population), most populous
#: first.
Place = tuple[str, str, str, int]
#: A city of the deployment's own country wins a shared name ("Cambridge" on a US campus is
#: Massachusetts) unless the other is this many times larger ("Paris" is still France's).
_HOME_ADVANTAGE = 20


def fold(text: str) -> str:
    """Lower case without accents, so "San José" and "san jose" are one key."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.replace("_", " ").split()).lower().strip(" .,")


class Timezones:
    """Resolves typed places to zones, with a career center's own city aliases on top.

    Below the aliases and the zone names come ``places``: the world's cities of 15,000 people
    or more, so "Columbus" or "Ann Arbor, MI" works without an alias. A name many cities share
    is read as the most populous ("Columbus" is Ohio's), unless a state or country follows it
    (``regions``: "georgia" -> ("US", "GA"), "france" -> ("FR", "")), or one in ``home`` (the
    deployment's country) is not far smaller.
    """

    def __init__(
        self,
        aliases: Mapping[str, str],
        places: Mapping[str, Sequence[Place]] | None = None,
        regions: Mapping[str, tuple[str, str]] | None = None,
        home: str | None = None,
    ) -> None:
        self._names = {**_zone_names(), **aliases}
        self._keys = list(self._names)
        self._places = places or {}
        self._place_keys = list(self._places)
        self._regions = dict(regions or {})
        self._home = (home or "").upper()

    def _place(self, key: str) -> str | None:
        """The zone of the city ``key`` names, "city" or "city, state/country", or None."""
        city, _, where = fold(key).partition(",")
        city, where = city.strip(), where.strip()
        if not where and city not in self._places and " " in city:
            head, _, tail = city.rpartition(" ")  # "columbus oh", "ann arbor michigan"
            if tail in self._regions and head in self._places:
                city, where = head, tail
        found = self._places.get(city)
        if not found:
            return None
        if where:
            if where not in self._regions:
                return None
            country, region = self._regions[where]
            found = [p for p in found if p[0] == country and region in ("", p[1])]
        if not found:
            return None
        local = next((p for p in found if p[0] == self._home), None)
        if local is not None and local[3] * _HOME_ADVANTAGE >= found[0][3]:
            return local[2]
        return found[0][2]

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
        if zone := self._place(key):
            return zone
        best = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=_TYPO_SCORE)
        if best is not None:
            return self._names[best[0]]
        city, _, where = fold(key).partition(",")
        near = process.extractOne(
            city.strip(), self._place_keys, scorer=fuzz.ratio, score_cutoff=_TYPO_SCORE
        )
        if near is not None and not where.strip():  # "Columbus, Mars" is not a typo
            return self._places[near[0]][0][2]
        raise UnknownTimezone("profile.timezone_unknown", typed=text.strip()[:40])
