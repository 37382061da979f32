"""The home menu: big buttons for the next useful thing, routed to each feature's entry point.

Each feature registers an entry point for its :class:`~bot.flow.Go` target; the help button, and
any button whose feature is not registered, falls through to :func:`go_fallback`.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update

from bot.flow import CoachContext, Go, Rows, on_press
from bot.render.messages import message


def main_menu() -> Rows:
    """The four doors students use most."""
    return [
        [
            Go("pitch").button(message("home.menu_pitch")),
            Go("contacts").button(message("home.menu_contacts")),
        ],
        [
            Go("draft").button(message("home.menu_draft")),
            Go("help").button(message("home.menu_help")),
        ],
    ]


def go_pattern(name: str) -> Callable[[object], bool]:
    """The callback pattern a feature's entry point listens to for its menu button."""
    return Go.where(target=name)


@on_press(Go, keep_buttons=True)
async def go_fallback(update: Update, context: CoachContext, press: Go) -> None:
    """The help button (and any menu button no feature caught): the list of commands."""
    from bot.features.home.handlers import help_text

    await help_text(update, context)
