"""Brainstorm: walk the handout's circles one by one while the student types names as they come.

Names are saved the moment they are typed (each with its circle), so nothing is lost if the
student stops; the walk's position is the flow's state, so /cancel or a restart resumes at the
same circle. It ends with a count per circle, to show how big the network already is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import filters

from bot.features.contacts import service
from bot.features.contacts.domain import ContactDraft, fold
from bot.features.contacts.domain.adding import walk_circles
from bot.features.contacts.handlers.presses import StartBrainstorm
from bot.flow import Flow, FlowState, Go, Next, Press, Rows, Turn
from bot.flow.context import AnyHandler
from bot.render.messages import message

_NEXT = {"next", "n", "skip", "next circle", "nobody", "none", "no one"}
_DONE = {"done", "finish", "stop", "end", "that's all", "thats all"}


@dataclass(frozen=True, slots=True)
class NextCircle(Press, code="bs|nx"):
    """On to the circle after this one (only from the circle it was shown for)."""

    circle: str


@dataclass(frozen=True, slots=True)
class FinishWalk(Press, code="bs|fin"):
    """Stop here and see the count."""


@dataclass(frozen=True, slots=True)
class SameAsSaved(Press, code="bs|same"):
    """The name just typed is the look-alike already saved ("Is this Dr. Alan Brooks?")."""


@dataclass(frozen=True, slots=True)
class SomeoneNew(Press, code="bs|new"):
    """Not the look-alike: save the name typed as someone new."""


@dataclass
class LookAlike:
    """A typed name held back because it looks like ``twin``, saved in another spelling."""

    name: str
    twin: str
    circle: str


@dataclass(kw_only=True)
class Walk(FlowState):
    """Which circle the walk is at, the names added in each, and the look-alikes to ask about."""

    index: int = 0
    added: dict[str, list[str]] = field(default_factory=dict)
    asking: list[LookAlike] = field(default_factory=list)


def _legacy(data: dict[str, Any]) -> Walk | None:
    """Before the flow kit the walk was kept under ``brainstorm`` as ``{"i", "added"}``."""
    old = data.pop("brainstorm", None)
    if not isinstance(old, dict):
        return None
    added = old.get("added")
    if not isinstance(added, dict):
        added = {}
    names = {str(k): [str(n) for n in v] for k, v in added.items() if isinstance(v, list)}
    return Walk(step="naming", index=int(old.get("i") or 0), added=names)


FLOW = Flow(
    "brainstorm",
    Walk,
    label="brainstorm",
    resume="/add → 🧠 Brainstorm",
    hint="contacts.hint_type",
    leave_on=filters.Document.ALL | filters.CONTACT,
    leave_on_other_buttons=True,
    legacy=_legacy,
)


def _buttons(circle: str) -> Rows:
    return [
        [
            NextCircle(circle).button(message("contacts.next_circle")),
            FinishWalk().button(message("contacts.done")),
        ]
    ]


async def ask(turn: Turn[Walk]) -> Next | None:
    """The current circle's question, or the summary once every circle is done."""
    circles = walk_circles()
    if turn.state.index >= len(circles):
        return await _finish(turn)
    here = circles[turn.state.index]
    await turn.say(
        "contacts/brainstorm_ask.html.j2",
        _buttons(here.key),
        label=here.label,
        question=here.brainstorm,
        number=turn.state.index + 1,
        total=len(circles),
    )
    return None


async def ask_same(turn: Turn[Walk]) -> Next | None:
    """ "Is this Dr. Alan Brooks?" for the first name held back; on when none is left."""
    while turn.state.asking:
        pending = turn.state.asking[0]
        twin = await turn.services.contacts.get(turn.user_id, pending.twin)
        if twin is not None:
            rows = [
                [SameAsSaved().button(message("contacts.same_person"))],
                [SomeoneNew().button(message("contacts.someone_new"))],
            ]
            await turn.say("contacts/brainstorm_same.html.j2", rows, typed=pending.name, twin=twin)
            return None
        await _add_held(turn, pending)  # the look-alike was deleted meanwhile: nobody to merge
    return turn.goto(NAMING)


NAMING = FLOW.step("naming", ask=ask)
SAME = FLOW.step("same", ask=ask_same)


@FLOW.entry_press(StartBrainstorm)
async def start(turn: Turn[Walk], press: StartBrainstorm) -> Next:
    """ "🧠 Brainstorm" (from /add or the list): begin, or resume at the same circle."""
    if not turn.resumable:
        turn.fresh()
        await turn.say("contacts/brainstorm_intro.html.j2", total=len(walk_circles()))
    return turn.goto(NAMING)


