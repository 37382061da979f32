"""A contact's card and its one-tap actions: open, edit menus, circle, may-use-name, clearing a
field, stage, delete.

Like the list, none of this keeps conversation state: every button carries the contact it acts
on, and a contact that is gone (deleted, or never this student's) is simply not found.
"""

from __future__ import annotations

from telegram import Update

from bot.features.contacts import service
from bot.features.contacts.domain import TEXT_FIELDS, Contact, Stage, circles
from bot.features.contacts.domain.circles import circle as circle_named
from bot.features.contacts.handlers.presses import (
    AskDelete,
    CircleMenu,
    ClearField,
    ConfirmDelete,
    EditField,
    EditMenu,
    OpenCard,
    SetCircle,
    SetMayUseName,
    SetStage,
    StageMenu,
)
from bot.features.contacts.handlers.view import field_label, not_found, show_card, show_list
from bot.features.nudges.buttons import CadenceMenu, SetCadence
from bot.features.nudges.domain.cadence import CHOICES, effective_days
from bot.flow import CoachContext, Go, on_press, replace, user_id
from bot.flow.context import AnyHandler
from bot.render.html import esc
from bot.render.keyboards import Button, columns
from bot.render.messages import message
from bot.render.templates import render


async def _contact(update: Update, context: CoachContext, contact_id: str) -> Contact | None:
    """The student's contact, or None after saying it is gone."""
    contact = await context.services.contacts.get(user_id(update), contact_id)
    if contact is None:
        await not_found(update, context, edit=True)
    return contact


def _back(contact_id: str) -> Button:
    return OpenCard(contact_id).button(message("contacts.back"))


@on_press(OpenCard)
async def open_card(update: Update, context: CoachContext, press: OpenCard) -> None:
    """The card, in place of the list or menu it was opened from."""
    await show_card(update, context, press.contact, edit=True)


@on_press(EditMenu)
async def edit_menu(update: Update, context: CoachContext, press: EditMenu) -> None:
    """Which part to change; the may-use-name switch for introduced contacts."""
    contact = await _contact(update, context, press.contact)
    if contact is None:
        return
    fields = [EditField(contact.id, f).button(field_label(f)) for f in TEXT_FIELDS]
    fields.insert(1, CircleMenu(contact.id).button(field_label("circle")))
    fields.append(Go("draft", contact.id, "greeting").button(message("contacts.edit_greeting")))
    rows = columns(fields, 3)
    if contact.introduced_by:
        rows.append(
            [
                SetMayUseName(contact.id, "y").button(message("contacts.may_use_name")),
                SetMayUseName(contact.id, "n").button(message("contacts.dont_use_name")),
            ]
        )
    rows.append([_back(contact.id)])
    await replace(update, context, render("contacts/edit_menu.html.j2", name=contact.name), rows)


@on_press(CircleMenu)
async def circle_menu(update: Update, context: CoachContext, press: CircleMenu) -> None:
    """Every circle."""
    contact = await _contact(update, context, press.contact)
    if contact is None:
        return
    rows = columns([SetCircle(contact.id, c.key).button(c.label) for c in circles()])
    rows.append([_back(contact.id)])
    await replace(update, context, render("contacts/circle_menu.html.j2", name=contact.name), rows)


@on_press(SetCircle)
async def set_circle(update: Update, context: CoachContext, press: SetCircle) -> None:
    """Put the contact in that circle."""
    await _change(update, context, press.contact, circle=press.circle or None)


@on_press(SetMayUseName)
async def set_may_use(update: Update, context: CoachContext, press: SetMayUseName) -> None:
    """Whether the introducer's name may be mentioned."""
    may = {"y": True, "n": False}.get(press.answer)
    await _change(update, context, press.contact, may_use_name=may)


async def _change(update: Update, context: CoachContext, contact_id: str, **change: object) -> None:
    changed = await service.change(context.services.contacts, user_id(update), contact_id, change)
    if changed is None:
        await not_found(update, context, edit=True)
        return
    await show_card(update, context, contact_id, edit=True)


@on_press(ClearField)
async def clear_field(update: Update, context: CoachContext, press: ClearField) -> None:
    """Empty an optional field (the name can't be emptied)."""
    if press.field not in TEXT_FIELDS or press.field == "name":
        return
    contacts = context.services.contacts
    if await contacts.set_field(user_id(update), press.contact, press.field, "") is None:
        await not_found(update, context, edit=True)
        return
    note = message("contacts.cleared", field=field_label(press.field))
    await show_card(update, context, press.contact, note, edit=True)


