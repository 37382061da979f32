"""/contacts: the list, its filters, search results and export.

None of this keeps conversation state: every button carries what it acts on (a page offset, a
filter), and the list's filters and search live in the student's small state, so these buttons
work from any message, at any time, without trapping the student in a flow.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.features.contacts.domain import Stage, circles
from bot.features.contacts.handlers.presses import (
    ExportCsv,
    ExportMenu,
    ExportVcard,
    FilterCircle,
    FilterStage,
    ShowAll,
    ShowFilters,
    ShowList,
    ShowPage,
)
from bot.features.contacts.handlers.view import (
    ListView,
    circle_key_arg,
    describe_filters,
    filter_buttons,
    set_view,
    show_list,
    view,
)
from bot.features.contacts.transfer import send_contacts_file
from bot.flow import CoachContext, Go, on_press, replace
from bot.flow.context import AnyHandler
from bot.render.messages import message
from bot.render.templates import render


async def contacts_command(update: Update, context: CoachContext) -> None:
    """/contacts lists everyone; /contacts WORDS searches straight away."""
    query = " ".join(context.args or [])[:100]
    set_view(context, ListView(query=query or None))
    await show_list(update, context)


@on_press(Go, pattern=Go.where(target="contacts"))
async def from_menu(update: Update, context: CoachContext, press: Go) -> None:
    """The home menu's "My contacts" button."""
    set_view(context, ListView())
    await show_list(update, context)


@on_press(ShowList)
async def first_page(update: Update, context: CoachContext, press: ShowList) -> None:
    """The list in its current view, from the top."""
    await show_list(update, context, edit=True)


@on_press(ShowPage)
async def other_page(update: Update, context: CoachContext, press: ShowPage) -> None:
    """Another page."""
    await show_list(update, context, max(press.offset, 0), edit=True)


@on_press(ShowFilters)
async def filters_menu(update: Update, context: CoachContext, press: ShowFilters) -> None:
    """Every stage and circle."""
    html = render("contacts/filters.html.j2", filters=describe_filters(view(context)))
    await replace(update, context, html, filter_buttons())


@on_press(FilterStage)
async def by_stage(update: Update, context: CoachContext, press: FilterStage) -> None:
    """Only one stage (the circle filter stays)."""
    await _filter(update, context, stage=Stage.parse(press.stage))


@on_press(FilterCircle)
async def by_circle(update: Update, context: CoachContext, press: FilterCircle) -> None:
    """Only one circle (the stage filter stays)."""
    if press.circle == "-" or press.circle in {c.key for c in circles()}:
        await _filter(update, context, circle=circle_key_arg(press.circle))
    else:
        await _filter(update, context)


@on_press(ShowAll)
async def show_all(update: Update, context: CoachContext, press: ShowAll) -> None:
    """No filter, no search."""
    set_view(context, ListView())
    await show_list(update, context, edit=True)


async def _filter(
    update: Update,
    context: CoachContext,
    *,
    stage: Stage | None = None,
    circle: str | None = None,
) -> None:
    """Narrow the list: a filter replaces the search, the other kind of filter stays."""
    current = view(context)
    set_view(
        context,
        ListView(
            stage=stage or current.stage,
            circle=circle if circle is not None else current.circle,
        ),
    )
    await show_list(update, context, edit=True)


@on_press(ExportMenu)
async def export_menu(update: Update, context: CoachContext, press: ExportMenu) -> None:
    """CSV or vCard."""
    rows = [
        [
            ExportCsv().button(message("contacts.export_csv")),
            ExportVcard().button(message("contacts.export_vcard")),
        ],
        [ShowList().button(message("contacts.back_to_list"))],
    ]
    await replace(update, context, render("contacts/export_menu.html.j2"), rows)


@on_press(ExportCsv)
async def export_csv(update: Update, context: CoachContext, press: ExportCsv) -> None:
    """The whole list as a spreadsheet."""
    await send_contacts_file(update, context, "csv")


@on_press(ExportVcard)
async def export_vcard(update: Update, context: CoachContext, press: ExportVcard) -> None:
    """The whole list as address-book cards."""
    await send_contacts_file(update, context, "vcf")


def handlers() -> list[AnyHandler]:
    """The list: a command and its buttons."""
    return [
        CommandHandler("contacts", contacts_command),
        from_menu,
        first_page,
        other_page,
        filters_menu,
        by_stage,
        by_circle,
        show_all,
        export_menu,
        export_csv,
        export_vcard,
    ]
