"""The profile's shipped content: city aliases for time zones, read once from ``data/``."""

from __future__ import annotations

import json
from functools import cache

from bot.features.profile.domain.timezones import Place, Timezones
from bot.resources import resource_dir


def _places() -> dict[str, tuple[Place, ...]]:
    """``data/places.tsv``: the world's cities of 15,000 or more by folded name, most populous
    first (tools/build_places.py writes it sorted so)."""
    text = (resource_dir("data") / "places.tsv").read_text(encoding="utf-8")
    grouped: dict[str, list[Place]] = {}
    zones: dict[str, str] = {}  # one string per zone, not one per city
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _name, country, region, zone, population = line.split("\t")
            place = (country, region, zones.setdefault(zone, zone), int(population))
            grouped.setdefault(key, []).append(place)
    return {key: tuple(found) for key, found in grouped.items()}


@cache
def timezones(home: str | None = None) -> Timezones:
    """The resolver with ``data/cities.json``'s aliases and regions and the places file (a
    malformed file fails on first use), preferring ``home``'s cities on a shared name. About
    0.1 s and 20 MB the first time: callers on the event loop use a worker thread."""
    cities = json.loads((resource_dir("data") / "cities.json").read_text(encoding="utf-8"))
    regions = {key: (country, region) for key, (country, region) in cities["regions"].items()}
    return Timezones(cities["aliases"], _places(), regions, home)


def resolve_timezone(text: str) -> str:
    """The IANA zone for what the student typed (see :meth:`Timezones.resolve`)."""
    return timezones().resolve(text)
