"""/pitch: open it (resuming an unfinished build, tailoring or practice), go home, see versions,
keep a generated pitch."""

from __future__ import annotations

from bot.features.pitch import buttons as b
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.handlers.flow import (
    FLOW,
    MENU,
    PitchTurn,
    keep,
    label,
    note,
    on_screen,
    service,
    the_pitch,
)
from bot.flow import Go, Next

VERSIONS_SHOWN = 8
RESUMABLE = ("tailor_gap", "practice")


@FLOW.command("pitch")
async def open_pitch(turn: PitchTurn) -> Next:
    """/pitch: resume an unfinished flow, else the pitch and its options."""
    return await _open(turn)


@FLOW.entry_press(Go, pattern=Go.where(target="pitch"))
async def open_from_menu(turn: PitchTurn, press: Go) -> Next:
    """The main menu's pitch button: the same as /pitch."""
    return await _open(turn)


async def _open(turn: PitchTurn) -> Next:
    step = turn.state.step
    if step.startswith("build.") and turn.resumable:
        await turn.say_html(note("resume_build"))
        return turn.resume()
    if step in RESUMABLE and turn.resumable:
        return turn.resume()
    return turn.goto(MENU)


@FLOW.entry_press(b.Home)
async def home(turn: PitchTurn, press: b.Home) -> Next:
    """Back, Done or My pitch: the pitch and its options."""
    return turn.goto(MENU)


@FLOW.entry_press(b.Versions)
async def versions(turn: PitchTurn, press: b.Versions) -> Next:
    """Every saved version with date, length, target and coverage, newest first."""
    if await the_pitch(turn) is None:
        return on_screen(MENU)
    found = await service(turn).versions(turn.user_id)
    await turn.say(
        "pitch/versions.html.j2",
        [[b.Home().button(label("back"))]],
        versions=found[:VERSIONS_SHOWN],
        total=len(Element),
    )
    return on_screen(MENU)


@FLOW.entry_press(b.KeepCandidate)
async def keep_candidate(turn: PitchTurn, press: b.KeepCandidate) -> Next:
    """Save the shortened or tailored pitch on offer as the current version."""
    candidate = turn.state.candidate
    if candidate is None:
        return turn.goto(MENU)
    return await keep(
        turn, candidate.text, candidate.target, candidate.source, candidate.tailored_for
    )
