"""The /pitch flow itself and what its screens share: the pitch's home, keeping a version, hints.

Every /pitch option is one step of one flow, so /cancel, another command or a restart leaves the
student where /pitch picks up again. The option buttons work from any screen of it.
"""

from __future__ import annotations

from typing import Any

from telegram import Message

from bot.features.pitch import buttons as b
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource, PitchVersion
from bot.features.pitch.handlers.state import Candidate, PitchState, legacy
from bot.features.pitch.service import Generated, PitchService
from bot.flow import Flow, Next, Rows, Step, Turn
from bot.render.html import esc
from bot.render.messages import message

PitchTurn = Turn[PitchState]

FLOW = Flow(
    "pitch",
    PitchState,
    label="your pitch",
    resume="/pitch",
    hint="pitch.flow_hint",
    legacy=legacy,
)


def service(turn: PitchTurn) -> PitchService:
    """The /pitch use cases for this update."""
    return PitchService(turn.services)


def note(key: str, **variables: Any) -> str:
    """A short /pitch text; the student's own words in ``variables`` are HTML-escaped."""
    safe = {k: esc(v) if isinstance(v, str) else v for k, v in variables.items()}
    return message(f"pitch.{key}", **safe)


def label(key: str, **variables: Any) -> str:
    """A /pitch button label (plain text: Telegram shows labels as typed)."""
    return message(f"pitch.{key}", **variables)


def on_screen(step: Step[PitchState]) -> Next:
    """Be at ``step`` with its screen already sent (a result that waits for a tap)."""
    return Next(step.name, ask=False)


def home_rows(has_pitch: bool) -> Rows:
    """The /pitch options: the full set with a pitch, build or paste without one."""
    if not has_pitch:
        return [
            [b.Build().button(label("build_with_me"))],
            [b.Paste().button(label("paste_to_review"))],
        ]
    return [
        [b.Review().button(label("review")), b.Shorten().button(label("shorten"))],
        [b.Tailor().button(label("tailor")), b.Rehearse().button(label("rehearse_button"))],
        [b.Practice().button(label("practice")), b.Versions().button(label("versions"))],
        [b.Build().button(label("start_again")), b.Paste().button(label("paste_new"))],
    ]


async def show_home(turn: PitchTurn) -> None:
    """The current pitch with what to do next (or build / paste when there is none)."""
    versions = await service(turn).versions(turn.user_id)
    current = versions[0] if versions else None
    await turn.say(
        "pitch/home.html.j2",
        home_rows(current is not None),
        v=current,
        count=len(versions),
        total=len(Element),
    )


MENU = FLOW.step("menu", ask=show_home)


async def the_pitch(turn: PitchTurn) -> PitchVersion | None:
    """The saved pitch that review, shorten, rehearse, practice and versions work on; without
    one, say so (with the two ways to get one) and return None."""
    current = await service(turn).current(turn.user_id)
    if current is None:
        rows = [[b.Build().button(label("build_with_me"))], [b.Paste().button(label("paste_one"))]]
        await turn.say_html(note("no_pitch"), rows)
    return current


def offer(turn: PitchTurn, generated: Generated) -> Rows:
    """Remember a generated pitch until the student keeps it; the buttons that keep or leave it."""
    turn.state.candidate = Candidate(
        text=generated.text,
        target=generated.target,
        source=generated.source,
        tailored_for=generated.tailored_for,
    )
    return [[b.KeepCandidate().button(label("keep_this")), b.Home().button(label("back"))]]


async def keep(
    turn: PitchTurn,
    text: str,
    target: int,
    source: PitchSource,
    tailored_for: str | None = None,
) -> Next:
    """Save a version and say so, with the next useful steps as buttons."""
    saved = await service(turn).save(turn.user_id, text, target, source, tailored_for)
    turn.state.candidate = None
    rows = [
        [b.Rehearse().button(label("rehearse_button")), b.Practice().button(label("practice"))],
        [b.Home().button(label("my_pitch"))],
    ]
    await turn.say(
        "pitch/saved.html.j2",
        rows,
        seconds=saved.version.seconds,
        target=target,
        notes=saved.placeholders,
    )
    return on_screen(MENU)


async def tap_hint(turn: PitchTurn, _message: Message) -> Next:
    """Text on a screen that waits for a tap: say what this screen takes, not "type your answer"."""
    has_pitch = await service(turn).current(turn.user_id) is not None
    await turn.say_html(note("home_hint_rehearse" if has_pitch else "home_hint"))
    return turn.stay()
