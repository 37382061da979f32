"""/draft: choose the kind of message and the contact, add the one fact it needs, get a draft.

The conversation only gathers what the draft needs (for a request, the objective; for a thank-you,
the highlight; for an update, the news) and then hands over to the presenter, whose buttons keep
working after the conversation ends. Two questions come back into it later: "More formal" for
someone whose title the coach does not know asks how to address them (once; the answer is kept
on the contact), and a follow-up for someone never written to offers the request instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.features.contacts import picker
from bot.features.contacts.domain import Contact
from bot.features.contacts.picker import PickerState
from bot.features.interviews.domain.interviews import chosen_objective, objective_suggestions
from bot.features.nudges import followups
from bot.features.outreach import objectives, presenter, service
from bot.features.outreach.domain.facts import (
    DraftFacts,
    ObjectiveError,
    clean_objective,
    formal_greeting,
)
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.salutations import (
    OFFERED,
    Salutation,
    needs_asking,
    typed_salutation,
)
from bot.features.outreach.domain.tone import Adjustment
from bot.features.outreach.presenter import Adjust
from bot.features.outreach.service import Need
from bot.flow import Flow, Go, Next, Press, Turn
from bot.flow.context import AnyHandler
from bot.render.keyboards import columns
from bot.render.messages import explain, message

_FACT_CHARS = (3, 200)
#: ``Go("draft", contact_id, GREETING)``: the contact card's "how to address them" button.
GREETING = "greeting"


@dataclass(kw_only=True)
class Drafting(PickerState):
    """The kind and contact chosen so far, and the fact being asked for."""

    kind: DraftKind | None = None
    contact: str = ""
    need: Need | None = None
    saved: str = ""
    rewrite: str = ""  # the shown draft "More formal" rewrites once the salutation is known
    greeting_only: bool = False  # asked from the contact card: no draft follows


@dataclass(frozen=True, slots=True)
class PickKind(Press, code="dr|k"):
    """One kind of message."""

    kind: DraftKind


@dataclass(frozen=True, slots=True)
class ContinueDraft(Press, code="dr|p|continue"):
    """Pick the paused draft up at its step."""


@dataclass(frozen=True, slots=True)
class StartOver(Press, code="dr|p|new"):
    """Forget the paused draft."""


@dataclass(frozen=True, slots=True)
class FactChoice(Press, code="dr|o"):
    """A suggested objective by number, "keep" (the student's own) or "skip"."""

    choice: str


@dataclass(frozen=True, slots=True)
class PickSalutation(Press, code="dr|t"):
    """How a formal message addresses the contact: a title, their first name, or not sure."""

    choice: Salutation


@dataclass(frozen=True, slots=True)
class WriteRequestFirst(Press, code="dr|r"):
    """No request went out yet: write one to the same contact instead of the follow-up."""

    kind: DraftKind


@dataclass(frozen=True, slots=True)
class FollowUpSomeoneElse(Press, code="dr|e"):
    """No request went out to this contact: pick someone else to follow up with."""


def _legacy(data: dict[str, Any]) -> Drafting | None:
    """Before the flow kit, /draft kept a dict under ``draft_flow`` (no step: it is re-asked)."""
    old = data.pop("draft_flow", None)
    if not isinstance(old, dict) or old.get("kind") not in set(DraftKind):
        return None
    need = old.get("need")
    return Drafting(
        step="fact" if need in set(Need) else "kind",
        kind=DraftKind(old["kind"]),
        contact=str(old.get("contact", "")),
        need=Need(need) if need in set(Need) else None,
        saved=str(old.get("saved", "")),
    )


FLOW = Flow(
    "draft", Drafting, label="the draft", resume="/draft", hint="outreach.hint", legacy=_legacy
)


async def _contact(turn: Turn[Drafting]) -> Contact | None:
    uid, contact_id = turn.user_id, turn.state.contact
    return await turn.services.contacts.get(uid, contact_id) if contact_id else None


async def ask_kind(turn: Turn[Drafting]) -> None:
    """Which kind of message (the contact may already be known, from their card).

    A follow-up is offered only for someone a request actually went to."""
    contact = await _contact(turn)
    kinds = list(DraftKind)
    if contact is not None and not await service.request_went_out(
        turn.services, turn.user_id, contact
    ):
        kinds.remove(DraftKind.FOLLOW_UP)
    buttons = [PickKind(kind).button(message(kind.label_key)) for kind in kinds]
    await turn.say("outreach/ask_kind.html.j2", columns(buttons), contact=contact)


async def ask_paused(turn: Turn[Drafting]) -> None:
    """A paused draft: continue it, or start over."""
    rows = [
        [
            ContinueDraft().button(message("outreach.continue_button")),
            StartOver().button(message("outreach.start_over_button")),
        ]
    ]
    kind = turn.state.kind
    await turn.say(
        "outreach/paused.html.j2",
        rows,
        kind=kind,
        contact=await _contact(turn),
        greeting=turn.state.greeting_only,
    )


async def ask_fact(turn: Turn[Drafting]) -> Next | None:
    """The one fact this kind needs: the objective (with suggestions), a highlight, or news."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    need, saved = turn.state.need or Need.OBJECTIVE, turn.state.saved
    suggestions: list[str] = []
    if need is Need.OBJECTIVE:
        suggestions = objective_suggestions(contact.field, contact.role, contact.organization)
        rows = [[FactChoice(str(i)).button(str(i)) for i in range(1, len(suggestions) + 1)]]
        if saved:
            rows.append([FactChoice("keep").button(message("outreach.keep_objective"))])
    else:
        rows = [[FactChoice("skip").button(message("outreach.skip"))]]
    await turn.say(
        "outreach/ask_fact.html.j2",
        rows,
        need=need.value,
        contact=contact,
        suggestions=suggestions,
        saved=saved,
    )
    return None


async def ask_salutation(turn: Turn[Drafting]) -> Next | None:
    """How should a formal message address them? One question, never a guessed title."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    buttons = [
        PickSalutation(choice).button(message(f"outreach.salutation_{choice.name.lower()}"))
        for choice in OFFERED
    ]
    rows = [buttons[:5], buttons[5:6], buttons[6:]]
    await turn.say("outreach/ask_salutation.html.j2", rows, contact=contact)
    return None


