"""/add: a contact one question at a time, on one line, or shared from the phone's address book.

All three ways fill the same draft, kept in the user's scratch after every answer (so /cancel, a
stray command or a restart never loses what was typed), and all end the same way: a check for
someone already in the list (merge or keep both), then the saved contact's card.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.features.contacts.domain import (
    FIELD_LABELS,
    ContactDraft,
    InvalidField,
    circles,
    display_value,
    duplicate_reason,
    match_circle,
    normalize_field,
    parse_contact_line,
)
from bot.features.contacts.domain.adding import (
    GUIDED_STEPS,
    draft_from_shared,
    looks_like_line,
    missing_steps,
    worth_keeping,
)
from bot.features.contacts.handlers.view import circle_label, show_card
from bot.flow.kit import (
    END,
    CoachContext,
    Rows,
    YieldToFlows,
    drop_buttons,
    flow_fallbacks,
    pressed,
    say,
    say_template,
    user_id,
)
from bot.llm.prompts import render
from bot.render.keyboards import btn, columns

ASKING, CHOOSING = 0, 1
_KEY = "contact_add"
_FIXABLE = ("name", "circle", "organization", "role", "field", "email", "phone", "url", "notes")


# -- the flow's state, kept in scratch ---------------------------------------------------------


def _flow(context: CoachContext) -> dict[str, Any]:
    stored = context.scratch.get(_KEY)
    return stored if isinstance(stored, dict) else {}


def _draft(context: CoachContext) -> ContactDraft:
    return ContactDraft.from_record(_flow(context).get("draft", {}))


def _begin(context: CoachContext, draft: ContactDraft, steps: list[str], mode: str) -> None:
    context.scratch[_KEY] = {
        "draft": draft.to_record(),
        "steps": steps,
        "total": len(steps),
        "mode": mode,
    }


def _keep(context: CoachContext, draft: ContactDraft, **changes: Any) -> dict[str, Any]:
    flow = {**_flow(context), "draft": draft.to_record(), **changes}
    context.scratch[_KEY] = flow
    return flow


# -- entry points ------------------------------------------------------------------------------


async def add_command(update: Update, context: CoachContext) -> int:
    """/add alone asks one question at a time (or resumes); /add with text parses the line."""
    assert update.message is not None and update.message.text is not None
    if context.args:
        return await _from_line(update, context, update.message.text)
    return await _resume_or_start(update, context)


async def add_button(update: Update, context: CoachContext) -> int:
    """ "➕ Add" on the list or after saving: the same as /add."""
    if await pressed(update, context) is None:
        return END
    return await _resume_or_start(update, context)


async def shared_contact(update: Update, context: CoachContext) -> int:
    """A contact shared from the phone: keep its name and number, ask only what is missing."""
    assert update.message is not None and update.message.contact is not None
    card = update.message.contact
    draft = draft_from_shared(
        card.first_name,
        card.last_name,
        card.phone_number,
        card.vcard,
        context.services.settings.default_phone_region,
    )
    await _set_aside(update, context, draft)
    steps = missing_steps(draft)
    _begin(context, draft, steps, "shared")
    await say_template(
        update,
        context,
        "contacts/shared.html.j2",
        name=draft.name or "that contact",
        phone=bool(draft.phone),
        total=len(steps),
    )
    return await _ask_or_finish(update, context)


async def _resume_or_start(update: Update, context: CoachContext) -> int:
    flow = _flow(context)
    if flow.get("steps") and flow.get("mode") in ("guided", "shared", "fix"):
        if _draft(context).name:
            await say(update, context, render("contacts/resume.html.j2", name=_draft(context).name))
        return await _ask(update, context)
    _begin(context, ContactDraft(), list(GUIDED_STEPS), "guided")
    return await _ask(update, context)


async def _set_aside(update: Update, context: CoachContext, new: ContactDraft) -> None:
    """Save a half-added contact as it is before someone else replaces it (nothing typed is
    lost); the same person typed again simply replaces the old draft."""
    flow = _flow(context)
    if flow.get("mode") not in ("guided", "shared", "fix", "confirm"):
        return
    unfinished = _draft(context)
    if not worth_keeping(unfinished, new):
        return
    context.scratch.pop(_KEY, None)
    saved = await context.services.contacts.add(user_id(update), unfinished)
    await say_template(update, context, "contacts/set_aside.html.j2", name=saved.name)


async def _from_line(update: Update, context: CoachContext, text: str) -> int:
    """Parse a whole contact; flawed parts are shown with their reason and asked again."""
    draft = parse_contact_line(text, context.services.settings.default_phone_region)
    await _set_aside(update, context, draft)
    flawed = list(dict.fromkeys(field for field, _ in draft.problems))
    if not draft.name and "name" not in flawed:
        flawed.insert(0, "name")
    if flawed:
        _begin(context, draft, flawed, "fix")
        await say(update, context, _confirm_html(draft, fixing=len(flawed)))
        return await _ask(update, context)
    _begin(context, draft, [], "confirm")
    return await _confirm(update, context)


# -- asking ------------------------------------------------------------------------------------


def _step_buttons(step: str, mode: str, has_name: bool) -> Rows:
    rows: list[list[Any]] = []
    if step == "name":
        if mode == "guided":
            rows.append([btn("🧠 Brainstorm instead", "bs", "go")])
        return rows
    if step == "circle":
        rows += columns([btn(c.label, "ca", "ci", c.key) for c in circles()])
    last = [btn("Skip", "ca", "sk", step)]
    if mode != "fix" and has_name:
        last.append(btn("✅ Save now", "ca", "sv"))
    rows.append(last)
    return rows


async def _ask(update: Update, context: CoachContext, problem: str = "") -> int:
    flow = _flow(context)
    draft = _draft(context)
    step = flow["steps"][0]
    total = flow.get("total", len(flow["steps"]))
    number = total - len(flow["steps"]) + 1
    current = draft.circle if step == "circle" else getattr(draft, step, "")
    # A value that came in flawed (a shared card, a one-line add) is re-asked with its reason.
    problem = problem or next((reason for field, reason in draft.problems if field == step), "")
    await say_template(
        update,
        context,
        "contacts/ask.html.j2",
        _step_buttons(step, flow.get("mode", "guided"), bool(draft.name)),
        step=step,
        mode=flow.get("mode", "guided"),
        problem=problem,
        number=number,
        total=total,
        name=draft.name or "them",
        current=circle_label(current) if step == "circle" else display_value(step, current),
        local_numbers=bool(context.services.settings.default_phone_region),
    )
    return ASKING


async def _ask_or_finish(update: Update, context: CoachContext) -> int:
    flow = _flow(context)
    if flow.get("steps"):
        return await _ask(update, context)
    if flow.get("mode") == "fix":
        return await _confirm(update, context)
    return await _save(update, context)


async def _advance(update: Update, context: CoachContext, draft: ContactDraft) -> int:
    steps = list(_flow(context).get("steps", []))[1:]
    _keep(context, draft, steps=steps)
    return await _ask_or_finish(update, context)


async def answer(update: Update, context: CoachContext) -> int:
    """A typed answer: check it, keep it and move on — or explain and ask the same again."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    flow = _flow(context)
    if not flow.get("steps"):
        return await hint(update, context)
    step = flow["steps"][0]
    if step == "name" and flow.get("mode") == "guided" and looks_like_line(text):
        return await _from_line(update, context, text)
    draft = _draft(context)
    try:
        if step == "circle":
            value = match_circle(text)
            if value is None:
                raise InvalidField("circle", "I don't know that circle — tap one of the buttons.")
        else:
            value = normalize_field(step, text, context.services.settings.default_phone_region)
    except InvalidField as exc:
        return await _ask(update, context, problem=exc.reason)
    return await _advance(update, context, draft.with_value(step, value))


