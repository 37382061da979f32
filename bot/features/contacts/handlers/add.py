"""/add: a contact one question at a time, on one line, or shared from the phone's address book.

All three ways fill the same draft, kept in the flow's state after every answer (so /cancel, a
stray command or a restart never loses what was typed), and all end the same way: a check for
someone already in the list (merge or keep both), then the saved contact's card.

Each field is a step; ``queue`` holds the fields still to ask after it (all of them for a guided
add, only the missing ones for a shared card, only the flawed ones for a one-line add).
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import MessageHandler, filters

from bot.features.contacts import service
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
)
from bot.features.contacts.handlers.add_state import FIELDS, Adding, legacy
from bot.features.contacts.handlers.presses import (
    ADD_PRESSES,
    AddContact,
    BackToDraft,
    DiscardDraft,
    FixDraft,
    FixField,
    KeepBoth,
    MergeTwin,
    PickCircle,
    SaveDraft,
    SaveNow,
    SkipField,
    StartBrainstorm,
)
from bot.features.contacts.handlers.view import circle_label, show_card
from bot.features.contacts.regions import phone_region
from bot.flow import CoachContext, Flow, Next, Press, Rows, Turn, YieldToFlows
from bot.flow.context import AnyHandler
from bot.render.keyboards import Button, columns
from bot.render.messages import message
from bot.render.templates import render

FLOW = Flow(
    "contacts_add",
    Adding,
    label="adding",
    resume="/add",
    hint="contacts.hint_type_or_skip",
    leave_on=filters.Document.ALL,
    leave_on_other_buttons=True,
    legacy=legacy,
)

# -- the questions -----------------------------------------------------------------------------


def _field_buttons(state: Adding) -> Rows:
    step = state.step
    if step == "name":
        label = message("contacts.add_brainstorm_instead")
        return [[StartBrainstorm().button(label)]] if state.mode == "guided" else []
    rows: list[list[Button]] = []
    if step == "circle":
        rows += columns([PickCircle(c.key).button(c.label) for c in circles()])
    last = [SkipField(step).button(message("contacts.skip"))]
    if state.mode != "fix" and state.draft.name:
        last.append(SaveNow().button(message("contacts.save_now")))
    rows.append(last)
    return rows


async def ask_field(turn: Turn[Adding], problem: str = "") -> None:
    """The current field's question; a value that came in flawed is asked with its reason."""
    state, step = turn.state, turn.state.step
    draft = state.draft
    problem = problem or next((reason for f, reason in draft.problems if f == step), "")
    current: str = (draft.circle if step == "circle" else getattr(draft, step, "")) or ""
    await turn.say(
        "contacts/ask.html.j2",
        _field_buttons(state),
        step=step,
        mode=state.mode,
        problem=problem,
        number=max(state.total - len(state.queue), 1),
        total=state.total,
        name=draft.name or message("contacts.them"),
        current=circle_label(current) if step == "circle" else display_value(step, current),
        # the profile is read for the phone question only, not at every field
        local_numbers=step == "phone" and bool(await phone_region(turn.services, turn.user_id)),
    )


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


async def ask_confirm(turn: Turn[Adding]) -> None:
    """The whole draft: save, fix a part, or discard."""
    rows = [
        [
            SaveDraft().button(message("contacts.save")),
            FixDraft().button(message("contacts.fix")),
        ],
        [DiscardDraft().button(message("contacts.discard"))],
    ]
    await turn.say_html(_confirm_html(turn.state.draft), rows)


async def ask_fix(turn: Turn[Adding]) -> None:
    """Which part to change."""
    rows = columns([FixField(f).button(FIELD_LABELS[f]) for f in FIELDS], 3)
    rows.append([BackToDraft().button(message("contacts.back"))])
    await turn.say("contacts/fix_menu.html.j2", rows)


async def ask_duplicate(turn: Turn[Adding]) -> Next | None:
    """The look-alike: merge, keep both, or discard."""
    twin = await turn.services.contacts.get(turn.user_id, turn.state.twin)
    if twin is None:  # deleted meanwhile: nothing to merge into
        return await _save(turn, check=False)
    rows = [
        [
            MergeTwin().button(message("contacts.merge")),
            KeepBoth().button(message("contacts.keep_both")),
        ],
        [DiscardDraft().button(message("contacts.discard"))],
    ]
    reason = duplicate_reason(turn.state.draft, twin)
    await turn.say("contacts/duplicate.html.j2", rows, other=twin, reason=reason)
    return None