@on_press(StageMenu)
async def stage_menu(update: Update, context: CoachContext, press: StageMenu) -> None:
    """Every stage, the current one marked."""
    contact = await _contact(update, context, press.contact)
    if contact is None:
        return
    stages = [
        SetStage(contact.id, s.value).button(("• " if s is contact.stage else "") + s.label)
        for s in Stage
    ]
    rows = [*columns(stages), [_back(contact.id)]]
    html = render("contacts/stage_menu.html.j2", name=contact.name, stage=contact.stage.label)
    await replace(update, context, html, rows)


@on_press(SetStage)
async def set_stage(update: Update, context: CoachContext, press: SetStage) -> None:
    """Move the contact along, logged with the date."""
    stage = Stage.parse(press.stage)
    if stage is None:
        return
    updated = await context.services.contacts.set_stage(user_id(update), press.contact, stage)
    if updated is None:
        await not_found(update, context, edit=True)
        return
    await show_card(update, context, updated.id, edit=True)


@on_press(CadenceMenu)
async def cadence_menu(update: Update, context: CoachContext, press: CadenceMenu) -> None:
    """How often to keep in touch: the current cadence, and the choices (the chosen one marked)."""
    contact = await _contact(update, context, press.contact)
    if contact is None:
        return
    prefs = await context.services.nudges.prefs(user_id(update))
    chosen = prefs.cadence_override(contact.id)
    choices = [
        SetCadence(contact.id, d).button(
            ("• " if d == chosen else "") + message(f"nudges.cadence_{d}")
        )
        for d in CHOICES
    ]
    rows = [*columns(choices, 2), [_back(contact.id)]]
    html = render(
        "nudges/cadence_menu.html.j2",
        name=contact.name,
        days=effective_days(contact.circle, chosen, prefs.keep_in_touch_days),
        chosen=chosen is not None,
        circle=_circle_label(contact.circle),
    )
    await replace(update, context, html, rows)


def _circle_label(key: str | None) -> str:
    try:
        return circle_named(key).label if key else ""
    except KeyError:  # a circle no longer shipped
        return ""


@on_press(SetCadence)
async def set_cadence(update: Update, context: CoachContext, press: SetCadence) -> None:
    """Keep in touch every so often (or never); the pending reminder moves at once."""
    if press.days not in CHOICES:
        return
    uid = user_id(update)
    if not await context.services.nudges.set_cadence(uid, press.contact, press.days):
        await not_found(update, context, edit=True)
        return
    contact = await context.services.contacts.get(uid, press.contact)
    name = esc(contact.name if contact else "")
    note = (
        message("nudges.cadence_saved", name=name, days=press.days)
        if press.days
        else message("nudges.cadence_off", name=name)
    )
    await show_card(update, context, press.contact, note, edit=True)


@on_press(AskDelete)
async def ask_delete(update: Update, context: CoachContext, press: AskDelete) -> None:
    """Delete? (asks first)"""
    contact = await _contact(update, context, press.contact)
    if contact is None:
        return
    rows = [
        [
            ConfirmDelete(contact.id).button(message("contacts.yes_delete")),
            OpenCard(contact.id).button(message("contacts.keep")),
        ]
    ]
    html = render("contacts/delete_confirm.html.j2", name=contact.name)
    await replace(update, context, html, rows)


@on_press(ConfirmDelete)
async def delete(update: Update, context: CoachContext, press: ConfirmDelete) -> None:
    """Delete, say so, and show the list."""
    deleted = await service.delete(context.services.contacts, user_id(update), press.contact)
    if deleted is None:
        await not_found(update, context, edit=True)
        return
    await replace(update, context, render("contacts/deleted.html.j2", name=deleted.name))
    await show_list(update, context)


def handlers() -> list[AnyHandler]:
    """The card's buttons."""
    return [
        open_card,
        edit_menu,
        circle_menu,
        set_circle,
        set_may_use,
        clear_field,
        stage_menu,
        set_stage,
        cadence_menu,
        set_cadence,
        ask_delete,
        delete,
    ]
