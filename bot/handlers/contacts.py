"""Handlers for this feature (being built): registered by bot.handlers, empty until it lands."""

from __future__ import annotations

from telegram.ext import BaseHandler

CLAIMS: tuple[str, ...] = ()


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """None yet."""
    return []
