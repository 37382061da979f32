"""What a contact card asks the student to type: a search, a new field value, an interaction to
log, and the people a contact suggested when asked for introductions.

Each prompt is a short flow that ends as soon as the text arrives. Pressing any other button
while a prompt waits leaves it (and the press runs as usual), so the student is never stuck.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.features.contacts.domain import (
    LOG_INTRO_ASK,
    Contact,
    ContactDraft,
    InvalidField,
    display_value,
    normalize_field,
    parse_contact_line,
)
from bot.features.contacts.domain.adding import retyped_line
from bot.features.contacts.handlers.presses import (
    AskForIntros,
    ClearField,
    EditField,
    LogInteraction,
    MayUseName,
    OpenCard,
    SearchList,
    SkipFlawed,
    TheyNamedSomeone,
)
from bot.features.contacts.handlers.view import (
    ListView,
    field_label,
    not_found,
    set_view,
    show_card,
    show_list,
)
from bot.features.contacts.regions import phone_region
from bot.flow import CoachContext, Flow, FlowState, Next, Rows, Turn
from bot.flow.context import AnyHandler
from bot.flow.state import clear_state
from bot.render.messages import message
from bot.render.templates import render

_EDITABLE = frozenset({"name", "organization", "role", "field", "email", "phone", "url", "notes"})


@dataclass(kw_only=True)
class Typing(FlowState):
    """Which contact the prompt is about; for a suggested person, the draft and its flawed part."""

    contact: str = ""
    field: str = ""  # the field being edited, or the suggested person's part being fixed
    draft: ContactDraft | None = None  # the person the contact suggested


def _forget(context: CoachContext) -> None:
    """Nothing half-typed is kept; the card is one tap away in /contacts."""
    clear_state(context.scratch, FLOW.name)


def _legacy(data: dict[str, Any]) -> Typing | None:
    """Before the flow kit a prompt waited under ``contacts_input``; it ends at once anyway, so
    an old one is simply dropped (the card is one tap away)."""
    data.pop("contacts_input", None)
    return None


FLOW = Flow(
    "contacts_input",
    Typing,
    label="editing",
    resume="/contacts",
    hint="contacts.hint_type",
    leave_on_other_buttons=True,
    on_cancel=_forget,
    legacy=_legacy,
)


def _back(contact_id: str) -> Rows:
    return [[OpenCard(contact_id).button(message("contacts.back_to_card"))]]


async def _contact(turn: Turn[Typing]) -> Contact | None:
    """The contact the prompt is about, or None after saying it is gone."""
    contact = await turn.services.contacts.get(turn.user_id, turn.state.contact)
    if contact is None:
        await not_found(turn.update, turn.context)
    return contact


# -- the prompts ---------------------------------------------------------------------------------


async def ask_search(turn: Turn[Typing]) -> None:
    """What to type to search."""
    await turn.say("contacts/search_ask.html.j2")


async def ask_value(turn: Turn[Typing]) -> Next | None:
    """The field's new value; an optional field with a value can also be cleared."""
    contact = await _contact(turn)
    if contact is None:
        return turn.end()
    field = turn.state.field
    current = getattr(contact, field)
    rows = _back(contact.id)
    if current and field != "name":
        label = message("contacts.clear_field", field=field_label(field).lower())
        rows = [[ClearField(contact.id, field).button(label), *rows[0]]]
    await turn.say(
        "contacts/edit_field.html.j2",
        rows,
        field=field,
        label=field_label(field),
        name=contact.name,
        current=display_value(field, current),
    )
    return None


async def ask_log(turn: Turn[Typing]) -> Next | None:
    """What happened with the contact."""
    contact = await _contact(turn)
    if contact is None:
        return turn.end()
    await turn.say("contacts/log_ask.html.j2", _back(contact.id), name=contact.name)
    return None


async def ask_intro_name(turn: Turn[Typing]) -> Next | None:
    """Who the contact suggested."""
    contact = await _contact(turn)
    if contact is None:
        return turn.end()
    await turn.say("contacts/intro_name.html.j2", _back(contact.id), name=contact.name)
    return None


async def ask_may_use(turn: Turn[Typing]) -> Next | None:
    """Whether the suggested person may hear the contact's name."""
    introducer = await _contact(turn)
    if introducer is None or turn.state.draft is None:
        return turn.end()
    cid = introducer.id
    rows = [
        [
            MayUseName(cid, "y").button(message("contacts.yes")),
            MayUseName(cid, "n").button(message("contacts.no")),
        ],
        [MayUseName(cid, "u").button(message("contacts.didnt_ask"))],
    ]
    await turn.say(
        "contacts/intro_may.html.j2",
        rows,
        introducer=introducer.name,
        name=turn.state.draft.name,
    )
    return None


SEARCH = FLOW.step("search", ask=ask_search)
VALUE = FLOW.step("edit", ask=ask_value)
LOG = FLOW.step("log", ask=ask_log)
INTRO_NAME = FLOW.step("intro_name", ask=ask_intro_name)
INTRO_MAY = FLOW.step("intro_may", ask=ask_may_use, hint="contacts.hint_tap")

# -- the card and list buttons that open a prompt ------------------------------------------------


@FLOW.entry_press(SearchList)
async def search(turn: Turn[Typing], press: SearchList) -> Next:
    """ "🔎 Search" on the list."""
    turn.fresh()
    return turn.goto(SEARCH)


@FLOW.entry_press(EditField)
async def edit(turn: Turn[Typing], press: EditField) -> Next:
    """A field on the card's edit menu."""
    if press.field not in _EDITABLE:
        return turn.end()
    turn.state = Typing(contact=press.contact, field=press.field)
    return turn.goto(VALUE)


