"""/contacts: the list, its filters, a contact's card and the card's one-tap actions.

None of this keeps conversation state: every button carries what it acts on (a contact id, a page
offset), and the list's filters and search live in the user's scratch, so these buttons work from
any message, at any time, without trapping the student in a flow.
"""

from __future__ import annotations

from dataclasses import replace as with_changes

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.features.contacts.domain import Stage, circles
from bot.features.contacts.handlers.view import (
    VIEW_KEY,
    circle_key_arg,
    describe_filters,
    field_label,
    filter_buttons,
    not_found,
    send_contacts_file,
    show_card,
    show_list,
    view,
)
from bot.features.home.menu import go_pattern
from bot.flow.kit import CoachContext, pressed, replace, user_id
from bot.llm.prompts import render
from bot.render.keyboards import btn, columns

_TEXT_FIELDS = ("name", "organization", "role", "field", "email", "phone", "url", "notes")


async def contacts_command(update: Update, context: CoachContext) -> None:
    """/contacts lists everyone; /contacts WORDS searches straight away."""
    query = " ".join(context.args or [])[:100]
    context.scratch[VIEW_KEY] = {"query": query} if query else {}
    await show_list(update, context)


async def from_menu(update: Update, context: CoachContext) -> None:
    """The home menu's "My contacts" button."""
    if await pressed(update, context) is None:
        return
    context.scratch[VIEW_KEY] = {}
    await show_list(update, context)


async def on_button(update: Update, context: CoachContext) -> None:
    """Every list and card button (``ct|…``): open, page, filter, edit menus, delete, export."""
    press = await pressed(update, context)
    if press is None:
        return
    what, arg, extra = press.arg(0), press.arg(1), press.arg(2)
    uid = user_id(update)
    match what:
        case "o":
            await show_card(update, context, arg, edit=True)
        case "l":
            await show_list(update, context, edit=True)
        case "p":
            await show_list(update, context, int(arg) if arg.isdigit() else 0, edit=True)
        case "f":
            html = render("contacts/filters.html.j2", filters=describe_filters(view(context)))
            await replace(update, context, html, filter_buttons())
        case "fs" | "fc" | "fa":
            await _filter(update, context, what, arg)
        case "e":
            await _edit_menu(update, context, arg)
        case "c":
            await _circle_menu(update, context, arg)
        case "cc":
            await _change(update, context, arg, circle=extra or None)
        case "m":
            await _change(update, context, arg, may_use_name={"y": True, "n": False}.get(extra))
        case "cl" if extra in _TEXT_FIELDS and extra != "name":
            if await context.services.contacts.set_field(uid, arg, extra, "") is None:
                await not_found(update, context, edit=True)
                return
            await show_card(update, context, arg, f"🧹 {field_label(extra)} cleared.", edit=True)
        case "s":
            await _stage_menu(update, context, arg)
        case "d":
            await _delete_confirm(update, context, arg)
        case "dy":
            contact = await context.services.contacts.get(uid, arg)
            if contact is None or not await context.services.contacts.delete(uid, arg):
                await not_found(update, context, edit=True)
                return
            await replace(update, context, render("contacts/deleted.html.j2", name=contact.name))
            await show_list(update, context)
        case "x":
            rows = [
                [btn("📊 CSV", "ct", "xc"), btn("📇 vCard", "ct", "xv")],
                [btn("◀ Back to list", "ct", "l")],
            ]
            await replace(update, context, render("contacts/export_menu.html.j2"), rows)
        case "xc" | "xv":
            await send_contacts_file(update, context, "csv" if what == "xc" else "vcf")


async def on_stage(update: Update, context: CoachContext) -> None:
    """A stage button on a card (``cs|id|stage``): move the contact along, logged with the date."""
    press = await pressed(update, context)
    if press is None:
        return
    stage = Stage.parse(press.arg(1))
    if stage is None:
        return
    updated = await context.services.contacts.set_stage(user_id(update), press.arg(0), stage)
    if updated is None:
        await not_found(update, context, edit=True)
        return
    await show_card(update, context, updated.id, edit=True)


