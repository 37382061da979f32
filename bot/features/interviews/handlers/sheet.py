"""The finished prep sheet's buttons: every question, the logistics, the research checklist, the
opener and the calendar file, each on its own message when the student wants it.

The sheet itself fits one phone screen, so the rest waits behind these. They outlive the /prep
conversation (the student opens the sheet again on the bus the next day), so they are plain
handlers that load the interview by the id the signed button carries.
"""

from __future__ import annotations

from telegram import Update

from bot.features.contacts.domain import Contact
from bot.features.interviews import service
from bot.features.interviews.domain.calendar import ics_slug
from bot.features.interviews.domain.interviews import Interview
from bot.features.interviews.handlers.buttons import SheetView
from bot.flow import Go, Rows, on_press, say, say_template
from bot.flow.context import AnyHandler, CoachContext, user_id
from bot.render.messages import message
from bot.render.templates import render

_VIEWS = {
    "q": "interviews/sheet_questions.html.j2",
    "l": "interviews/sheet_logistics.html.j2",
    "o": "interviews/sheet_opener.html.j2",
}


def sheet_buttons(interview: Interview, contact: Contact) -> Rows:
    """Under the sheet: the parts it leaves out, then the debrief for afterwards."""
    rows = [
        [
            SheetView("q", interview.id).button(message("interviews.sheet_all_questions")),
            SheetView("l", interview.id).button(message("interviews.sheet_logistics")),
        ],
        [
            SheetView("r", interview.id).button(message("interviews.sheet_research")),
            SheetView("o", interview.id).button(message("interviews.sheet_opener")),
        ],
    ]
    if interview.starts_at is not None:
        rows.append([SheetView("c", interview.id).button(message("interviews.sheet_calendar"))])
    rows.append([Go("debrief", contact.id).button(message("interviews.debrief_afterwards"))])
    return rows


@on_press(SheetView)
async def show_part(update: Update, context: CoachContext, press: SheetView) -> None:
    """One part of the sheet as a new message; the sheet and its buttons stay as they were."""
    services, uid = context.services, user_id(update)
    interview = await services.interviews.get(uid, press.interview)
    contact = await services.contacts.get(uid, interview.contact_id) if interview else None
    if interview is None or contact is None:
        await say(update, context, message("interviews.sheet_gone"))
        return
    if press.part == "c":
        await _send_calendar(update, context, contact, interview)
    elif press.part == "r":
        checklist = await service.checklist(services, uid, contact)
        await say_template(
            update,
            context,
            "interviews/research.html.j2",
            contact=contact,
            checklist=checklist,
            view=True,
            found=interview.research,
        )
    else:
        sheet = await service.sheet_for(services, uid, contact, interview)
        await say_template(update, context, _VIEWS[press.part], sheet=sheet)


async def _send_calendar(
    update: Update, context: CoachContext, contact: Contact, interview: Interview
) -> None:
    ics = await service.calendar_file(context.services, user_id(update), contact, interview)
    if ics is None:
        await say(update, context, message("interviews.sheet_no_date"))
        return
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        document=ics,
        filename=f"interview-{ics_slug(contact.name)}.ics",  # no ':' or '/' from the name
        caption=render("interviews/ics_caption.txt.j2", contact=contact),
    )


def sheet_handlers() -> list[AnyHandler]:
    """The sheet's buttons, registered beside the /prep conversation."""
    return [show_part]
