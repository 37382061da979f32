"""Verifying, decoding and answering a button press, inside a flow or outside any."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.flow.buttons import Press
from bot.flow.context import CoachContext, user_id
from bot.flow.replies import drop_buttons
from bot.render.messages import message

P = TypeVar("P", bound=Press)


def any_of(kinds: Sequence[type[Press]]) -> Callable[[object], bool]:
    def pattern(data: object) -> bool:
        return any(kind.matches(data) for kind in kinds)

    return pattern


async def answer_press(
    update: Update,
    context: CoachContext,
    kinds: Sequence[type[P]],
    keep_buttons: bool = False,
    toast: str | None = None,
) -> P | None:
    """Verify, decode and answer a press of one of ``kinds``; None (after saying so) if it is
    not this student's or no longer fits. Answering first keeps the phone from spinning while
    the work runs."""
    query = update.callback_query
    assert query is not None
    raw = context.services.codec.decode(user_id(update), query.data or "")
    press = next((p for k in kinds if raw and (p := k.decode(raw)) is not None), None)
    if press is None:
        await query.answer(message("home.button_expired"))
        return None
    await query.answer(toast)
    if not keep_buttons:
        await drop_buttons(query)
    return press


def on_press(
    *kinds: type[P],
    keep_buttons: bool = True,
    toast: str | None = None,
    pattern: Callable[[object], bool] | None = None,
) -> Callable[
    [Callable[[Update, CoachContext, P], Awaitable[object]]],
    CallbackQueryHandler[CoachContext, object],
]:
    """Decorator for a button outside any flow (a list page, a card): the same typed, verified,
    answered press, as a plain handler; ``pattern`` narrows it (e.g. ``Go.where(target=...)``)."""

    def register(
        callback: Callable[[Update, CoachContext, P], Awaitable[object]],
    ) -> CallbackQueryHandler[CoachContext, object]:
        async def run(update: Update, context: CoachContext) -> object:
            press = await answer_press(update, context, kinds, keep_buttons, toast)
            if press is None:
                return None
            return await callback(update, context, press)

        return CallbackQueryHandler(run, pattern=pattern or any_of(kinds))

    return register
