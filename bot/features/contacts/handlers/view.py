"""Rendering shared by the contact handlers: the card, the list page and the export files.

Every function here reads the store for the pressing user only, so a contact id that isn't
theirs simply isn't found.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError
from telegram import Update

from bot.features.contacts.domain import (
    FIELD_LABELS,
    NO_CIRCLE,
    Stage,
    attention_reason,
    circle,
    circles,
)
from bot.features.contacts.handlers.presses import (
    AddContact,
    AskDelete,
    AskForIntros,
    EditMenu,
    ExportMenu,
    FilterCircle,
    FilterStage,
    LogInteraction,
    OpenCard,
    SearchList,
    ShowAll,
    ShowFilters,
    ShowList,
    ShowPage,
    StageMenu,
    StartBrainstorm,
)
from bot.features.nudges.buttons import CadenceMenu
from bot.flow import CoachContext, Go, Rows, replace, say, user_id
from bot.render.keyboards import Button, columns
from bot.render.messages import message
from bot.render.templates import render
from bot.store.records import from_json, to_json

PAGE_SIZE = 5
LOG_SHOWN = 6
VIEW_KEY = "contacts_view"  # the list's filters and search, so page buttons stay tiny
_LABEL_CHARS = 30


def circle_label(key: str | None) -> str:
    """The circle's label, or empty when unknown (imported cards have none)."""
    if not key:
        return ""
    try:
        return circle(key).label
    except KeyError:
        return ""


def card_buttons(contact_id: str) -> Rows:
    """Actions on one contact; Draft/Prep/Debrief open the interview features."""
    return [
        [
            EditMenu(contact_id).button(message("contacts.edit")),
            StageMenu(contact_id).button(message("contacts.stage")),
        ],
        [
            LogInteraction(contact_id).button(message("contacts.log")),
            AskForIntros(contact_id).button(message("contacts.ask_intros")),
        ],
        [
            Go("draft", contact_id).button(message("contacts.draft")),
            Go("prep", contact_id).button(message("contacts.prep")),
            Go("debrief", contact_id).button(message("contacts.debrief")),
        ],
        [CadenceMenu(contact_id).button(message("nudges.cadence_button"))],
        [
            AskDelete(contact_id).button(message("contacts.delete")),
            ShowList().button(message("contacts.all_contacts")),
        ],
    ]


async def card_html(context: CoachContext, uid: int, contact_id: str, note: str = "") -> str | None:
    """The card's HTML, or None when this user has no such contact."""
    card = await context.services.contacts.card(uid, contact_id)
    if card is None:
        return None
    contact = card.contact
    profile = await context.services.profiles.get(uid)
    return render(
        "contacts/card.html.j2",
        tz=profile.timezone,
        card=card,
        note=note,
        circle_label=circle_label(contact.circle),
        reason=attention_reason(contact, context.services.clock.now()),
        log=contact.log[-LOG_SHOWN:],
    )


async def show_card(
    update: Update, context: CoachContext, contact_id: str, note: str = "", *, edit: bool = False
) -> bool:
    """Show a contact's card (editing the pressed message when ``edit``); False when missing."""
    html = await card_html(context, user_id(update), contact_id, note)
    if html is None:
        await not_found(update, context, edit=edit)
        return False
    send = replace if edit else say
    await send(update, context, html, card_buttons(contact_id))
    return True


async def not_found(update: Update, context: CoachContext, *, edit: bool = False) -> None:
    """The contact is gone (deleted, or never this user's)."""
    html = render("contacts/not_found.html.j2")
    await (replace if edit else say)(update, context, html)


@dataclass(frozen=True, slots=True)
class ListView:
    """The list's filters and search, kept with the student's state so page buttons stay tiny.

    Stored as ``{"query": ..., "stage": ..., "circle": ...}``, the keys used before it was typed.
    ``circle`` is ``NO_CIRCLE`` for "contacts without a circle", None for no circle filter.
    """

    query: str | None = None
    stage: Stage | None = None
    circle: str | None = None

    @property
    def filtered(self) -> bool:
        """Whether anything narrows the list (so "Show all" makes sense)."""
        return bool(self.query or self.stage or self.circle is not None)


def view(context: CoachContext) -> ListView:
    """The list's current filters and search."""
    stored = context.scratch.get(VIEW_KEY)
    try:
        return from_json(ListView, stored) if isinstance(stored, dict) else ListView()
    except ValidationError:
        return ListView()


def set_view(context: CoachContext, current: ListView) -> None:
    """Keep the list's filters and search for the next page or card."""
    context.scratch[VIEW_KEY] = to_json(current)


def describe_filters(current: ListView) -> str:
    """ "Scheduled · 👪 Family" for the list header."""
    parts = []
    if current.stage:
        parts.append(current.stage.label)
    if current.circle is not None:
        parts.append(circle_label(current.circle) or message("contacts.no_circle_filter"))
    return " · ".join(parts)


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


async def show_list(
    update: Update, context: CoachContext, offset: int = 0, *, edit: bool = False
) -> None:
    """One page of the list in the current view: attention order, or best match when searching."""
    current = view(context)
    page = await context.services.contacts.page(
        user_id(update),
        stage=current.stage,
        circle=current.circle,
        query=current.query,
        offset=offset,
        limit=PAGE_SIZE,
    )
    if page.offset and not page.items and page.total:  # the page emptied (e.g. after a delete)
        await show_list(update, context, max(0, page.total - PAGE_SIZE), edit=edit)
        return
    rows: list[list[Button]] = [
        [OpenCard(c.id).button(_short(f"{page.offset + i}. {c.name}"))]
        for i, c in enumerate(page.items, 1)
    ]
    nav = []
    if page.has_previous:
        previous = max(0, page.offset - PAGE_SIZE)
        nav.append(ShowPage(previous).button(message("contacts.previous_page")))
    if page.has_next:
        nav.append(ShowPage(page.offset + PAGE_SIZE).button(message("contacts.next_page")))
    rows.append(nav)
    rows.append(
        [
            SearchList().button(message("contacts.search")),
            ShowFilters().button(message("contacts.filter")),
        ]
        + ([ShowAll().button(message("contacts.show_all"))] if current.filtered else [])
    )
    rows.append(
        [
            AddContact().button(message("contacts.add")),
            StartBrainstorm().button(message("contacts.brainstorm")),
        ]
    )
    if page.total:
        rows.append([ExportMenu().button(message("contacts.export"))])
    pages = max(1, -(-page.total // PAGE_SIZE))
    html = render(
        "contacts/list.html.j2",
        items=page.items,
        reasons=page.reasons,
        total=page.total,
        offset=page.offset,
        page=page.offset // PAGE_SIZE + 1,
        pages=pages,
        query=current.query,
        filters=describe_filters(current),
    )
    await (replace if edit else say)(update, context, html, rows)


def filter_buttons() -> Rows:
    """Every stage and every circle, two to a row."""
    stages = [FilterStage(s.value).button(s.label) for s in Stage]
    kinds = [FilterCircle(c.key).button(c.label) for c in circles()]
    kinds.append(FilterCircle("-").button(message("contacts.no_circle")))
    show_all = ShowAll().button(message("contacts.show_all"))
    return [*columns(stages), *columns(kinds), [show_all]]


def circle_key_arg(arg: str) -> str:
    """The circle a filter button names ("-" stands for contacts without one)."""
    return NO_CIRCLE if arg == "-" else arg


def field_label(field: str) -> str:
    """The button text for a field."""
    return FIELD_LABELS.get(field, field)
