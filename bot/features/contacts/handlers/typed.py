"""What a contact card asks the student to type: a search, a new field value, an interaction to
log, and the people a contact suggested when asked for introductions.

Each prompt is a short conversation that ends as soon as the text arrives. Pressing any other
button while a prompt waits leaves it (and the press runs as usual), so the student is never stuck.
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

from bot.features.contacts.domain import (
    LOG_INTRO_ASK,
    ContactDraft,
    InvalidField,
    display_value,
    normalize_field,
    parse_contact_line,
)
from bot.features.contacts.domain.adding import retyped_line
from bot.features.contacts.handlers.view import (
    VIEW_KEY,
    field_label,
    not_found,
    show_card,
    show_list,
)
from bot.flow.kit import (
    END,
    CoachContext,
    Rows,
    drop_buttons,
    flow_fallbacks,
    pressed,
    replace,
    say_template,
    user_id,
)
from bot.llm.prompts import render
from bot.render.keyboards import btn

TYPING, MAY_USE = 0, 1
_KEY = "contacts_input"
_EDITABLE = frozenset({"name", "organization", "role", "field", "email", "phone", "url", "notes"})


def _pending(context: CoachContext) -> dict[str, Any]:
    stored = context.scratch.get(_KEY)
    return stored if isinstance(stored, dict) else {}


async def start(update: Update, context: CoachContext) -> int:
    """A card or list button that needs typing (``ce|…``): say what to type and wait for it."""
    press = await pressed(update, context)
    if press is None:
        return END
    what, contact_id, field = press.arg(0), press.arg(1), press.arg(2)
    if what == "s":
        context.scratch[_KEY] = {"kind": "s"}
        await say_template(update, context, "contacts/search_ask.html.j2")
        return TYPING
    uid = user_id(update)
    contact = await context.services.contacts.get(uid, contact_id)
    if contact is None:
        await not_found(update, context)
        return END
    context.scratch[_KEY] = {"kind": what, "id": contact_id, "field": field}
    if what == "e" and field in _EDITABLE:
        current = getattr(contact, field)
        await say_template(
            update,
            context,
            "contacts/edit_field.html.j2",
            _edit_buttons(contact_id, field, bool(current)),
            field=field,
            label=field_label(field),
            name=contact.name,
            current=display_value(field, current),
        )
        return TYPING
    if what == "l":
        await say_template(
            update, context, "contacts/log_ask.html.j2", _back(contact_id), name=contact.name
        )
        return TYPING
    if what == "i":
        await context.services.contacts.add_log(
            uid, contact_id, LOG_INTRO_ASK, "Asked for introductions"
        )
        rows = [
            [btn("➕ They named someone", "ce", "n", contact_id)],
            [btn("◀ Back to card", "ct", "o", contact_id)],
        ]
        await say_template(update, context, "contacts/intro_ask.html.j2", rows, name=contact.name)
        return END
    if what == "n":
        await drop_buttons(update.callback_query)
        await say_template(
            update, context, "contacts/intro_name.html.j2", _back(contact_id), name=contact.name
        )
        return TYPING
    return END


def _back(contact_id: str) -> Rows:
    return [[btn("◀ Back to card", "ct", "o", contact_id)]]


def _edit_buttons(contact_id: str, field: str, has_value: bool) -> Rows:
    """A way out of every typing prompt: back to the card, or empty an optional field."""
    row = [btn("◀ Back to card", "ct", "o", contact_id)]
    if has_value and field != "name":
        row.insert(0, btn(f"🧹 Clear {field_label(field).lower()}", "ct", "cl", contact_id, field))
    return [row]


async def typed(update: Update, context: CoachContext) -> int:
    """The awaited text: search, a checked field value, a log line, or a suggested person."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    pending = _pending(context)
    kind, contact_id = pending.get("kind"), pending.get("id", "")
    uid = user_id(update)
    contacts = context.services.contacts
    region = context.services.settings.default_phone_region
    if kind == "s":
        context.scratch[VIEW_KEY] = {"query": " ".join(text.split())[:100]}
        context.scratch.pop(_KEY, None)
        await show_list(update, context)
        return END
    if kind == "e":
        field = pending.get("field", "")
        try:
            value = normalize_field(field, text, region)
        except InvalidField as exc:
            await say_template(
                update,
                context,
                "contacts/invalid.html.j2",
                _back(contact_id),
                reason=exc.reason,
                skippable=False,
                editing=True,
            )
            return TYPING
        if await contacts.set_field(uid, contact_id, field, value) is None:
            return await _gone(update, context)
        return await _done(update, context, contact_id, "✏️ Saved.")
    if kind == "l":
        if await contacts.log_interaction(uid, contact_id, text) is None:
            return await _gone(update, context)
        return await _done(update, context, contact_id, "💬 Logged.")
    if kind == "n":
        fixing = pending.get("fix")
        if fixing and "draft" in pending and not retyped_line(text):
            draft = ContactDraft.from_record(pending["draft"])  # type: ignore[arg-type]
            try:
                draft = draft.with_value(fixing, normalize_field(fixing, text, region))
            except InvalidField as exc:
                return await _ask_fix(update, context, pending, draft, fixing, exc.reason)
        else:
            draft = parse_contact_line(text, region)
        return await _check_suggested(update, context, pending, draft)
    return await _gone(update, context)


