"""/pitch → Rehearse: a voice note timed against the target, transcribed when a backend exists.

The duration comes from Telegram (the real length of what the student said), so timing works
without any transcription; every take is logged, which is what makes progress visible. A voice
note sent outside any flow, or on a /pitch screen that waits for a tap, is a rehearsal too.
"""

from __future__ import annotations

from telegram import Message

from bot.features.pitch import buttons as b
from bot.features.pitch.coach_offline import rehearsal_html
from bot.features.pitch.handlers.flow import (
    FLOW,
    MENU,
    PitchTurn,
    label,
    note,
    on_screen,
    service,
    the_pitch,
)
from bot.flow import Next


async def ask(turn: PitchTurn) -> None:
    """Ask for a voice note and say what will be measured."""
    pitch = service(turn)
    target = await pitch.target(turn.user_id)
    await turn.say_html(
        note("rehearse_transcribing" if pitch.transcribing else "rehearse", target=target)
    )


REHEARSE = FLOW.step("rehearse", ask=ask, hint="pitch.rehearse_hint")


@FLOW.entry_press(b.Rehearse)
async def start(turn: PitchTurn, press: b.Rehearse) -> Next:
    """Rehearse the current pitch."""
    if await the_pitch(turn) is None:
        return on_screen(MENU)
    return turn.goto(REHEARSE)


async def voice(turn: PitchTurn, message: Message) -> Next:
    """Time the take, transcribe it if possible, log it, and compare with earlier takes."""
    assert message.voice is not None
    seconds = int(message.voice.to_dict().get("duration", 0))  # plain seconds, as sent
    if seconds < 1:
        await turn.say_html(note("voice_empty"))
        return on_screen(REHEARSE)
    pitch = service(turn)
    audio = None
    if pitch.transcribing:
        file = await message.voice.get_file()
        audio = bytes(await file.download_as_bytearray())
    feedback = await pitch.rehearse(turn.user_id, seconds, audio, message.voice.mime_type)
    await turn.say_html(rehearsal_html(feedback), [[b.Home().button(label("done_button"))]])
    return on_screen(REHEARSE)