# -- buttons -----------------------------------------------------------------------------------


async def on_button(update: Update, context: CoachContext) -> int:
    """Skip, circle, save now, confirm, fix, merge, keep both, discard (``ca|…``)."""
    press = await pressed(update, context)
    if press is None:
        return ASKING
    what, arg = press.arg(0), press.arg(1)
    flow = _flow(context)
    steps = flow.get("steps") or []
    if not flow:
        await drop_buttons(update.callback_query)
        return await _resume_or_start(update, context)
    await drop_buttons(update.callback_query)
    draft = _draft(context)
    match what:
        case "new":
            return await _resume_or_start(update, context)
        case "sk" if steps and steps[0] == arg and arg != "name":
            return await _advance(update, context, draft.with_value(arg, None))
        case "ci" if steps and steps[0] == "circle":
            return await _advance(update, context, draft.with_value("circle", arg))
        case "sv" | "ok" if draft.name and not draft.problems:
            return await _save(update, context)
        case "fx":
            rows = columns([btn(FIELD_LABELS[f], "ca", "f", f) for f in _FIXABLE], 3)
            rows.append([btn("◀ Back", "ca", "bk")])
            await say_template(update, context, "contacts/fix_menu.html.j2", rows)
            return CHOOSING
        case "f" if arg in _FIXABLE:
            _keep(context, draft, steps=[arg], total=1, mode="fix")
            return await _ask(update, context)
        case "bk":
            return await _confirm(update, context)
        case "no":
            context.scratch.pop(_KEY, None)
            await say_template(update, context, "contacts/discarded.html.j2")
            return END
        case "dm" if flow.get("dup"):
            merged = await context.services.contacts.merge_draft(
                user_id(update), flow["dup"], draft
            )
            return await _saved(update, context, merged.id if merged else None, merged=True)
        case "dk":
            return await _save(update, context, check=False)
    return await _reshow(update, context)


