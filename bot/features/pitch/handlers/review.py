"""/pitch → Review (a pasted pitch or the saved one) and Shorten.

The student picks the slot length with a button, so timing is judged against what they actually
face; the review comes from Claude when it checks out and from the offline coach otherwise.
"""

from __future__ import annotations

from telegram import Update

from bot.features.pitch import coach
from bot.features.pitch.domain.elements import TIERS
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.domain.text import count_words, speaking_seconds
from bot.features.pitch.handlers.common import (
    MENU,
    PASTE,
    REVIEWED,
    TARGET,
    answers_for,
    note,
    offer,
    save_and_confirm,
    show_home,
    wpm,
)
from bot.flow.kit import CoachContext, drop_buttons, pressed, replace, say, user_id
from bot.llm.prompts import render
from bot.render.keyboards import btn

TEXT = "pitch_review_text"
IMPROVED = "pitch_review_improved"
MIN_WORDS = 15
LONG_WORDS = 250


def _targets(prefix: str = "") -> list[list]:  # type: ignore[type-arg]
    return [[btn(f"{prefix}{s} s", "pv", "t", s) for s in TIERS]]


async def ask_paste(update: Update, context: CoachContext) -> int:
    """Ask for the pitch as the student would say it."""
    await say(update, context, note("paste"))
    return PASTE


async def pasted(update: Update, context: CoachContext) -> int:
    """Under ~15 words can't be reviewed (explain, ask again); very long is accepted with a note."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text.strip()
    words = count_words(text)
    if words < MIN_WORDS:
        await say(
            update,
            context,
            note("paste_short", words=words),
            [[btn("🛠 Build one with me", "pt", "b")]],
        )
        return PASTE
    if words > LONG_WORDS:
        seconds = round(speaking_seconds(text, wpm(context)))
        await say(update, context, note("paste_long", words=words, seconds=seconds))
    context.scratch[TEXT] = text
    await say(update, context, note("target"), _targets())
    return TARGET


async def review_current(update: Update, context: CoachContext) -> int:
    """Review the saved pitch: same questions, without pasting it again."""
    current = await context.services.pitches.current(user_id(update))
    if current is None:
        return await ask_paste(update, context)
    context.scratch[TEXT] = current.text
    await say(update, context, note("target"), _targets())
    return TARGET


async def press(update: Update, context: CoachContext) -> int:
    """A target length (review, or re-check at another length), or keep one of the versions."""
    callback = await pressed(update, context)
    if callback is None:
        return REVIEWED
    op = callback.arg(0)
    text: str | None = context.scratch.get(TEXT)
    if text is None:
        await drop_buttons(update.callback_query)
        return await show_home(update, context)
    if op == "t":
        await drop_buttons(update.callback_query)
        return await _review(update, context, text, int(callback.arg(1, "60")))
    await drop_buttons(update.callback_query)
    target = int(context.scratch.get("pitch_review_target", 60))
    if op == "i":
        kept = context.scratch.get(IMPROVED) or text
        source = PitchSource.REVIEWED
    else:
        kept, source = text, PitchSource.MANUAL
    context.scratch.pop(TEXT, None)
    context.scratch.pop(IMPROVED, None)
    return await save_and_confirm(update, context, kept, target, source)


async def _review(update: Update, context: CoachContext, text: str, target: int) -> int:
    answers = await answers_for(update, context)
    result = await coach.review(
        context.services.llm, text, target_seconds=target, wpm=wpm(context), answers=answers
    )
    context.scratch[IMPROVED] = result.improved
    context.scratch["pitch_review_target"] = target
    rows = [
        [btn("💾 Keep the cleaner one", "pv", "i"), btn("💾 Keep mine", "pv", "m")],
        [btn(f"⏱ {s} s", "pv", "t", s) for s in TIERS if s != target],
    ]
    await say(update, context, result.html, rows)
    return REVIEWED


async def shorten(update: Update, context: CoachContext) -> int:
    """The current pitch cut to the next shorter slot, offered to keep."""
    current = await context.services.pitches.current(user_id(update))
    if current is None:
        await replace(update, context, note("no_pitch"), [[btn("🛠 Build", "pt", "b")]])
        return MENU
    shorter = [s for s in TIERS if s < current.target_seconds]
    if not shorter:
        await say(update, context, note("shortest"), [[btn("🎙 Rehearse", "pt", "h")]])
        return MENU
    target = shorter[-1]
    answers = await answers_for(update, context)
    text = await coach.shorten(
        context.services.llm, current.text, target_seconds=target, wpm=wpm(context), answers=answers
    )
    html = render(
        "pitch/shortened.html.j2",
        title="Shorter",
        text=text,
        target=target,
        words=count_words(text),
        placeholders="[" in text,
    )
    await say(update, context, html, offer(context, text, target, PitchSource.REVIEWED))
    return MENU
