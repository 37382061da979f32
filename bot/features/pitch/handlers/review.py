"""/pitch → Review (a pasted pitch or the saved one) and Shorten.

The student picks the slot length with a button, so timing is judged against what they actually
face; the review comes from Claude when it checks out and from the offline coach otherwise.
"""

from __future__ import annotations

from bot.features.pitch import buttons as b
from bot.features.pitch.domain.elements import TIERS
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.domain.text import count_words
from bot.features.pitch.handlers.flow import (
    FLOW,
    MENU,
    PitchTurn,
    keep,
    label,
    note,
    offer,
    on_screen,
    service,
    show_home,
    the_pitch,
)
from bot.flow import Next, Rows

MIN_WORDS = 15
LONG_WORDS = 250


async def ask_paste(turn: PitchTurn) -> None:
    """Ask for the pitch as the student would say it."""
    await turn.say_html(note("paste"))


async def ask_target(turn: PitchTurn) -> None:
    """Which slot the pitch is for."""
    await turn.say_html(
        note("target"), [[b.Slot(s).button(label("slot", seconds=s)) for s in TIERS]]
    )


PASTE = FLOW.step("paste", ask=ask_paste)
TARGET = FLOW.step("target", ask=ask_target, hint="pitch.target_hint")
REVIEWED = FLOW.step("reviewed", ask=show_home)


@FLOW.entry_press(b.Paste)
async def paste(turn: PitchTurn, press: b.Paste) -> Next:
    """Paste a pitch to review."""
    return turn.goto(PASTE)


@PASTE.text
async def pasted(turn: PitchTurn, text: str) -> Next:
    """Under ~15 words can't be reviewed (explain, ask again); very long is accepted with a note."""
    text = text.strip()
    words = count_words(text)
    if words < MIN_WORDS:
        short = note("paste_short_one") if words == 1 else note("paste_short", words=words)
        await turn.say_html(short, [[b.Build().button(label("build_with_me"))]])
        return turn.stay()
    if words > LONG_WORDS:
        pitches = service(turn)
        seconds = pitches.spoken_seconds(text, await pitches.wpm_for(turn.user_id))
        await turn.say_html(note("paste_long", words=words, seconds=seconds))
    turn.state.review_text = text
    return turn.goto(TARGET)


@FLOW.entry_press(b.Review)
async def review_current(turn: PitchTurn, press: b.Review) -> Next:
    """Review the saved pitch: same questions, without pasting it again."""
    current = await the_pitch(turn)
    if current is None:
        return on_screen(MENU)
    turn.state.review_text = current.text
    return turn.goto(TARGET)


@FLOW.entry_press(b.Slot)
async def review(turn: PitchTurn, press: b.Slot) -> Next:
    """Review at this slot length (first time, or re-checked at another length)."""
    text = turn.state.review_text
    if text is None:
        return turn.goto(MENU)
    result = await service(turn).review(turn.user_id, text, press.seconds)
    turn.state.improved = result.improved
    turn.state.review_target = press.seconds
    rows: Rows = [
        [b.KeepImproved().button(label("keep_cleaner")), b.KeepMine().button(label("keep_mine"))],
        [b.Slot(s).button(label("other_slot", seconds=s)) for s in TIERS if s != press.seconds],
    ]
    await turn.say_html(result.html, rows)
    return on_screen(REVIEWED)


@FLOW.entry_press(b.KeepImproved)
async def keep_improved(turn: PitchTurn, press: b.KeepImproved) -> Next:
    """Keep the review's cleaner version."""
    text = turn.state.review_text
    if text is None:
        return turn.goto(MENU)
    return await _keep(turn, turn.state.improved or text, PitchSource.REVIEWED)


@FLOW.entry_press(b.KeepMine)
async def keep_mine(turn: PitchTurn, press: b.KeepMine) -> Next:
    """Keep the pitch as the student wrote it."""
    text = turn.state.review_text
    if text is None:
        return turn.goto(MENU)
    return await _keep(turn, text, PitchSource.MANUAL)


async def _keep(turn: PitchTurn, text: str, source: PitchSource) -> Next:
    target = turn.state.review_target
    turn.state.review_text = turn.state.improved = None
    return await keep(turn, text, target, source)


@FLOW.entry_press(b.Shorten)
async def shorten(turn: PitchTurn, press: b.Shorten) -> Next:
    """The current pitch cut to the next shorter slot, offered to keep."""
    current = await the_pitch(turn)
    if current is None:
        return on_screen(MENU)
    shorter = await service(turn).shorten(current, turn.user_id)
    if shorter is None:
        await turn.say_html(note("shortest"), [[b.Rehearse().button(label("rehearse_button"))]])
        return on_screen(MENU)
    await turn.say(
        "pitch/shortened.html.j2",
        offer(turn, shorter),
        who=None,
        text=shorter.text,
        target=shorter.target,
        words=shorter.words,
        placeholders="[" in shorter.text,
    )
    return on_screen(MENU)
