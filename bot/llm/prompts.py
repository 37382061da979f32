"""Render templates from ``prompts/`` strictly: a missing variable is an error, never an empty gap.

Two kinds of template live there: ``*.html.j2`` texts the student reads (HTML-escaped automatically,
because Telegram parses them as HTML) and ``*.txt.j2`` prompts and plain drafts (no escaping).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.resources import resource_dir


@cache
def environment() -> Environment:
    """The one jinja environment, built on first use."""
    return Environment(
        loader=FileSystemLoader(resource_dir("prompts")),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(name: str, /, **variables: Any) -> str:
    """Render ``prompts/<name>`` with ``variables``; surrounding blank lines are trimmed."""
    return environment().get_template(name).render(**variables).strip()
