"""/pitch → Practice: the coach plays a professional the student just met, then gives feedback.

One opener, one round of natural follow-ups aimed at what the answer left out, then feedback on
the exchange. The student types what they'd say, or says it in a voice note when a transcriber
is configured. The transcript lives in the flow's state, so a restart continues the talk.
"""

from __future__ import annotations

from telegram import Message
from telegram.ext import filters

from bot.features.pitch import buttons as b
from bot.features.pitch.coach import PROFESSIONAL, STUDENT
from bot.features.pitch.coach_offline import practice_opener_html
from bot.features.pitch.domain.elements import PRACTICE_OPENER
from bot.features.pitch.domain.text import count_words
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
from bot.features.pitch.handlers.state import Line
from bot.flow import Next, Rows
from bot.flow.streaming import draft_stream

MIN_WORDS = 5  # "tell me about yourself" needs a real answer
MIN_FOLLOW_UP_WORDS = 2  # "I want an internship." answers "what are you looking for?"
MAX_CHARS = 2000
REPLIES = 2  # the opening answer, then one answer to the follow-ups


def _end() -> Rows:
    return [[b.EndPractice().button(label("end_practice"))]]


async def ask(turn: PitchTurn) -> Next | None:
    """Back after /cancel or a restart: the professional's last line again."""
    if not turn.state.practice:
        return await _open(turn)
    last = turn.state.practice[-1].text
    await turn.say("pitch/practice_turn.html.j2", _end(), questions=[last], first=False)
    return None


PRACTICE = FLOW.step("practice", ask=ask)


@FLOW.entry_press(b.Practice)
async def start(turn: PitchTurn, press: b.Practice) -> Next:
    """Open the role-play with the question every networking conversation starts with."""
    if await the_pitch(turn) is None:
        return on_screen(MENU)
    return await _open(turn)


async def _open(turn: PitchTurn) -> Next:
    turn.state.practice = [Line(speaker=PROFESSIONAL, text=PRACTICE_OPENER)]
    await turn.say_html(practice_opener_html(), _end())
    return on_screen(PRACTICE)


def _replies(turn: PitchTurn) -> int:
    return sum(1 for line in turn.state.practice if line.speaker == STUDENT)


@PRACTICE.text
async def reply(turn: PitchTurn, text: str) -> Next:
    """The student's answer: the first gets follow-ups, the second ends with feedback."""
    text = text.strip()
    least = MIN_FOLLOW_UP_WORDS if _replies(turn) else MIN_WORDS
    if count_words(text) < least or len(text) > MAX_CHARS:
        await turn.say_html(note("practice_short"))
        return turn.stay()
    turn.state.practice.append(Line(speaker=STUDENT, text=text))
    if _replies(turn) >= REPLIES:
        return await _feedback(turn)
    plain, html = await service(turn).practice_turn(turn.user_id, turn.state.transcript())
    turn.state.practice.append(Line(speaker=PROFESSIONAL, text=plain))
    await turn.say_html(html, _end())
    return turn.stay()


@PRACTICE.message(filters.VOICE)
async def spoken(turn: PitchTurn, message: Message) -> Next | None:
    """An answer said out loud: with a transcriber, what it says is the reply."""
    assert message.voice is not None
    pitch = service(turn)
    if not pitch.transcribing:
        await turn.say_html(note("practice_voice_untranscribed"), _end())
        return turn.stay()
    file = await message.voice.get_file()
    audio = bytes(await file.download_as_bytearray())
    text = await pitch.transcribe(audio, message.voice.mime_type)
    if text is None:
        await turn.say_html(note("practice_voice_unheard"), _end())
        return turn.stay()
    return await reply(turn, text)


@PRACTICE.message(~filters.COMMAND)
async def hint(turn: PitchTurn, message: Message) -> Next:
    """Anything but text while practising."""
    await turn.say_html(note("practice_hint"), _end())
    return turn.stay()


@FLOW.entry_press(b.EndPractice)
async def end(turn: PitchTurn, press: b.EndPractice) -> Next:
    """ "End": feedback on what was said so far."""
    return await _feedback(turn)


async def _feedback(turn: PitchTurn) -> Next:
    transcript = turn.state.transcript()
    turn.state.practice = []
    if not any(line["speaker"] == STUDENT for line in transcript):
        await turn.say_html(note("done"))
        return on_screen(MENU)
    stream = draft_stream(turn.update, turn.context)
    if turn.services.llm.enabled:
        await stream.typing()
    html = await service(turn).practice_feedback(turn.user_id, transcript, on_text=stream)
    rows = [[b.Practice().button(label("practice_again")), b.Home().button(label("my_pitch"))]]
    await turn.say_html(html, rows)
    return on_screen(MENU)