async def ask_no_request(turn: Turn[Drafting]) -> Next | None:
    """A follow-up for someone never written to: say why, offer the request (or someone else)."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    rows = [
        [WriteRequestFirst(DraftKind.REQUEST_EMAIL).button(message("outreach.write_request"))],
        [
            WriteRequestFirst(DraftKind.LINKEDIN_MESSAGE).button(
                message(DraftKind.LINKEDIN_MESSAGE.label_key)
            ),
            WriteRequestFirst(DraftKind.PHONE_SCRIPT).button(
                message(DraftKind.PHONE_SCRIPT.label_key)
            ),
        ],
        [FollowUpSomeoneElse().button(message("outreach.follow_up_someone_else"))],
    ]
    await turn.say("outreach/no_request.html.j2", rows, contact=contact)
    return None


KIND = FLOW.step("kind", ask=ask_kind)
PAUSED = FLOW.step("paused", ask=ask_paused)
FACT = FLOW.step("fact", ask=ask_fact)
SALUTATION = FLOW.step("salutation", ask=ask_salutation, hint="outreach.salutation_hint")
NO_REQUEST = FLOW.step("no_request", ask=ask_no_request)


async def contact_chosen(turn: Turn[Drafting], contact: Contact) -> Next:
    """Ask for the one fact this kind needs, or draft straight away when we already know it."""
    turn.state.contact = contact.id
    kind = turn.state.kind or DraftKind.REQUEST_EMAIL
    remembered = objectives.remembered(turn.context.scratch, contact.id)
    plan = await service.plan(turn.services, turn.user_id, kind, contact, remembered)
    if plan.followed_up:
        await turn.say("outreach/followed_up.html.j2", contact=contact)
        return turn.end()
    if kind is DraftKind.FOLLOW_UP:
        if not await service.request_went_out(turn.services, turn.user_id, contact):
            return turn.goto(NO_REQUEST)
        await followups.note_if_early(turn, contact)
    if plan.need is None:
        return await _draft(turn, contact, DraftFacts())
    turn.state.need, turn.state.saved = plan.need, plan.saved
    return turn.goto(FACT)


PICKER = picker.attach(
    FLOW,
    key="d",
    question="outreach.pick",
    on_chosen=contact_chosen,
    first=followups.waiting_first,
)


@FLOW.command("draft")
async def start(turn: Turn[Drafting]) -> Next:
    """/draft: offer to continue a paused draft or start over; otherwise ask for the kind."""
    if turn.state.kind is not None or turn.state.greeting_only:
        return turn.goto(PAUSED)
    turn.fresh()
    return turn.goto(KIND)


@FLOW.entry_press(Go, pattern=Go.where(target="draft"), keep_buttons=True)
async def from_card(turn: Turn[Drafting], press: Go) -> Next:
    """ "✉️ Draft" on a contact card (or the menu): the contact, if any, is already chosen.

    The card or menu keeps its buttons, as before the flow kit."""
    state = turn.fresh()
    contact = await turn.services.contacts.get(turn.user_id, press.record) if press.record else None
    state.contact = contact.id if contact else ""
    if contact is not None and press.detail == GREETING:  # the card: how to address them
        state.greeting_only = True
        return turn.goto(SALUTATION)
    if contact is not None and press.detail in set(DraftKind):  # a nudge's "do it now"
        state.kind = DraftKind(press.detail)
        return await contact_chosen(turn, contact)
    return turn.goto(KIND)


@PAUSED.press(ContinueDraft)
async def continue_draft(turn: Turn[Drafting], press: ContinueDraft) -> Next:
    """Pick the paused draft up: the contact if it is still there, else the picker."""
    contact = await _contact(turn)
    if contact is None:
        if turn.state.greeting_only or turn.state.rewrite:
            await turn.say_html(message("outreach.contact_gone"))
            return turn.end()
        return PICKER.ask(turn)
    await turn.say_html(message("outreach.resumed"))
    if turn.state.greeting_only or turn.state.rewrite:
        return turn.goto(SALUTATION)
    return await contact_chosen(turn, contact)


@PAUSED.press(StartOver)
async def start_over(turn: Turn[Drafting], press: StartOver) -> Next:
    """Forget the paused draft and begin again."""
    turn.fresh()
    return turn.goto(KIND)


@KIND.press(PickKind)
async def kind_chosen(turn: Turn[Drafting], press: PickKind) -> Next:
    """The kind is chosen; next the contact, unless we came from their card."""
    turn.state.kind = press.kind
    contact = await _contact(turn)
    waiting_needed = contact is None and press.kind is DraftKind.FOLLOW_UP
    if waiting_needed and not await followups.anyone_waiting(turn):
        return turn.end()
    if contact is None:
        return PICKER.ask(turn)
    return await contact_chosen(turn, contact)


@FACT.press(FactChoice, pattern=FactChoice.where(choice="skip"))
async def skip_fact(turn: Turn[Drafting], press: FactChoice) -> Next:
    """No highlight or news: the draft is a little more general."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    return await _draft(turn, contact, DraftFacts())


