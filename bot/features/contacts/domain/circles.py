"""The circles the handout lists (family, friends, roommates ... religious community), and matching
what a student types to one of them.

The list itself is shipped content (``data/circles.json``): this module validates it
(:func:`load_circles`) but never reads it. ``bot.features.contacts.content`` supplies it, through
:func:`use_source`, when the feature is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.features.contacts.domain.fields import fold


@dataclass(frozen=True, slots=True)
class Circle:
    """One place the student knows people from; ``brainstorm`` is None when it isn't walked."""

    key: str
    label: str
    brainstorm: str | None
    aliases: tuple[str, ...] = ()


class CirclesFileError(ValueError):
    """``data/circles.json`` is malformed; raised at start-up so a bad edit never ships quietly."""


_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,23}$")
NO_CIRCLE = ""  # count_by_circle key for contacts whose circle is unknown (e.g. imported cards)


def load_circles(raw: Any) -> list[Circle]:
    """Validate the parsed JSON; every problem names the entry so the fix is obvious."""
    if not isinstance(raw, dict) or not isinstance(raw.get("circles"), list) or not raw["circles"]:
        raise CirclesFileError('circles.json: expected {"circles": [...]} with entries')
    result: list[Circle] = []
    seen: set[str] = set()
    for i, item in enumerate(raw["circles"], 1):
        where = f"circles.json entry {i}"
        if not isinstance(item, dict):
            raise CirclesFileError(f"{where}: expected an object")
        key, label, question = item.get("key"), item.get("label"), item.get("brainstorm")
        aliases = item.get("aliases", [])
        if not isinstance(key, str) or not _KEY_RE.match(key):
            raise CirclesFileError(f"{where}: key must be short snake_case, got {key!r}")
        if key in seen:
            raise CirclesFileError(f"{where}: duplicate key {key!r}")
        if not isinstance(label, str) or not 0 < len(label) <= 32:
            raise CirclesFileError(f"{where} ({key}): label must be 1-32 characters")
        if question is not None and (not isinstance(question, str) or not question.strip()):
            raise CirclesFileError(f"{where} ({key}): brainstorm must be a question or null")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise CirclesFileError(f"{where} ({key}): aliases must be a list of strings")
        seen.add(key)
        result.append(Circle(key, label, question, tuple(aliases)))
    return result


_source: Callable[[], list[Circle]] | None = None


def use_source(source: Callable[[], list[Circle]]) -> None:
    """Where the circles come from (called once, by the feature's content module)."""
    global _source
    _source = source
    for cached in (circles, _circle_map, _circle_words):
        cached.cache_clear()


@cache
def circles() -> list[Circle]:
    """The circles in brainstorm order, loaded once (treat the list as read-only)."""
    if _source is None:
        raise RuntimeError("no circles: import bot.features.contacts.content first")
    return _source()


@cache
def _circle_map() -> dict[str, Circle]:
    return {c.key: c for c in circles()}


def circle(key: str) -> Circle:
    """The circle with this key; KeyError names the unknown key."""
    try:
        return _circle_map()[key]
    except KeyError:
        raise KeyError(f"unknown circle {key!r}") from None


@cache
def _circle_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for c in circles():
        label_text = re.sub(r"^[^\w]+", "", c.label)
        for word in (c.key, label_text, *c.aliases):
            words.setdefault(fold(word), c.key)
    return words


def match_circle(text: str) -> str | None:
    """The circle key a word like "Alumni", "coworker" or "👪 Family" means, else None."""
    return _circle_words().get(fold(text)) if text.strip() else None
