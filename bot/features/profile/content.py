"""The profile's shipped content: city aliases for time zones, read once from ``data/``."""

from __future__ import annotations

import json
from functools import cache

from bot.features.profile.domain.timezones import Timezones
from bot.resources import resource_dir


@cache
def timezones() -> Timezones:
    """The resolver with ``data/cities.json``'s aliases (a malformed file fails at start-up)."""
    aliases = json.loads((resource_dir("data") / "cities.json").read_text(encoding="utf-8"))
    return Timezones(aliases["aliases"])


def resolve_timezone(text: str) -> str:
    """The IANA zone for what the student typed (see :meth:`Timezones.resolve`)."""
    return timezones().resolve(text)