@FACT.press(FactChoice)
async def objective_chosen(turn: Turn[Drafting], press: FactChoice) -> Next:
    """A suggested objective, or "keep my objective"."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    suggestions = objective_suggestions(contact.field, contact.role, contact.organization)
    text = chosen_objective(press.choice, saved=turn.state.saved, suggestions=suggestions)
    return await _use_fact(turn, contact, text)


@FACT.text
async def fact_typed(turn: Turn[Drafting], text: str) -> Next:
    """The student's own words: checked, explained if unusable, kept if fine."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    return await _use_fact(turn, contact, text)


async def _use_fact(turn: Turn[Drafting], contact: Contact, text: str) -> Next:
    need = turn.state.need or Need.OBJECTIVE
    value = " ".join(text.split())
    if need is Need.OBJECTIVE:
        try:
            value = clean_objective(value)
        except ObjectiveError as exc:
            await turn.say_html(message("outreach.objective_again", reason=explain(exc)))
            return turn.stay()
        objectives.remember(turn.context.scratch, contact.id, value)
        return await _draft(turn, contact, DraftFacts(objective=value))
    low, high = _FACT_CHARS
    if not low <= len(value) <= high:
        await turn.say_html(message("outreach.fact_length", low=low, high=high))
        return turn.stay()
    facts = DraftFacts(highlight=value) if need is Need.HIGHLIGHT else DraftFacts(progress=value)
    return await _draft(turn, contact, facts)


