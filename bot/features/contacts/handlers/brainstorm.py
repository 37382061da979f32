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
from bot.features.contacts.domain import fold
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


@dataclass(kw_only=True)
class Walk(FlowState):
    """Which circle the walk is at, and the names added in each."""

    index: int = 0
    added: dict[str, list[str]] = field(default_factory=dict)


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


NAMING = FLOW.step("naming", ask=ask)


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
    await turn.say(
        "contacts/brainstorm_added.html.j2",
        _buttons(here.key),
        names=result.new,
        repeats=result.repeats,
        count=len(added),
        label=here.label,
    )
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
