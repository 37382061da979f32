"""Every feature of the coach, registered in one place and in the right order.

A feature package exposes ``handlers() -> list[AnyHandler]``; ``home`` holds the gate that runs
before all of them and the catch-alls that run after.
"""

from __future__ import annotations

from types import ModuleType

from telegram.ext import Application, ConversationHandler

from bot.features.admin import handlers as admin
from bot.features.ask import handlers as ask
from bot.features.contacts import handlers as contacts
from bot.features.home import handlers as home
from bot.features.interviews import handlers as interviews
from bot.features.nudges import handlers as nudges
from bot.features.outreach import handlers as outreach
from bot.features.pitch import handlers as pitch
from bot.features.profile import handlers as profile
from bot.features.settings import handlers as settings
from bot.flow import YieldToFlows
from bot.flow.context import AnyHandler

# ask comes last: free text that no flow claimed is a question for the coach.
FEATURES: tuple[ModuleType, ...] = (
    profile,
    contacts,
    pitch,
    outreach,
    interviews,
    nudges,
    settings,
    admin,
    ask,
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Gate first, then every feature's handlers, then the catch-alls."""
    app.add_handlers(home.gate_handlers(), group=-1)
    for feature in FEATURES:
        app.add_handlers(feature.handlers())
    app.add_handlers(home.handlers())
    app.add_error_handler(home.on_error)
    _connect_yielding(app.handlers.get(0, []))


def _connect_yielding(handlers: list[AnyHandler]) -> None:
    """Tell every passive entry point which conversations it must not interrupt."""
    flows = [h for h in handlers if isinstance(h, ConversationHandler)]
    nested = [e for f in flows for e in f.entry_points]
    for handler in [*handlers, *nested]:
        if isinstance(handler, YieldToFlows):
            handler.flows = flows
