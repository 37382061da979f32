"""The circles the handout lists (family, friends, roommates ... religious community), loaded from
``data/circles.json`` and matched from what a student types."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.features.contacts.domain.fields import fold
from bot.resources import resource_dir


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


@cache
def circles() -> list[Circle]:
    """The circles in brainstorm order, loaded once (treat the list as read-only)."""
    path = resource_dir("data") / "circles.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CirclesFileError(f"cannot read {path}: {exc}") from exc
    return load_circles(raw)


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