async def _draft(turn: Turn[Drafting], contact: Contact, facts: DraftFacts) -> Next:
    kind = turn.state.kind or DraftKind.REQUEST_EMAIL
    retry = turn.state.need is not None
    shown = await presenter.present(turn.update, turn.context, kind, contact, facts, retry=retry)
    if not shown and retry:
        return turn.stay()  # the reasons were shown; the student types it again, shorter
    return turn.end()


def _as_it_was(turn: Turn[Drafting]) -> Next:
    """Leave a run of /draft exactly where it stood (a button outside it was handled)."""
    if turn.state.active and turn.state.step in FLOW.steps:
        return Next(turn.state.step, ask=False)
    return turn.pause() if turn.resumable else turn.end()


@FLOW.entry_press(Adjust, pattern=Adjust.where(adjustment=Adjustment.FORMAL), keep_buttons=True)
async def formal_pressed(turn: Turn[Drafting], press: Adjust) -> Next:
    """ "More formal": a formal letter needs the person's title, which only the student knows.

    Asked once per contact; when the name carries a title or the answer is kept, the draft is
    rewritten at once and any draft in progress is left as it was. Asking would replace a
    /draft the student is in the middle of, so then the draft is written without a title and
    the student told where to set one.
    """
    found = await service.kept(turn.services, turn.user_id, press.draft_id)
    busy = turn.state.active and turn.state.step in FLOW.steps  # another /draft half-done
    if found is None or not needs_asking(found[1].name, found[1].salutation) or busy:
        await presenter.rewrite(
            turn.update, turn.context, press.draft_id, Adjustment.FORMAL, edit=True
        )
        if found is not None and needs_asking(found[1].name, found[1].salutation):
            # asking would replace the draft in progress: written without a title for now
            await turn.say("outreach/salutation_later.html.j2", name=found[1].name)
        return _as_it_was(turn)
    saved, contact = found
    state = turn.fresh()
    state.kind, state.contact, state.rewrite = saved.kind, contact.id, saved.id
    return turn.goto(SALUTATION)


@SALUTATION.press(PickSalutation)
async def salutation_picked(turn: Turn[Drafting], press: PickSalutation) -> Next:
    """A title, their first name, or "not sure"."""
    return await _use_salutation(turn, press.choice)


@SALUTATION.text
async def salutation_typed(turn: Turn[Drafting], text: str) -> Next:
    """ "Dr", "professor", "not sure": read as the button would be; anything else asks again."""
    choice = typed_salutation(text)
    if choice is None:
        await turn.say_html(message("outreach.salutation_again"))
        return turn.stay()
    return await _use_salutation(turn, choice)


async def _use_salutation(turn: Turn[Drafting], choice: Salutation) -> Next:
    """Keep the answer on the contact, say what it means, then write the formal draft below."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    kept = await service.keep_salutation(turn.services, turn.user_id, contact.id, choice)
    if kept is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    await turn.say(
        "outreach/salutation_kept.html.j2",
        contact=kept,
        choice=choice.value,
        greeting=formal_greeting(kept),
        card=turn.state.greeting_only,
    )
    if turn.state.rewrite:
        draft_id = turn.state.rewrite
        await presenter.rewrite(turn.update, turn.context, draft_id, Adjustment.FORMAL, edit=False)
    return turn.end()


@NO_REQUEST.press(WriteRequestFirst)
async def write_request_first(turn: Turn[Drafting], press: WriteRequestFirst) -> Next:
    """The request the follow-up would have followed, to the same person."""
    contact = await _contact(turn)
    if contact is None:
        await turn.say_html(message("outreach.contact_gone"))
        return turn.end()
    turn.state.kind = press.kind
    return await contact_chosen(turn, contact)


@NO_REQUEST.press(FollowUpSomeoneElse)
async def follow_up_someone_else(turn: Turn[Drafting], press: FollowUpSomeoneElse) -> Next:
    """Someone who is waiting on a reply, or anyone else in the list."""
    turn.state.contact = ""
    return PICKER.ask(turn)


def handlers() -> list[AnyHandler]:
    """The /draft conversation, then the draft buttons that work anywhere."""
    return [FLOW.build(), *presenter.handlers()]