async def _check_suggested(
    update: Update, context: CoachContext, pending: dict[str, Any], draft: ContactDraft
) -> int:
    """Re-ask only a flawed part of the suggested person (the rest is kept), else go on."""
    if draft.problems:
        field, reason = draft.problems[0]
        return await _ask_fix(update, context, pending, draft, field, reason)
    return await _ask_may_use(update, context, pending, draft)


async def _ask_fix(
    update: Update,
    context: CoachContext,
    pending: dict[str, Any],
    draft: ContactDraft,
    field: str,
    reason: str,
) -> int:
    context.scratch[_KEY] = {**pending, "draft": draft.to_record(), "fix": field}
    rows: list[list[Any]] = []
    if field != "name":
        rows.append([btn("Skip", "ce", "k", pending.get("id", ""))])
    await say_template(
        update,
        context,
        "contacts/intro_fix.html.j2",
        rows,
        reason=reason,
        label=field_label(field),
        name=draft.name if field != "name" else "",
        field=field,
    )
    return TYPING


async def skip_flawed(update: Update, context: CoachContext) -> int:
    """Skip the flawed part of a suggested person: leave it empty and go on."""
    press = await pressed(update, context)
    if press is None:
        return TYPING
    await drop_buttons(update.callback_query)
    pending = _pending(context)
    fixing = pending.get("fix")
    if not fixing or "draft" not in pending or press.arg(1) != pending.get("id"):
        return TYPING
    draft = ContactDraft.from_record(pending["draft"]).with_value(fixing, None)  # type: ignore[arg-type]
    return await _check_suggested(update, context, pending, draft)


async def _ask_may_use(
    update: Update, context: CoachContext, pending: dict[str, Any], draft: ContactDraft
) -> int:
    introducer = await context.services.contacts.get(user_id(update), pending.get("id", ""))
    if introducer is None:
        return await _gone(update, context)
    context.scratch[_KEY] = {
        **{k: v for k, v in pending.items() if k != "fix"},
        "draft": draft.to_record(),
    }
    cid = introducer.id
    rows = [
        [btn("✅ Yes", "ce", "m", cid, "y"), btn("🤐 No", "ce", "m", cid, "n")],
        [btn("Didn't ask", "ce", "m", cid, "u")],
    ]
    await say_template(
        update,
        context,
        "contacts/intro_may.html.j2",
        rows,
        introducer=introducer.name,
        name=draft.name,
    )
    return MAY_USE


async def may_use(update: Update, context: CoachContext) -> int:
    """Whether the introducer's name may be mentioned: save the new person, linked to them."""
    press = await pressed(update, context)
    if press is None:
        return MAY_USE
    pending = _pending(context)
    if "draft" not in pending or press.arg(1) != pending.get("id"):
        return MAY_USE
    draft = ContactDraft.from_record(pending["draft"])  # type: ignore[arg-type]
    may = {"y": True, "n": False}.get(press.arg(2))
    added = await context.services.contacts.introduce(user_id(update), pending["id"], draft, may)
    context.scratch.pop(_KEY, None)
    if added is None:
        await not_found(update, context, edit=True)
        return END
    await replace(
        update, context, render("contacts/saved.html.j2", name=added.name, merged=False, total=0)
    )
    await show_card(update, context, added.id)
    return END


async def _done(update: Update, context: CoachContext, contact_id: str, note: str) -> int:
    context.scratch.pop(_KEY, None)
    await show_card(update, context, contact_id, note)
    return END


async def _gone(update: Update, context: CoachContext) -> int:
    context.scratch.pop(_KEY, None)
    await not_found(update, context)
    return END


async def unexpected(update: Update, context: CoachContext) -> None:
    """A sticker or photo while waiting for text: say what's needed."""
    pending = _pending(context)
    expecting = "buttons" if "draft" in pending and not pending.get("fix") else "text"
    await say_template(
        update, context, "contacts/hint.html.j2", expecting=expecting, skippable=False
    )


def _forget(context: CoachContext) -> None:
    """Nothing half-typed is kept; the card is one tap away in /contacts."""
    context.scratch.pop(_KEY, None)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The typed prompts behind card and list buttons."""
    return [
        ConversationHandler(
            entry_points=[CallbackQueryHandler(start, pattern=r"^ce\|[selin]\|")],
            states={
                TYPING: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, typed),
                    CallbackQueryHandler(skip_flawed, pattern=r"^ce\|k\|"),
                ],
                MAY_USE: [CallbackQueryHandler(may_use, pattern=r"^ce\|m\|")],
            },
            fallbacks=flow_fallbacks(
                flow="editing",
                resume="/contacts",
                hint=unexpected,
                leave_on_other_buttons=True,
                on_cancel=_forget,
            ),
            name="contacts_input",
            persistent=True,
            allow_reentry=True,
        )
    ]
