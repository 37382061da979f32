"""The contacts feature's shipped content: the circles in ``data/circles.json``, read once, and
IANA's table of each time zone's country (from the ``tzdata`` package) for local phone numbers.

The domain validates the list (``load_circles``) and reads no files; this is the one place that
opens the file, so a career center's edit is checked at start-up and a bad entry is named.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from bot.features.contacts.domain.circles import Circle, CirclesFileError, load_circles, use_source
from bot.features.contacts.domain.regions import parse_zone_table
from bot.resources import resource_dir


@cache
def shipped_circles() -> list[Circle]:
    """The circles as shipped, validated."""
    path = resource_dir("data") / "circles.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CirclesFileError(f"cannot read {path}: {exc}") from exc
    return load_circles(raw)


@cache
def zone_countries() -> dict[str, str]:
    """Zone name to country code, e.g. "America/New_York" to "US" (empty if the table is
    missing: local numbers then need their +country code, as without a profile)."""
    try:
        text = files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return {}
    return parse_zone_table(text)


use_source(shipped_circles)
