"""/pitch → Build: the handout's elements one question at a time, then the pitch in three lengths.

Every answer is saved the moment it arrives and the step sits in the persisted scratch, so
/cancel, another command or a restart all resume at the same question. What onboarding already
knows is offered with "Keep" so the student never types it twice.
"""

from __future__ import annotations

from telegram import Update

from bot.features.pitch import coach
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.assemble import distinct_lengths
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.domain.text import count_words
from bot.features.pitch.handlers.common import (
    BUILD,
    BUILT,
    FLOW,
    MENU,
    answers_for,
    note,
    save_and_confirm,
    wpm,
)
from bot.flow.kit import END, CoachContext, drop_buttons, pressed, say, say_template, user_id
from bot.llm.prompts import render
from bot.render.keyboards import btn

#: The handout's order, with the name first (it is half of the first element).
STEPS: tuple[str, ...] = ("name", *(e.value for e in Element))
STEP = "pitch_build_step"
FILL = "pitch_build_fill"  # only the skipped questions, after a build came out too thin
BUILT_TEXTS = "pitch_built"
MAX_CHARS = 600
LONG_CHARS = 250
NAME_CHARS = 80


def _value(answers: PitchAnswers, step: str) -> str | None:
    return answers.name if step == "name" else answers.get(Element(step))


async def _ask(update: Update, context: CoachContext, step: str) -> int:
    """Ask one step, showing what is already known so "Keep" is one tap."""
    context.scratch[STEP] = step
    context.scratch[FLOW] = "build"
    current = _value(await answers_for(update, context), step)
    rows = [
        [btn("Keep", "pb", "k", step)] if current else [],
        [btn("Skip", "pb", "s", step), btn("Finish later", "pb", "l")],
    ]
    await say_template(
        update,
        context,
        "pitch/build_step.html.j2",
        rows,
        step=step,
        n=STEPS.index(step) + 1,
        of=len(STEPS),
        current=current,
    )
    return BUILD


async def start(update: Update, context: CoachContext) -> int:
    """Begin at the first question (prefilled from the profile and any earlier build)."""
    context.scratch.pop(FILL, None)
    return await _ask(update, context, STEPS[0])


def _missing(answers: PitchAnswers, after: int = -1) -> str | None:
    """The first unanswered step after index ``after``."""
    return next((s for s in STEPS[after + 1 :] if not _value(answers, s)), None)


async def add_more(update: Update, context: CoachContext) -> int:
    """After a thin build: ask only the skipped questions, then build again."""
    step = _missing(await answers_for(update, context))
    if step is None:
        return await start(update, context)
    context.scratch[FILL] = True
    return await _ask(update, context, step)


async def resume(update: Update, context: CoachContext) -> int:
    """Back after /cancel or a restart: the same question again."""
    step = context.scratch.get(STEP)
    if step not in STEPS:
        return await start(update, context)
    await say(update, context, note("resume_build"))
    return await _ask(update, context, step)


async def _store(update: Update, context: CoachContext, step: str, text: str | None) -> None:
    answers = await answers_for(update, context)
    answers = answers.with_answer(step, text)
    await context.services.pitches.save_answers(user_id(update), answers)


async def _next(update: Update, context: CoachContext, step: str) -> int:
    index = STEPS.index(step)
    if context.scratch.get(FILL):
        following = _missing(await answers_for(update, context), index)
    else:
        following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    if following is not None:
        return await _ask(update, context, following)
    return await _finish(update, context)


async def answer(update: Update, context: CoachContext) -> int:
    """A typed answer: too short or too long is explained and asked again; long is kept."""
    assert update.message is not None and update.message.text is not None
    step = context.scratch.get(STEP, STEPS[0])
    text = " ".join(update.message.text.split())
    limit = NAME_CHARS if step == "name" else MAX_CHARS
    if len(text) < 2 or count_words(text) == 0:
        await say(update, context, note("too_short_answer"))
        return BUILD
    if len(text) > limit:
        await say(update, context, note("too_long_answer", limit=limit))
        return BUILD
    await _store(update, context, step, text)
    if step != "name" and len(text) > LONG_CHARS:
        await say(update, context, note("long_answer"))
    return await _next(update, context, step)


async def press(update: Update, context: CoachContext) -> int:
    """Keep the prefilled answer, skip the step, pause, or keep one of the built lengths."""
    callback = await pressed(update, context)
    if callback is None:
        return BUILD
    await drop_buttons(update.callback_query)
    op = callback.arg(0)
    if op == "v":
        return await _keep_length(update, context, callback.arg(1))
    if op == "a":
        context.scratch.pop(BUILT_TEXTS, None)
        return await add_more(update, context)
    step = context.scratch.get(STEP)
    if step not in STEPS:  # an old button from a finished build
        await say(update, context, note("menu_hint"))
        return MENU
    if op in ("k", "s") and callback.arg(1, step) != step:
        # A Keep or Skip left under an earlier question: it must not answer the current one.
        return await _ask(update, context, step)
    if op == "l":
        await say_template(
            update, context, "home/cancelled.html.j2", flow="your pitch", resume="/pitch"
        )
        return END
    if op == "k":
        # Keeping a profile value writes it into the build answers, so it survives edits there.
        await _store(update, context, step, _value(await answers_for(update, context), step))
    elif op == "s":
        await _store(update, context, step, None)
    return await _next(update, context, step)


async def _finish(update: Update, context: CoachContext) -> int:
    """All steps seen: build the three lengths from what the student gave."""
    context.scratch.pop(STEP, None)
    context.scratch.pop(FLOW, None)
    context.scratch.pop(FILL, None)
    answers = await answers_for(update, context)
    if not answers.answered:
        again = [[btn("🛠 Try again", "pt", "b")]]
        await say(update, context, note("nothing_to_build", name=answers.name or ""), again)
        return MENU
    texts, same = distinct_lengths(await coach.build(context.services.llm, answers, wpm(context)))
    context.scratch[BUILT_TEXTS] = {str(k): v for k, v in texts.items()}
    skipped = [e.label for e in Element if not answers.get(e)]
    html = render(
        "pitch/build_result.html.j2",
        texts=texts,
        same=same,
        words={k: count_words(v) for k, v in texts.items()},
        skipped=skipped,
    )
    rows = [[btn(f"Keep {s} s", "pb", "v", s) for s in texts]]
    if any(same.values()):
        more = btn("➕ Answer the skipped questions", "pb", "a") if skipped else None
        rows.append([more or btn("➕ Add to my answers", "pt", "b")])
    await say(update, context, html, rows)
    return BUILT


async def _keep_length(update: Update, context: CoachContext, seconds: str) -> int:
    texts: dict[str, str] = context.scratch.get(BUILT_TEXTS) or {}
    if seconds not in texts:
        await say(update, context, note("menu_hint"))
        return MENU
    text = texts[seconds]
    context.scratch.pop(BUILT_TEXTS, None)
    return await save_and_confirm(update, context, text, int(seconds), PitchSource.BUILT)
