"""Short texts the student reads (hints, toasts, button labels), kept as data beside templates.

Each feature has ``prompts/<feature>/messages.toml``; a key is ``"<feature>.<name>"``. An unknown
key or a missing placeholder raises, so a typo fails a test instead of showing a blank.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from bot.explained import Explained, Reason
from bot.resources import resource_dir


@cache
def _catalogue(feature: str) -> dict[str, str]:
    path = resource_dir("prompts") / feature / "messages.toml"
    with path.open("rb") as handle:
        entries = tomllib.load(handle)
    bad = [k for k, v in entries.items() if not isinstance(v, str)]
    if bad:
        raise ValueError(f"{path}: entries must be strings: {bad}")
    return entries


def message(key: str, /, **variables: Any) -> str:
    """The text for ``key`` (``"feature.name"``), with ``{placeholders}`` filled strictly."""
    feature, _, name = key.partition(".")
    try:
        text = _catalogue(feature)[name]
    except (FileNotFoundError, KeyError):
        raise KeyError(f"no message {key!r} in prompts/{feature}/messages.toml") from None
    return text.format_map(variables) if variables else text


def explain(why: Exception | Reason) -> str:
    """What the student reads for a refusal: its catalogue text, or the message it carries."""
    if isinstance(why, Reason):
        return message(why.key, **why.values)
    if isinstance(why, Explained):
        return message(why.key, **why.values)
    return str(why)
