"""The home menu: big buttons for the next useful thing, routed to each feature's entry point.

A feature that has landed registers an entry point for ``go|<name>``; anything not yet claimed
falls through to :func:`go_fallback`, which answers honestly.
"""

from __future__ import annotations

from telegram import Update

from bot.handlers.kit import CoachContext, Rows, pressed, say_template
from bot.handlers.reserved import RESERVED
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
    """A menu button whose feature isn't registered: help, or an honest "coming soon"."""
    press = await pressed(update, context)
    if press is None:
        return
    from bot.handlers.common import help_text

    target = press.arg(0)
    if target == "help" or target not in RESERVED:  # a claimed feature would have caught it
        await help_text(update, context)
        return
    await say_template(
        update, context, "common/coming_soon.html.j2", command=target, promise=RESERVED[target]
    )
