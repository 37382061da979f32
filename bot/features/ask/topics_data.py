"""The shipped topic list (``data/ask_topics.json``), read and validated once at start-up."""

from __future__ import annotations

import json
from functools import cache

from bot.features.ask.domain.topics import Topic, TopicsError, parse_topics
from bot.resources import resource_dir


@cache
def shipped_topics() -> tuple[Topic, ...]:
    """The topics; a malformed file raises :class:`TopicsError` naming the entry."""
    path = resource_dir("data") / "ask_topics.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TopicsError(f"{path.name}: {exc}") from exc
    return parse_topics(data, path.name)