@NAMING.text
async def names(turn: Turn[Walk], text: str) -> Next:
    """Names typed quickly (several per message); "next" moves on, "done" finishes."""
    words = fold(text.strip())
    if words in _NEXT:
        return _move_on(turn)
    if words in _DONE:
        return await _finish(turn)
    circles = walk_circles()
    here = circles[min(turn.state.index, len(circles) - 1)]
    result = await service.add_names(turn.services.contacts, turn.user_id, text, here.key)
    added = turn.state.added.setdefault(here.key, [])
    added += result.new
    held = [LookAlike(name, twin.id, here.key) for name, twin in result.look_alikes]
    if result.new or result.repeats or not held:
        await turn.say(
            "contacts/brainstorm_added.html.j2",
            None if held else _buttons(here.key),
            names=result.new,
            repeats=result.repeats,
            count=len(added),
            label=here.label,
            asking=bool(held),
        )
    if held:
        turn.state.asking = held
        return turn.goto(SAME)
    return turn.stay()


@NAMING.press(NextCircle)
async def next_circle(turn: Turn[Walk], press: NextCircle) -> Next:
    """The next circle, if the button is the current circle's (else the question again)."""
    circles = walk_circles()
    index = turn.state.index
    if index < len(circles) and circles[index].key == press.circle:
        return _move_on(turn)
    return turn.goto(NAMING)


@NAMING.press(FinishWalk)
async def finish(turn: Turn[Walk], press: FinishWalk) -> Next:
    """Stop and count."""
    return await _finish(turn)


@SAME.press(SameAsSaved)
async def same_person(turn: Turn[Walk], press: SameAsSaved) -> Next:
    """The same person: nothing new is added (a missing circle is filled in)."""
    if not turn.state.asking:
        return turn.goto(NAMING)
    pending = turn.state.asking.pop(0)
    contacts = turn.services.contacts
    twin = await service.same_as_saved(
        contacts, turn.user_id, pending.twin, pending.name, pending.circle
    )
    if twin is None:
        await _add_held(turn, pending)
    else:
        await turn.say("contacts/brainstorm_kept.html.j2", twin=twin)
    return turn.goto(SAME)


@SAME.press(SomeoneNew)
async def someone_new(turn: Turn[Walk], press: SomeoneNew) -> Next:
    """Someone else with a similar name: saved in the circle it was typed in."""
    if turn.state.asking:
        await _add_held(turn, turn.state.asking.pop(0))
    return turn.goto(SAME)


@SAME.text
async def typed_while_asking(turn: Turn[Walk], text: str) -> Next:
    """Names typed before the one-tap answer: the question again, so nothing is mixed up."""
    return turn.goto(SAME)


@SAME.press(NextCircle, FinishWalk)
async def old_walk_button(turn: Turn[Walk], press: Press) -> Next:
    """A circle button from before the question: answer the question first."""
    return turn.goto(SAME)


@NAMING.press(SameAsSaved, SomeoneNew)
async def answered_already(turn: Turn[Walk], press: Press) -> Next:
    """A look-alike question's button pressed again after it was answered: carry on."""
    return turn.goto(NAMING)


async def _add_held(turn: Turn[Walk], pending: LookAlike) -> None:
    """Save a held-back name as someone new, counted in its circle."""
    draft = ContactDraft(name=pending.name, circle=pending.circle)
    await turn.services.contacts.add(turn.user_id, draft)
    added = turn.state.added.setdefault(pending.circle, [])
    added.append(pending.name)
    await turn.say("contacts/brainstorm_new.html.j2", name=pending.name, count=len(added))


def _move_on(turn: Turn[Walk]) -> Next:
    turn.state.index += 1
    return turn.goto(NAMING)


async def _finish(turn: Turn[Walk]) -> Next:
    added = turn.state.added
    groups = [(c.label, added[c.key]) for c in walk_circles() if added.get(c.key)]
    total = len(await turn.services.contacts.all(turn.user_id))
    await turn.say(
        "contacts/brainstorm_summary.html.j2",
        [[Go("contacts").button(message("contacts.my_contacts"))]],
        added=sum(len(n) for n in added.values()),
        groups=groups,
        total=total,
    )
    return turn.end()


def handlers() -> list[AnyHandler]:
    """The brainstorm walk."""
    return [FLOW.build()]
