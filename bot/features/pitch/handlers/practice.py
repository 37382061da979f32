"""/pitch → Practice: the coach plays a professional the student just met, then gives feedback.

One opener, one round of natural follow-ups aimed at what the answer left out, then feedback on
the exchange. The transcript lives in the persisted scratch, so a restart continues the talk.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.features.pitch import coach
from bot.features.pitch.coach_offline import practice_opener_html
from bot.features.pitch.domain.elements import PRACTICE_OPENER
from bot.features.pitch.domain.text import count_words
from bot.features.pitch.handlers.common import FLOW, MENU, PRACTICE, current_target, note, wpm
from bot.flow.kit import CoachContext, drop_buttons, pressed, say, user_id
from bot.render.html import esc
from bot.render.keyboards import btn

TURNS = "pitch_practice"
MIN_WORDS = 5  # "tell me about yourself" needs a real answer
MIN_FOLLOW_UP_WORDS = 2  # "I want an internship." answers "what are you looking for?"
MAX_CHARS = 2000
_END = [[btn("🏁 End and get feedback", "pp", "e")]]


async def start(update: Update, context: CoachContext) -> int:
    """Open the role-play with the question every networking conversation starts with."""
    context.scratch[TURNS] = [{"speaker": coach.PROFESSIONAL, "text": PRACTICE_OPENER}]
    context.scratch[FLOW] = "practice"
    await say(update, context, practice_opener_html(), _END)
    return PRACTICE


async def resume(update: Update, context: CoachContext) -> int:
    """Back after /cancel or a restart: repeat the professional's last line."""
    turns: list[dict[str, str]] = context.scratch.get(TURNS) or []
    if not turns:
        return await start(update, context)
    await say(update, context, f"🧑‍💼 {esc(turns[-1]['text'])}", _END)
    return PRACTICE


async def _vars(update: Update, context: CoachContext) -> dict[str, Any]:
    profile = await context.services.profiles.get(user_id(update))
    return {
        "target_seconds": await current_target(update, context),
        "wpm": wpm(context),
        "profile_name": profile.name,
    }


async def reply(update: Update, context: CoachContext) -> int:
    """The student's answer: the first gets follow-ups, the second ends with feedback."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text.strip()
    turns: list[dict[str, str]] = context.scratch.setdefault(TURNS, [])
    answered = any(t["speaker"] == coach.STUDENT for t in turns)
    least = MIN_FOLLOW_UP_WORDS if answered else MIN_WORDS
    if count_words(text) < least or len(text) > MAX_CHARS:
        await say(update, context, note("practice_short"))
        return PRACTICE
    turns.append({"speaker": coach.STUDENT, "text": text})
    answers = sum(1 for t in turns if t["speaker"] == coach.STUDENT)
    if answers >= 2:
        return await _feedback(update, context)
    plain, html = await coach.practice_turn(
        context.services.llm, turns, **await _vars(update, context)
    )
    turns.append({"speaker": coach.PROFESSIONAL, "text": plain})
    await say(update, context, html, _END)
    return PRACTICE


async def press(update: Update, context: CoachContext) -> int:
    """ "End": feedback on what was said so far."""
    callback = await pressed(update, context)
    if callback is None:
        return PRACTICE
    await drop_buttons(update.callback_query)
    return await _feedback(update, context)


async def _feedback(update: Update, context: CoachContext) -> int:
    turns: list[dict[str, str]] = context.scratch.pop(TURNS, None) or []
    context.scratch.pop(FLOW, None)
    if not any(t["speaker"] == coach.STUDENT for t in turns):
        await say(update, context, note("done"))
        return MENU
    html = await coach.practice_end(context.services.llm, turns, **await _vars(update, context))
    await say(
        update, context, html, [[btn("💬 Practice again", "pt", "q"), btn("🗣 My pitch", "pt", "m")]]
    )
    return MENU


async def hint(update: Update, context: CoachContext) -> int:
    """Anything but text while practising."""
    await say(update, context, note("practice_hint"), _END)
    return PRACTICE
