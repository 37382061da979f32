"""Inline keyboards whose every button is signed for the user who will press it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.callbacks import CallbackCodec


@dataclass(frozen=True, slots=True)
class Button:
    """A button before signing: what it says and what it does."""

    label: str
    action: str
    args: tuple[object, ...] = ()


def btn(label: str, action: str, *args: object) -> Button:
    """Shorthand for :class:`Button`."""
    return Button(label, action, args)


def keyboard(
    codec: CallbackCodec, user_id: int, rows: Iterable[Sequence[Button]]
) -> InlineKeyboardMarkup:
    """Sign every button for ``user_id`` and lay them out row by row."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    b.label, callback_data=codec.encode(user_id, b.action, *b.args)
                )
                for b in row
            ]
            for row in rows
            if row
        ]
    )


def columns(buttons: Sequence[Button], width: int = 2) -> list[list[Button]]:
    """Lay buttons out ``width`` to a row, as phones show them comfortably."""
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]
