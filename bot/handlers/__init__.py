"""Telegram handlers, one module per feature; :func:`register` adds them in the right order.

A feature module exposes ``handlers() -> list[BaseHandler]`` and ``CLAIMS``: the commands and
menu targets it serves (so the reserved placeholders step aside).
"""

from __future__ import annotations

from types import ModuleType

from telegram.ext import Application, BaseHandler, ConversationHandler

from bot.handlers import (
    admin,
    common,
    contacts,
    interviews,
    onboarding,
    outreach,
    pitch,
    profile,
    reserved,
)
from bot.handlers.kit import YieldToFlows

FEATURES: tuple[ModuleType, ...] = (
    onboarding,
    profile,
    contacts,
    pitch,
    outreach,
    interviews,
    admin,
)


def claimed_commands() -> set[str]:
    """Every command some registered feature serves."""
    return {command for feature in FEATURES for command in getattr(feature, "CLAIMS", ())}


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Gate first, then every feature's flows, then the reserved commands and the catch-alls."""
    app.add_handlers(common.gate_handlers(), group=-1)
    for feature in FEATURES:
        app.add_handlers(feature.handlers())
    app.add_handlers(reserved.handlers(claimed_commands()))
    app.add_handlers(common.handlers())
    app.add_error_handler(common.on_error)  # type: ignore[arg-type]
    _connect_yielding(app.handlers.get(0, []))


def _connect_yielding(handlers: list[BaseHandler]) -> None:  # type: ignore[type-arg]
    """Tell every passive entry point which conversations it must not interrupt."""
    flows = [h for h in handlers if isinstance(h, ConversationHandler)]
    nested = [e for f in flows for e in f.entry_points]
    for handler in [*handlers, *nested]:
        if isinstance(handler, YieldToFlows):
            handler.flows = flows