STEPS = {
    name: FLOW.step(name, ask=ask_field, hint="contacts.hint_type" if name == "name" else None)
    for name in FIELDS
}
_TAP = "contacts.hint_tap"
CONFIRM = FLOW.step("confirm", ask=ask_confirm, hint=_TAP)
FIX = FLOW.step("fix", ask=ask_fix, hint=_TAP)
DUPLICATE = FLOW.step("duplicate", ask=ask_duplicate, hint=_TAP)

# -- starting ----------------------------------------------------------------------------------


@FLOW.command("add")
async def add_command(turn: Turn[Adding]) -> Next:
    """/add alone asks one question at a time (or resumes); /add with text parses the line."""
    if turn.context.args:
        assert turn.message.text is not None
        return await _from_line(turn, turn.message.text)
    return await _resume_or_start(turn)


@FLOW.entry_press(AddContact)
async def add_button(turn: Turn[Adding], press: AddContact) -> Next:
    """ "➕ Add" on the list or after saving: the same as /add."""
    return await _resume_or_start(turn)


async def shared_contact(turn: Turn[Adding], card_message: Message) -> Next:
    """A contact shared from the phone: keep its name and number, ask only what is missing."""
    card = card_message.contact
    assert card is not None
    region = await phone_region(turn.services, turn.user_id)
    draft = draft_from_shared(
        card.first_name, card.last_name, card.phone_number, card.vcard, region
    )
    await _set_aside(turn, draft)
    queue = missing_steps(draft)
    turn.state = Adding(draft=draft, mode="shared", total=len(queue))
    await turn.say(
        "contacts/shared.html.j2",
        name=draft.name or message("contacts.that_contact"),
        phone=bool(draft.phone),
        total=len(queue),
    )
    return await _ask_next(turn, queue)


async def _shared_entry(update: Update, context: CoachContext) -> object:
    assert update.effective_message is not None
    return await FLOW.run(update, context, shared_contact, update.effective_message)


# A shared card is welcome at every step: the name question invites it (the half-added contact
# is kept, see _set_aside). Outside any other flow it opens this one.
FLOW.add_entry(YieldToFlows(MessageHandler(filters.CONTACT, _shared_entry)))


async def _resume_or_start(turn: Turn[Adding]) -> Next:
    if turn.resumable:
        if turn.state.draft.name and turn.state.step in FIELDS:
            await turn.say("contacts/resume.html.j2", name=turn.state.draft.name)
        return turn.resume()
    turn.state = Adding(mode="guided", total=len(GUIDED_STEPS))
    return await _ask_next(turn, list(GUIDED_STEPS))


async def _set_aside(turn: Turn[Adding], new: ContactDraft) -> None:
    """Save a half-added contact before a new one replaces it (nothing typed is lost)."""
    if turn.state.step not in (*FIELDS, CONFIRM.name, FIX.name):
        return
    saved = await service.set_aside(turn.services.contacts, turn.user_id, turn.state.draft, new)
    turn.fresh()
    if saved is not None:
        await turn.say("contacts/set_aside.html.j2", name=saved.name)


async def _from_line(turn: Turn[Adding], text: str) -> Next:
    """Parse a whole contact; flawed parts are shown with their reason and asked again."""
    draft = parse_contact_line(text, await phone_region(turn.services, turn.user_id))
    await _set_aside(turn, draft)
    flawed = list(dict.fromkeys(f for f, _ in draft.problems if f in FIELDS))
    if not draft.name and "name" not in flawed:
        flawed.insert(0, "name")
    turn.state = Adding(draft=draft, mode="fix", total=len(flawed))
    if flawed:
        await turn.say_html(_confirm_html(draft, fixing=len(flawed)))
    return await _ask_next(turn, flawed)


# -- answers -----------------------------------------------------------------------------------


async def _ask_next(turn: Turn[Adding], queue: list[str]) -> Next:
    """Ask the head of ``queue``; when none is left, confirm (after fixes) or save."""
    if queue:
        turn.state.queue = queue[1:]
        return turn.goto(STEPS[queue[0]])
    turn.state.queue = []
    if turn.state.mode == "fix":
        return turn.goto(CONFIRM)
    return await _save(turn)


async def _advance(turn: Turn[Adding], draft: ContactDraft) -> Next:
    turn.state.draft = draft
    return await _ask_next(turn, turn.state.queue)


async def answer(turn: Turn[Adding], text: str) -> Next:
    """A typed answer: check it, keep it and move on — or explain and ask the same again."""
    step = turn.state.step
    if step == "name" and turn.state.mode == "guided" and looks_like_line(text):
        return await _from_line(turn, text)
    try:
        if step == "circle":
            value = match_circle(text)
            if value is None:
                raise InvalidField("circle", message("contacts.unknown_circle"))
        else:
            region = await phone_region(turn.services, turn.user_id) if step == "phone" else None
            value = normalize_field(step, text, region)
    except InvalidField as exc:
        await ask_field(turn, problem=exc.reason)
        return turn.stay()
    return await _advance(turn, turn.state.draft.with_value(step, value))


