"""/profile: show what the coach knows and let the student change any of it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.features.profile.domain.profile import InvalidAnswer
from bot.flow.kit import (
    END,
    CoachContext,
    Rows,
    flow_fallbacks,
    pressed,
    replace,
    say,
    say_template,
    user_id,
)
from bot.llm.prompts import render
from bot.render.keyboards import btn

CHOOSING, EDITING = 0, 1
_FIELDS = (
    ("name", "Name"),
    ("degree", "Studies"),
    ("interests", "Interests"),
    ("position", "Aiming for"),
    ("timezone", "Time zone"),
)
_EDIT_KEY = "profile_field"


def _card_buttons() -> Rows:
    buttons = [btn(label, "pf", key) for key, label in _FIELDS]
    return [buttons[:2], buttons[2:4], [buttons[4], btn("Done", "pf", "done")]]


async def show(update: Update, context: CoachContext) -> int:
    """The profile card with a button per field."""
    profile = await context.services.profiles.get(user_id(update))
    await say(update, context, render("profile/profile.html.j2", profile=profile), _card_buttons())
    return CHOOSING


async def choose(update: Update, context: CoachContext) -> int:
    """A field button: ask for the new value (or close the card)."""
    press = await pressed(update, context)
    if press is None:
        return CHOOSING
    field = press.arg(0)
    if field == "done":
        await replace(update, context, "Profile saved. /help shows what's next.")
        return END
    profile = await context.services.profiles.get(user_id(update))
    context.scratch[_EDIT_KEY] = field
    await say_template(
        update,
        context,
        "profile/edit_field.html.j2",
        field=field,
        current=getattr(profile, field),
    )
    return EDITING


async def edit(update: Update, context: CoachContext) -> int:
    """Validate and keep the new value, then show the card again."""
    assert update.message is not None and update.message.text is not None
    field = context.scratch.get(_EDIT_KEY, "name")
    try:
        await context.services.profiles.set_answer(user_id(update), field, update.message.text)
    except InvalidAnswer as exc:
        await say(update, context, render("profile/invalid.html.j2", reason=str(exc)))
        return EDITING
    context.scratch.pop(_EDIT_KEY, None)
    return await show(update, context)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The /profile conversation."""
    return [
        ConversationHandler(
            entry_points=[CommandHandler("profile", show)],
            states={
                CHOOSING: [CallbackQueryHandler(choose, pattern=r"^pf\|")],
                EDITING: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, edit),
                    CallbackQueryHandler(choose, pattern=r"^pf\|"),
                ],
            },
            fallbacks=flow_fallbacks(
                flow="editing",
                resume="/profile",
                hint="Type the new value, tap a field, or /cancel to stop editing.",
            ),
            name="profile",
            persistent=True,
            allow_reentry=True,
        )
    ]