@FLOW.entry_press(LogInteraction)
async def log(turn: Turn[Typing], press: LogInteraction) -> Next:
    """ "💬 Log" on the card."""
    turn.state = Typing(contact=press.contact)
    return turn.goto(LOG)


@FLOW.entry_press(AskForIntros)
async def ask_for_intros(turn: Turn[Typing], press: AskForIntros) -> Next:
    """ "🔗 Ask for intros": noted on the card, with the handout's words for asking."""
    contacts = turn.services.contacts
    note = message("contacts.asked_for_intros")
    contact = await contacts.add_log(turn.user_id, press.contact, LOG_INTRO_ASK, note)
    if contact is None:
        await not_found(turn.update, turn.context)
        return turn.end()
    rows = [
        [TheyNamedSomeone(contact.id).button(message("contacts.they_named_someone"))],
        *_back(contact.id),
    ]
    await turn.say("contacts/intro_ask.html.j2", rows, name=contact.name)
    return turn.end()


@FLOW.entry_press(TheyNamedSomeone)
async def they_named_someone(turn: Turn[Typing], press: TheyNamedSomeone) -> Next:
    """The contact suggested someone: ask who."""
    turn.state = Typing(contact=press.contact)
    return turn.goto(INTRO_NAME)


# -- what the student types ----------------------------------------------------------------------


@SEARCH.text
async def searched(turn: Turn[Typing], text: str) -> Next:
    """Show the list filtered by the words."""
    set_view(turn.context, ListView(query=" ".join(text.split())[:100]))
    await show_list(turn.update, turn.context)
    return turn.end()


@VALUE.text
async def new_value(turn: Turn[Typing], text: str) -> Next:
    """A checked value, saved; or why it can't be, and the same question."""
    field, contact_id = turn.state.field, turn.state.contact
    region = await phone_region(turn.services, turn.user_id) if field == "phone" else None
    try:
        value = normalize_field(field, text, region)
    except InvalidField as exc:
        await turn.say(
            "contacts/invalid.html.j2",
            _back(contact_id),
            reason=exc.reason,
            skippable=False,
            editing=True,
        )
        return turn.stay()
    if await turn.services.contacts.set_field(turn.user_id, contact_id, field, value) is None:
        return await _gone(turn)
    return await _done(turn, message("contacts.field_saved"))


@LOG.text
async def logged(turn: Turn[Typing], text: str) -> Next:
    """The interaction, on the card's log."""
    if await turn.services.contacts.log_interaction(turn.user_id, turn.state.contact, text) is None:
        return await _gone(turn)
    return await _done(turn, message("contacts.logged"))


@INTRO_NAME.text
async def suggested(turn: Turn[Typing], text: str) -> Next:
    """The suggested person (a whole line), or the flawed part asked for again."""
    fixing, draft = turn.state.field, turn.state.draft
    region = await phone_region(turn.services, turn.user_id) if fixing == "phone" else None
    if fixing and draft is not None and not retyped_line(text):
        try:
            draft = draft.with_value(fixing, normalize_field(fixing, text, region))
        except InvalidField as exc:
            return await _ask_fix(turn, draft, fixing, exc.reason)
    else:
        draft = parse_contact_line(text, region)
    return await _check_suggested(turn, draft)


@INTRO_NAME.press(SkipFlawed)
async def skip_flawed(turn: Turn[Typing], press: SkipFlawed) -> Next:
    """Leave the flawed part of a suggested person empty and go on."""
    fixing, draft = turn.state.field, turn.state.draft
    if not fixing or draft is None or press.contact != turn.state.contact:
        return turn.stay()
    return await _check_suggested(turn, draft.with_value(fixing, None))


@INTRO_MAY.press(MayUseName)
async def may_use(turn: Turn[Typing], press: MayUseName) -> Next:
    """Save the suggested person, linked to the contact, with whether the name may be used."""
    draft = turn.state.draft
    if draft is None or press.contact != turn.state.contact:
        return turn.stay()
    may = {"y": True, "n": False}.get(press.answer)
    contacts = turn.services.contacts
    added = await contacts.introduce(turn.user_id, turn.state.contact, draft, may)
    if added is None:
        await not_found(turn.update, turn.context, edit=True)
        return turn.end()
    await turn.replace(render("contacts/saved.html.j2", name=added.name, merged=False, total=0))
    await show_card(turn.update, turn.context, added.id)
    return turn.end()


async def _check_suggested(turn: Turn[Typing], draft: ContactDraft) -> Next:
    """Re-ask only a flawed part of the suggested person (the rest is kept), else go on."""
    if draft.problems:
        field, reason = draft.problems[0]
        return await _ask_fix(turn, draft, field, reason)
    turn.state.draft, turn.state.field = draft, ""
    return turn.goto(INTRO_MAY)


async def _ask_fix(turn: Turn[Typing], draft: ContactDraft, field: str, reason: str) -> Next:
    turn.state.draft, turn.state.field = draft, field
    rows = (
        []
        if field == "name"
        else [[SkipFlawed(turn.state.contact).button(message("contacts.skip"))]]
    )
    await turn.say(
        "contacts/intro_fix.html.j2",
        rows,
        reason=reason,
        label=field_label(field),
        name=draft.name if field != "name" else "",
        field=field,
    )
    return Next(INTRO_NAME.name, ask=False)


async def _done(turn: Turn[Typing], note: str) -> Next:
    await show_card(turn.update, turn.context, turn.state.contact, note)
    return turn.end()


async def _gone(turn: Turn[Typing]) -> Next:
    await not_found(turn.update, turn.context)
    return turn.end()


def handlers() -> list[AnyHandler]:
    """The typed prompts behind card and list buttons."""
    return [FLOW.build()]
