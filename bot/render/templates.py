"""Render templates from ``prompts/`` strictly: a missing variable is an error, never an empty gap.

Two kinds of template live there: ``*.html.j2`` texts the student reads (HTML-escaped automatically,
because Telegram parses them as HTML) and ``*.txt.j2`` prompts and plain drafts (no escaping). One
environment serves both, so the filters (``local`` for time zones, ``data`` for prompt data) are
the same everywhere.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.render.messages import message
from bot.resources import resource_dir


def in_zone(moment: datetime, zone: str | None) -> datetime:
    """Show stored UTC times in the student's own zone (``{{ when|local(tz) }}``)."""
    try:
        return moment.astimezone(ZoneInfo(zone)) if zone else moment
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def as_data(value: Any) -> str:
    """Per-request values for a prompt: JSON in which ``<``, ``>`` and ``&`` are escaped.

    Whatever a student, a contact card or a note contains, it cannot close the ``<data>`` block
    it is placed in and pose as instructions; Claude reads the escapes as the characters.
    """
    text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@cache
def environment() -> Environment:
    """The one jinja environment, built on first use."""
    env = Environment(
        loader=FileSystemLoader(resource_dir("prompts")),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["local"] = in_zone
    env.filters["data"] = as_data
    env.globals["message"] = message
    return env


def render(name: str, /, **variables: Any) -> str:
    """Render ``prompts/<name>`` with ``variables``; surrounding blank lines are trimmed."""
    return environment().get_template(name).render(**variables).strip()
