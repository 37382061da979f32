"""The home menu: big buttons for the next useful thing, routed to each feature's entry point.

Each feature registers an entry point for ``go|<name>``; the help button, and any button whose
feature is not registered, falls through to :func:`go_fallback`.
"""

from __future__ import annotations

from telegram import Update

from bot.flow.kit import CoachContext, Rows, pressed
from bot.render.keyboards import btn


def main_menu() -> Rows:
    """The four doors students use most."""
    return [
        [btn("🗣 My pitch", "go", "pitch"), btn("👥 My contacts", "go", "contacts")],
        [btn("✉️ Draft a message", "go", "draft"), btn("❓ Help", "go", "help")],
    ]


def go_pattern(name: str) -> str:
    """The callback pattern a feature's entry point listens to for its menu button."""
    return rf"^go\|{name}\|"


async def go_fallback(update: Update, context: CoachContext) -> None:
    """The help button (and any menu button no feature caught): the list of commands."""
    press = await pressed(update, context)
    if press is None:
        return
    from bot.features.home.handlers import help_text

    await help_text(update, context)
