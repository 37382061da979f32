"""/start: five skippable questions in the student's own words, resumable after /cancel or a crash.

Each answer is validated and written to the store the moment it arrives; the conversation state and
the current step are persisted after every update, so a restart continues at the same question.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.features.home.menu import main_menu
from bot.features.profile.coach import welcome_html
from bot.features.profile.domain.profile import InvalidAnswer, Profile
from bot.flow.kit import (
    END,
    CoachContext,
    drop_buttons,
    flow_fallbacks,
    pressed,
    say,
    say_template,
    user_id,
)
from bot.render.keyboards import btn

STEPS = ("name", "degree", "interests", "position", "timezone")
ASKING = 0
POSITIONS = ("Internship", "Co-op", "First full-time role", "Not sure yet")
_STEP_KEY = "onboarding_step"


async def start(update: Update, context: CoachContext) -> int:
    """Greet a returning student by name; otherwise begin, or resume, the five questions."""
    profile = await context.services.profiles.get(user_id(update))
    if profile.onboarded:
        await say_template(
            update, context, "profile/greet_back.html.j2", main_menu(), name=profile.first_name
        )
        return END
    step = context.scratch.get(_STEP_KEY)
    if step in STEPS:
        await say_template(update, context, "profile/resume.html.j2", name=profile.name)
    else:
        step = STEPS[0]
        first = update.effective_user.first_name if update.effective_user else None
        await say_template(update, context, "profile/intro.html.j2", telegram_name=first)
    return await _ask(update, context, step, profile)


async def answer_text(update: Update, context: CoachContext) -> int:
    """Validate a typed answer; keep it, or explain what's wrong and ask the same question again."""
    assert update.message is not None and update.message.text is not None
    step = context.scratch.get(_STEP_KEY, STEPS[0])
    try:
        profile = await context.services.profiles.set_answer(
            user_id(update), step, update.message.text
        )
    except InvalidAnswer as exc:
        await say_template(update, context, "profile/invalid.html.j2", reason=str(exc))
        return ASKING
    if step == "timezone" and profile.timezone:
        await _confirm_zone(update, context, profile.timezone)
    return await _next(update, context, step, profile)


async def answer_button(update: Update, context: CoachContext) -> int:
    """Skip a question, use the Telegram name, pick a position, or skip the rest of the setup."""
    press = await pressed(update, context)
    if press is None:
        return ASKING
    await drop_buttons(update.callback_query)
    uid = user_id(update)
    step = context.scratch.get(_STEP_KEY, STEPS[0])
    profile = await context.services.profiles.get(uid)
    match press.arg(0):
        case "use" if update.effective_user is not None:
            profile = await context.services.profiles.set_answer(
                uid, "name", update.effective_user.full_name
            )
        case "pos":
            profile = await context.services.profiles.set_answer(uid, "position", press.arg(1))
        case "later":
            return await _finish(update, context, profile)
    return await _next(update, context, step, profile)


async def _next(update: Update, context: CoachContext, step: str, profile: Profile) -> int:
    index = STEPS.index(step) + 1
    if index >= len(STEPS):
        return await _finish(update, context, profile)
    return await _ask(update, context, STEPS[index], profile)


async def _ask(update: Update, context: CoachContext, step: str, profile: Profile) -> int:
    context.scratch[_STEP_KEY] = step
    rows = []
    if step == "name" and update.effective_user is not None:
        rows.append([btn(f"Use “{update.effective_user.full_name}”", "ob", "use")])
    if step == "position":
        rows += [[btn(p, "ob", "pos", p) for p in POSITIONS[:2]]]
        rows += [[btn(p, "ob", "pos", p) for p in POSITIONS[2:]]]
    rows.append([btn("Skip", "ob", "skip"), btn("Finish later", "ob", "later")])
    await say_template(update, context, "profile/ask.html.j2", rows, field=step)
    return ASKING


async def _confirm_zone(update: Update, context: CoachContext, zone: str) -> None:
    local: datetime = context.services.clock.now().astimezone(ZoneInfo(zone))
    await say_template(
        update,
        context,
        "profile/timezone_ok.html.j2",
        zone=zone,
        local_time=local.strftime("%H:%M"),
    )


async def _finish(update: Update, context: CoachContext, profile: Profile) -> int:
    context.scratch.pop(_STEP_KEY, None)
    profile = await context.services.profiles.save(
        user_id(update), replace(profile, onboarded=True)
    )
    await say(update, context, await welcome_html(context.services.llm, profile), main_menu())
    return END


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The onboarding conversation."""
    return [
        ConversationHandler(
            entry_points=[CommandHandler("start", start)],
            states={
                ASKING: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, answer_text),
                    CallbackQueryHandler(answer_button, pattern=r"^ob\|"),
                ]
            },
            fallbacks=flow_fallbacks(
                flow="setup",
                resume="/start",
                hint="I need a typed answer here — or tap <b>Skip</b>. /cancel pauses.",
            ),
            name="onboarding",
            persistent=True,
            allow_reentry=True,
        )
    ]