async def skip(turn: Turn[Adding], press: SkipField) -> Next:
    """Leave this field empty (the name can't be skipped)."""
    if press.field != turn.state.step or press.field == "name":
        return await reshow(turn, press)
    return await _advance(turn, turn.state.draft.with_value(press.field, None))


async def pick_circle(turn: Turn[Adding], press: PickCircle) -> Next:
    """A circle from the buttons."""
    return await _advance(turn, turn.state.draft.with_value("circle", press.circle))


async def save_now(turn: Turn[Adding], press: SaveNow | SaveDraft) -> Next:
    """Save what is there, if it has a name and nothing flawed."""
    if not turn.state.draft.name or turn.state.draft.problems:
        return await reshow(turn, press)
    return await _save(turn)


async def fix(turn: Turn[Adding], press: FixDraft) -> Next:
    """Choose a part to change."""
    return turn.goto(FIX)


async def fix_field(turn: Turn[Adding], press: FixField) -> Next:
    """Ask that one part again, then show the draft."""
    if press.field not in FIELDS:
        return await reshow(turn, press)
    turn.state.mode, turn.state.total = "fix", 1
    return await _ask_next(turn, [press.field])


async def back(turn: Turn[Adding], press: BackToDraft) -> Next:
    """The draft again, unchanged."""
    return turn.goto(CONFIRM)


async def discard(turn: Turn[Adding], press: DiscardDraft) -> Next:
    """Drop the draft."""
    await turn.say("contacts/discarded.html.j2")
    return turn.end()


async def merge(turn: Turn[Adding], press: MergeTwin) -> Next:
    """Fill the look-alike's gaps from the draft."""
    contacts = turn.services.contacts
    saved = await service.merge_draft(contacts, turn.user_id, turn.state.twin, turn.state.draft)
    if saved is None:  # the look-alike was deleted meanwhile: keep the draft as someone new
        return await _save(turn, check=False)
    return await _saved(turn, saved)


async def keep_both(turn: Turn[Adding], press: KeepBoth) -> Next:
    """Save the draft as a second person."""
    return await _save(turn, check=False)


async def reshow(turn: Turn[Adding], press: Press) -> Next:
    """A button from an older message: show where the flow really is."""
    return turn.goto(turn.state.step)


async def tap_a_button(turn: Turn[Adding], text: str) -> Next:
    """Typing where a tap is needed."""
    await turn.say_html(message(_TAP))
    return turn.stay()


async def shared_mid_flow(turn: Turn[Adding], card_message: Message) -> Next:
    """A card shared while adding: the same as sharing it fresh (the half-added one is kept)."""
    return await shared_contact(turn, card_message)


for _step in STEPS.values():
    _step.text(answer)
    _step.press(SkipField)(skip)
    _step.press(SaveNow)(save_now)
STEPS["circle"].press(PickCircle)(pick_circle)
CONFIRM.press(SaveDraft)(save_now)
CONFIRM.press(FixDraft)(fix)
FIX.press(FixField)(fix_field)
FIX.press(BackToDraft)(back)
DUPLICATE.press(MergeTwin)(merge)
DUPLICATE.press(KeepBoth)(keep_both)
for _step in (CONFIRM, DUPLICATE):
    _step.press(DiscardDraft)(discard)
for _step in (CONFIRM, FIX, DUPLICATE):
    _step.text(tap_a_button)
for _step in FLOW.steps.values():
    _step.message(filters.CONTACT)(shared_mid_flow)
    _step.press(*ADD_PRESSES)(reshow)  # last: whatever the step above did not take


# -- saving ------------------------------------------------------------------------------------


async def _save(turn: Turn[Adding], *, check: bool = True) -> Next:
    draft = turn.state.draft
    outcome = await service.save_draft(turn.services.contacts, turn.user_id, draft, check=check)
    if isinstance(outcome, service.LooksLike):
        turn.state.twin = outcome.twin.id
        return turn.goto(DUPLICATE)
    return await _saved(turn, outcome)


async def _saved(turn: Turn[Adding], saved: service.Saved | None) -> Next:
    if saved is not None:
        note = render(
            "contacts/saved.html.j2",
            name=saved.contact.name,
            merged=saved.merged,
            total=saved.total,
        )
        await show_card(turn.update, turn.context, saved.contact.id, note)
    return turn.end()


def handlers() -> list[AnyHandler]:
    """The /add conversation (typed, one line, or a shared phone contact)."""
    return [FLOW.build()]