async def _reshow(update: Update, context: CoachContext) -> int:
    """A button from an older message: show where the flow really is."""
    flow = _flow(context)
    if flow.get("steps"):
        return await _ask(update, context)
    return await _confirm(update, context)


# -- confirming and saving ---------------------------------------------------------------------


def _confirm_html(draft: ContactDraft, *, fixing: int = 0) -> str:
    """The draft for a one-tap save; with ``fixing``, the heading says how many parts to fix
    first (each is then asked with its reason)."""
    return render(
        "contacts/confirm.html.j2",
        draft=draft,
        fixing=fixing,
        circle_label=circle_label(draft.circle),
        labels=FIELD_LABELS,
    )


async def _confirm(update: Update, context: CoachContext) -> int:
    draft = _draft(context)
    _keep(context, draft, steps=[], mode="confirm")
    rows = [
        [btn("✅ Save", "ca", "ok"), btn("✏️ Fix", "ca", "fx")],
        [btn("✖️ Discard", "ca", "no")],
    ]
    await say(update, context, _confirm_html(draft), rows)
    return CHOOSING


async def _save(update: Update, context: CoachContext, *, check: bool = True) -> int:
    uid = user_id(update)
    draft = _draft(context)
    repo = context.services.contacts
    twins = await repo.duplicates(uid, draft) if check else []
    if twins:
        _keep(context, draft, steps=[], mode="dup", dup=twins[0].id)
        rows = [
            [btn("🔀 Merge", "ca", "dm"), btn("➕ Keep both", "ca", "dk")],
            [btn("✖️ Discard", "ca", "no")],
        ]
        await say_template(
            update,
            context,
            "contacts/duplicate.html.j2",
            rows,
            other=twins[0],
            reason=duplicate_reason(draft, twins[0]),
        )
        return CHOOSING
    contact = await repo.add(uid, draft)
    return await _saved(update, context, contact.id, merged=False)


async def _saved(
    update: Update, context: CoachContext, contact_id: str | None, *, merged: bool
) -> int:
    context.scratch.pop(_KEY, None)
    if contact_id is None:
        return END
    uid = user_id(update)
    contact = await context.services.contacts.get(uid, contact_id)
    total = len(await context.services.contacts.all(uid))
    name = contact.name if contact else ""
    note = render("contacts/saved.html.j2", name=name, merged=merged, total=total)
    await show_card(update, context, contact_id, note)
    return END


# -- the rest ----------------------------------------------------------------------------------


async def hint(update: Update, context: CoachContext) -> int:
    """Something we can't use at this step (a photo, or typing where a tap is needed)."""
    flow = _flow(context)
    steps = flow.get("steps") or []
    await say_template(
        update,
        context,
        "contacts/hint.html.j2",
        expecting="text" if steps else "buttons",
        skippable=bool(steps) and steps[0] != "name",
    )
    return ASKING if steps else CHOOSING


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The /add conversation (typed, one line, or a shared phone contact)."""
    text = filters.TEXT & ~filters.COMMAND
    buttons = CallbackQueryHandler(on_button, pattern=r"^ca\|")
    shared = MessageHandler(filters.CONTACT, shared_contact)
    return [
        ConversationHandler(
            entry_points=[
                CommandHandler("add", add_command),
                CallbackQueryHandler(add_button, pattern=r"^ca\|new\|"),
                YieldToFlows(MessageHandler(filters.CONTACT, shared_contact)),
            ],
            states={
                # The name question invites sharing a contact, so a shared card is welcome at
                # every step (the half-added one is kept, see _set_aside).
                ASKING: [MessageHandler(text, answer), buttons, shared],
                CHOOSING: [buttons, MessageHandler(text, hint), shared],
            },
            fallbacks=flow_fallbacks(
                flow="adding",
                resume="/add",
                hint=hint,
                leave_on=filters.Document.ALL,
                leave_on_other_buttons=True,
            ),
            name="contacts_add",
            persistent=True,
            allow_reentry=True,
        )
    ]
