"""Brainstorm: walk the handout's circles one by one while the student types names as they come.

Names are saved the moment they are typed (each with its circle), so nothing is lost if the
student stops; the walk's position lives in scratch, so /cancel or a restart resumes at the same
circle. It ends with a count per circle, to show how big the network already is.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.features.contacts.domain import ContactDraft, fold, parse_names
from bot.features.contacts.domain.adding import fresh_names, walk_circles
from bot.flow.kit import (
    END,
    CoachContext,
    drop_buttons,
    flow_fallbacks,
    pressed,
    say_template,
    user_id,
)
from bot.render.keyboards import btn

NAMING = 0
_KEY = "brainstorm"
_NEXT = {"next", "n", "skip", "next circle", "nobody", "none", "no one"}
_DONE = {"done", "finish", "stop", "end", "that's all", "thats all"}


def _walk(context: CoachContext) -> dict[str, Any]:
    stored = context.scratch.get(_KEY)
    return stored if isinstance(stored, dict) else {}


async def start(update: Update, context: CoachContext) -> int:
    """ "🧠 Brainstorm" (from /add or the list): begin, or resume at the same circle."""
    if await pressed(update, context) is None:
        return END
    await drop_buttons(update.callback_query)
    walk = _walk(context)
    if not walk:
        context.scratch[_KEY] = {"i": 0, "added": {}}
        await say_template(
            update, context, "contacts/brainstorm_intro.html.j2", total=len(walk_circles())
        )
    return await _ask(update, context)


async def _ask(update: Update, context: CoachContext) -> int:
    walk = _walk(context)
    circles = walk_circles()
    index = walk.get("i", 0)
    if index >= len(circles):
        return await _finish(update, context)
    here = circles[index]
    rows = [[btn("Next ▶", "bs", "nx", here.key), btn("✅ Done", "bs", "fin")]]
    await say_template(
        update,
        context,
        "contacts/brainstorm_ask.html.j2",
        rows,
        label=here.label,
        question=here.brainstorm,
        number=index + 1,
        total=len(circles),
    )
    return NAMING


async def names(update: Update, context: CoachContext) -> int:
    """Names typed quickly (several per message); "next" moves on, "done" finishes."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text.strip()
    if fold(text) in _NEXT:
        return await _move_on(update, context)
    if fold(text) in _DONE:
        return await _finish(update, context)
    walk = _walk(context)
    here = walk_circles()[min(walk.get("i", 0), len(walk_circles()) - 1)]
    typed = parse_names(text)
    saved = await context.services.contacts.all(user_id(update))
    existing = [c.name for c in saved if c.circle == here.key]  # two Anas in two circles are fine
    new = fresh_names(typed, existing)
    if new:
        drafts = [ContactDraft(name=name, circle=here.key) for name in new]
        await context.services.contacts.add_many(user_id(update), drafts)
    added = {**walk.get("added", {})}
    added[here.key] = [*added.get(here.key, []), *new]
    context.scratch[_KEY] = {**walk, "added": added}
    rows = [[btn("Next ▶", "bs", "nx", here.key), btn("✅ Done", "bs", "fin")]]
    await say_template(
        update,
        context,
        "contacts/brainstorm_added.html.j2",
        rows,
        names=new,
        repeats=[n for n in typed if n not in new],
        count=len(added[here.key]),
        label=here.label,
    )
    return NAMING


async def on_button(update: Update, context: CoachContext) -> int:
    """Next circle (only from the circle it was shown for) or finish."""
    press = await pressed(update, context)
    if press is None:
        return NAMING
    await drop_buttons(update.callback_query)
    if press.arg(0) == "fin":
        return await _finish(update, context)
    walk = _walk(context)
    circles = walk_circles()
    index = walk.get("i", 0)
    if press.arg(0) == "nx" and index < len(circles) and circles[index].key == press.arg(1):
        return await _move_on(update, context)
    return await _ask(update, context)


async def _move_on(update: Update, context: CoachContext) -> int:
    walk = _walk(context)
    context.scratch[_KEY] = {**walk, "i": walk.get("i", 0) + 1}
    return await _ask(update, context)


async def _finish(update: Update, context: CoachContext) -> int:
    walk = context.scratch.pop(_KEY, None) or {}
    added: dict[str, list[str]] = walk.get("added", {})
    groups = [(c.label, added[c.key]) for c in walk_circles() if added.get(c.key)]
    total = len(await context.services.contacts.all(user_id(update)))
    await say_template(
        update,
        context,
        "contacts/brainstorm_summary.html.j2",
        [[btn("👥 My contacts", "go", "contacts")]],
        added=sum(len(n) for n in added.values()),
        groups=groups,
        total=total,
    )
    return END


async def hint(update: Update, context: CoachContext) -> None:
    """Not text: say what works here."""
    await say_template(update, context, "contacts/hint.html.j2", expecting="text", skippable=False)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The brainstorm walk."""
    return [
        ConversationHandler(
            entry_points=[CallbackQueryHandler(start, pattern=r"^bs\|go\|")],
            states={
                NAMING: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, names),
                    CallbackQueryHandler(on_button, pattern=r"^bs\|"),
                ]
            },
            fallbacks=flow_fallbacks(
                flow="brainstorm",
                resume="/add → 🧠 Brainstorm",
                hint=hint,
                leave_on=filters.Document.ALL | filters.CONTACT,
                leave_on_other_buttons=True,
            ),
            name="brainstorm",
            persistent=True,
            allow_reentry=True,
        )
    ]