async def _change(update: Update, context: CoachContext, contact_id: str, **change: object) -> None:
    """Apply a one-tap change (circle, may-use-name) and show the card again."""
    uid = user_id(update)
    contact = await context.services.contacts.get(uid, contact_id)
    if contact is None:
        await not_found(update, context, edit=True)
        return
    await context.services.contacts.save(uid, with_changes(contact, **change))  # type: ignore[arg-type]
    await show_card(update, context, contact_id, edit=True)


async def _filter(update: Update, context: CoachContext, what: str, arg: str) -> None:
    current = dict(view(context))
    current.pop("query", None)
    if what == "fa":
        current = {}
    elif what == "fs" and Stage.parse(arg) is not None:
        current["stage"] = arg
    elif what == "fc" and (arg == "-" or arg in {c.key for c in circles()}):
        current["circle"] = circle_key_arg(arg)
    context.scratch[VIEW_KEY] = current
    await show_list(update, context, edit=True)


async def _edit_menu(update: Update, context: CoachContext, contact_id: str) -> None:
    contact = await context.services.contacts.get(user_id(update), contact_id)
    if contact is None:
        await not_found(update, context, edit=True)
        return
    fields = [btn(field_label(f), "ce", "e", contact_id, f) for f in _TEXT_FIELDS]
    fields.insert(1, btn(field_label("circle"), "ct", "c", contact_id))
    rows = columns(fields, 3)
    if contact.introduced_by:
        rows.append(
            [
                btn("✅ May use name", "ct", "m", contact_id, "y"),
                btn("🤐 Don't use name", "ct", "m", contact_id, "n"),
            ]
        )
    rows.append([btn("◀ Back", "ct", "o", contact_id)])
    await replace(update, context, render("contacts/edit_menu.html.j2", name=contact.name), rows)


async def _circle_menu(update: Update, context: CoachContext, contact_id: str) -> None:
    contact = await context.services.contacts.get(user_id(update), contact_id)
    if contact is None:
        await not_found(update, context, edit=True)
        return
    rows = columns([btn(c.label, "ct", "cc", contact_id, c.key) for c in circles()])
    rows.append([btn("◀ Back", "ct", "o", contact_id)])
    await replace(update, context, render("contacts/circle_menu.html.j2", name=contact.name), rows)


async def _stage_menu(update: Update, context: CoachContext, contact_id: str) -> None:
    contact = await context.services.contacts.get(user_id(update), contact_id)
    if contact is None:
        await not_found(update, context, edit=True)
        return
    stages = [
        btn(("• " if s is contact.stage else "") + s.label, "cs", contact_id, s.value)
        for s in Stage
    ]
    rows = [*columns(stages), [btn("◀ Back", "ct", "o", contact_id)]]
    html = render("contacts/stage_menu.html.j2", name=contact.name, stage=contact.stage.label)
    await replace(update, context, html, rows)


async def _delete_confirm(update: Update, context: CoachContext, contact_id: str) -> None:
    contact = await context.services.contacts.get(user_id(update), contact_id)
    if contact is None:
        await not_found(update, context, edit=True)
        return
    rows = [[btn("🗑 Yes, delete", "ct", "dy", contact_id), btn("Keep", "ct", "o", contact_id)]]
    html = render("contacts/delete_confirm.html.j2", name=contact.name)
    await replace(update, context, html, rows)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The list and card: a command, the menu button and two button families."""
    return [
        CommandHandler("contacts", contacts_command),
        CallbackQueryHandler(from_menu, pattern=go_pattern("contacts")),
        CallbackQueryHandler(on_button, pattern=r"^ct\|"),
        CallbackQueryHandler(on_stage, pattern=r"^cs\|"),
    ]
