"""/pitch → Tailor: a version for one contact or organization, from facts the student gives.

The coach asks for what it does not know (``tailor_gaps``) one question at a time instead of
inventing anything about the organization; the replies live in the persisted scratch, so /cancel
or a restart resumes at the same question.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.features.pitch import coach
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.domain.tailoring import tailor_gaps
from bot.features.pitch.domain.text import count_words
from bot.features.pitch.handlers.common import (
    FLOW,
    MENU,
    TAILOR_ASK,
    TAILOR_PICK,
    answers_for,
    current_target,
    note,
    offer,
    show_home,
    wpm,
)
from bot.flow.kit import CoachContext, drop_buttons, pressed, say, say_template, user_id
from bot.llm.prompts import render
from bot.render.keyboards import btn

SHOWN = 4
STATE = "pitch_tailor"  # {"org", "role", "who", "gaps": [...], "replies": {...}}
_LABEL_CHARS = 32
MAX_REPLY = 400


def _label(name: str, organization: str) -> str:
    label = f"{name} · {organization}" if organization else name
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


async def ask_who(update: Update, context: CoachContext) -> int:
    """Contacts who need attention first, as buttons; or type an organization."""
    page = await context.services.contacts.page(user_id(update), limit=SHOWN)
    rows = [[btn(_label(c.name, c.organization), "ta", "c", c.id)] for c in page.items]
    await say_template(
        update, context, "pitch/tailor_pick.html.j2", rows or None, contacts=page.items
    )
    return TAILOR_PICK


async def typed_org(update: Update, context: CoachContext) -> int:
    """An organization typed by name."""
    assert update.message is not None and update.message.text is not None
    org = " ".join(update.message.text.split())
    if not 2 <= len(org) <= 80:
        await say(update, context, note("tailor_org_short"))
        return TAILOR_PICK
    pending: dict[str, Any] | None = context.scratch.get(STATE)
    role = pending.get("role", "") if pending else ""
    return await _begin(update, context, org, role, org)


async def press(update: Update, context: CoachContext) -> int:
    """A contact button, or skipping one of the questions."""
    callback = await pressed(update, context)
    if callback is None:
        return TAILOR_PICK
    await drop_buttons(update.callback_query)
    if callback.arg(0) == "s":
        state = context.scratch.get(STATE) or {}
        open_gaps = [g for g in state.get("gaps", ()) if g not in state.get("replies", {})]
        if open_gaps and callback.arg(1, open_gaps[0]) != open_gaps[0]:
            return await _ask_next(update, context)  # an old Skip: ask the open question again
        return await _answered(update, context, None)
    contact = await context.services.contacts.get(user_id(update), callback.arg(1))
    if contact is None:
        return await ask_who(update, context)
    if not contact.organization:
        context.scratch[STATE] = {"role": contact.role, "who": contact.name}
        await say(update, context, note("tailor_no_org", name=contact.name))
        return TAILOR_PICK
    return await _begin(update, context, contact.organization, contact.role, contact.organization)


async def _begin(update: Update, context: CoachContext, org: str, role: str, who: str) -> int:
    answers = await answers_for(update, context)
    gaps = [e.value for e in tailor_gaps(answers, org, role or None)]
    context.scratch[STATE] = {"org": org, "role": role, "who": who, "gaps": gaps, "replies": {}}
    context.scratch[FLOW] = "tailor"
    return await _ask_next(update, context)


async def resume(update: Update, context: CoachContext) -> int:
    """Back after /cancel or a restart: the same question again."""
    state = context.scratch.get(STATE)
    if not state or "gaps" not in state:
        context.scratch.pop(FLOW, None)
        return await show_home(update, context)
    return await _ask_next(update, context)


async def _ask_next(update: Update, context: CoachContext) -> int:
    state: dict[str, Any] = context.scratch[STATE]
    open_gaps = [g for g in state["gaps"] if g not in state["replies"]]
    if not open_gaps:
        return await _tailor(update, context)
    n = len(state["gaps"]) - len(open_gaps) + 1
    await say_template(
        update,
        context,
        "pitch/tailor_gap.html.j2",
        [[btn("Skip", "ta", "s", open_gaps[0])]],
        e=Element(open_gaps[0]),
        who=state["who"],
        role=state["role"],
        n=n,
        of=len(state["gaps"]),
    )
    return TAILOR_ASK


async def gap_reply(update: Update, context: CoachContext) -> int:
    """The student's own words for a missing fact."""
    assert update.message is not None and update.message.text is not None
    text = " ".join(update.message.text.split())
    if count_words(text) < 2 or len(text) > MAX_REPLY:
        await say(update, context, note("tailor_gap_short"))
        return TAILOR_ASK
    return await _answered(update, context, text)


async def _answered(update: Update, context: CoachContext, text: str | None) -> int:
    state: dict[str, Any] | None = context.scratch.get(STATE)
    if not state or "gaps" not in state:
        return await show_home(update, context)
    open_gaps = [g for g in state["gaps"] if g not in state["replies"]]
    if open_gaps:
        state["replies"][open_gaps[0]] = text or ""
    return await _ask_next(update, context)


async def _tailor(update: Update, context: CoachContext) -> int:
    """Everything known: write the tailored version (a skipped fact is left out, not invented)."""
    state: dict[str, Any] = context.scratch.pop(STATE)
    context.scratch.pop(FLOW, None)
    answers = await answers_for(update, context)
    for element, reply in state["replies"].items():
        answers = answers.with_answer(element, reply or None)
    answers = answers.with_answer("organization", state["org"])
    current = await context.services.pitches.current(user_id(update))
    target = await current_target(update, context)
    text = await coach.tailor(
        context.services.llm,
        answers,
        organization=state["org"],
        contact_role=state["role"] or None,
        current_pitch=current.text if current else None,
        target_seconds=target,
        wpm=wpm(context),
    )
    html = render(
        "pitch/shortened.html.j2",
        title=f"For {state['who']}",
        text=text,
        target=target,
        words=count_words(text),
        placeholders="[" in text,
    )
    await say(
        update,
        context,
        html,
        offer(context, text, target, PitchSource.TAILORED, tailored_for=state["org"]),
    )
    return MENU
