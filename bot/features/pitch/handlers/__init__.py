"""/pitch: the one-minute commercial — build, review, shorten, tailor, rehearse, practice, versions.

One persistent conversation holds every pitch flow, so /cancel, another command or a restart
always leaves the student where they can pick up again with /pitch. Buttons work from any step
(each press is verified and answered first); the step modules hold the logic of each flow.
"""

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

from bot.features.home.menu import go_pattern
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.language import pitch_language
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.handlers import build as pitch_build
from bot.features.pitch.handlers import practice as pitch_practice
from bot.features.pitch.handlers import rehearse as pitch_rehearse
from bot.features.pitch.handlers import review as pitch_review
from bot.features.pitch.handlers import tailor as pitch_tailor
from bot.features.pitch.handlers.common import (
    BUILD,
    BUILT,
    CANDIDATE,
    FLOW,
    MENU,
    PASTE,
    PRACTICE,
    REHEARSE,
    REVIEWED,
    TAILOR_ASK,
    TAILOR_PICK,
    TARGET,
    hint,
    note,
    save_and_confirm,
    show_home,
    target_hint,
)
from bot.flow.kit import (
    CoachContext,
    YieldToFlows,
    drop_buttons,
    flow_fallbacks,
    pressed,
    say,
    user_id,
)
from bot.llm.prompts import render
from bot.render.keyboards import btn

VERSIONS_SHOWN = 8


async def show(update: Update, context: CoachContext) -> int:
    """/pitch or the menu button: resume an unfinished flow, else the pitch and its options."""
    if update.callback_query is not None:
        if await pressed(update, context) is None:
            return MENU
        await drop_buttons(update.callback_query)
    match context.scratch.get(FLOW):
        case "build":
            return await pitch_build.resume(update, context)
        case "tailor":
            return await pitch_tailor.resume(update, context)
        case "practice":
            return await pitch_practice.resume(update, context)
    return await show_home(update, context)


async def menu(update: Update, context: CoachContext) -> int:
    """A /pitch option: each starts its flow (which may pause the one in progress)."""
    callback = await pressed(update, context)
    if callback is None:
        return MENU
    await drop_buttons(update.callback_query)
    has_pitch = await context.services.pitches.current(user_id(update)) is not None
    op = callback.arg(0)
    if op in ("r", "s", "h", "q", "v") and not has_pitch:
        await say(
            update,
            context,
            note("no_pitch"),
            [[btn("🛠 Build one with me", "pt", "b")], [btn("📋 Paste one", "pt", "p")]],
        )
        return MENU
    if op != "k":
        context.scratch.pop(FLOW, None)  # a new choice replaces a paused flow
    match op:
        case "b":
            return await pitch_build.start(update, context)
        case "p":
            return await pitch_review.ask_paste(update, context)
        case "r":
            return await pitch_review.review_current(update, context)
        case "s":
            return await pitch_review.shorten(update, context)
        case "t":
            return await pitch_tailor.ask_who(update, context)
        case "h":
            return await pitch_rehearse.ask(update, context)
        case "q":
            return await pitch_practice.start(update, context)
        case "v":
            return await versions(update, context)
        case "k":
            return await keep(update, context)
    return await show_home(update, context)


async def versions(update: Update, context: CoachContext) -> int:
    """Every saved version with date, length, target and coverage, newest first."""
    found = await context.services.pitches.versions(user_id(update))
    html = render("pitch/versions.html.j2", versions=found[:VERSIONS_SHOWN], total=len(Element))
    await say(update, context, html, [[btn("⬅️ Back", "pt", "m")]])
    return MENU


async def keep(update: Update, context: CoachContext) -> int:
    """Save the generated pitch on offer (shortened or tailored) as the current version."""
    candidate = context.scratch.get(CANDIDATE)
    if not candidate:
        return await show_home(update, context)
    return await save_and_confirm(
        update,
        context,
        candidate["text"],
        int(candidate["target"]),
        PitchSource(candidate["source"]),
        candidate.get("for"),
    )


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The /pitch conversation; loading the language rules here stops a broken file at start-up."""
    pitch_language()
    text = filters.TEXT & ~filters.COMMAND
    buttons = [
        CallbackQueryHandler(menu, pattern=r"^pt\|"),
        CallbackQueryHandler(pitch_build.press, pattern=r"^pb\|"),
        CallbackQueryHandler(pitch_review.press, pattern=r"^pv\|"),
        CallbackQueryHandler(pitch_tailor.press, pattern=r"^ta\|"),
        CallbackQueryHandler(pitch_practice.press, pattern=r"^pp\|"),
    ]
    # On a screen that waits for a tap, a voice note can only be a rehearsal.
    rehearse_voice = MessageHandler(filters.VOICE, pitch_rehearse.voice)
    # Anything else there gets a hint for that screen (the fallback's one fits typed steps).
    tap_hint = MessageHandler(~filters.COMMAND, hint)
    return [
        ConversationHandler(
            entry_points=[
                CommandHandler("pitch", show),
                CallbackQueryHandler(show, pattern=go_pattern("pitch")),
                # A voice note sent outside any flow is a rehearsal of the current pitch.
                YieldToFlows(MessageHandler(filters.VOICE, pitch_rehearse.voice)),
                *buttons,
            ],
            states={
                MENU: [*buttons, rehearse_voice, tap_hint],
                BUILD: [*buttons, MessageHandler(text, pitch_build.answer)],
                BUILT: [*buttons, rehearse_voice, tap_hint],
                PASTE: [*buttons, MessageHandler(text, pitch_review.pasted)],
                TARGET: [*buttons, MessageHandler(~filters.COMMAND, target_hint)],
                REVIEWED: [*buttons, rehearse_voice, tap_hint],
                TAILOR_PICK: [*buttons, MessageHandler(text, pitch_tailor.typed_org)],
                TAILOR_ASK: [*buttons, MessageHandler(text, pitch_tailor.gap_reply)],
                REHEARSE: [
                    *buttons,
                    MessageHandler(filters.VOICE, pitch_rehearse.voice),
                    MessageHandler(~filters.COMMAND, pitch_rehearse.hint),
                ],
                PRACTICE: [
                    *buttons,
                    MessageHandler(text, pitch_practice.reply),
                    MessageHandler(~filters.COMMAND, pitch_practice.hint),
                ],
            },
            fallbacks=flow_fallbacks(
                flow="your pitch",
                resume="/pitch",
                hint="That's not something I can use here: type your answer, tap a button, "
                "or /cancel to pause.",
            ),
            name="pitch",
            persistent=True,
            allow_reentry=True,
        )
    ]
