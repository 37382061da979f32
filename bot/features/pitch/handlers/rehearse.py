"""/pitch → Rehearse: a voice note timed against the target, transcribed when a backend exists.

The duration comes from Telegram (the real length of what the student said), so timing works
without any transcription; every take is logged, which is what makes progress visible.
"""

from __future__ import annotations

from telegram import Update

from bot.features.pitch.coach_offline import rehearsal_html
from bot.features.pitch.handlers.common import REHEARSE, current_target, note
from bot.flow.kit import CoachContext, say, user_id
from bot.render.keyboards import btn


async def ask(update: Update, context: CoachContext) -> int:
    """Ask for a voice note and say what will be measured."""
    target = await current_target(update, context)
    transcribing = context.services.transcriber.enabled
    await say(update, context, note("rehearse", target=target, transcribing=transcribing))
    return REHEARSE


async def voice(update: Update, context: CoachContext) -> int:
    """Time the take, transcribe it if possible, log it, and compare with earlier takes."""
    assert update.message is not None and update.message.voice is not None
    note_ = update.message.voice
    seconds = int(note_.to_dict().get("duration", 0))  # plain seconds, as the Bot API sends them
    if seconds < 1:
        await say(update, context, note("voice_empty"))
        return REHEARSE
    transcript: str | None = None
    transcriber = context.services.transcriber
    if transcriber.enabled:
        file = await note_.get_file()
        audio = bytes(await file.download_as_bytearray())
        transcript = await transcriber.transcribe(audio, note_.mime_type)
    uid = user_id(update)
    profile = await context.services.profiles.get(uid)
    target = await current_target(update, context)
    _, feedback = await context.services.pitches.log_rehearsal(
        uid, seconds, target, transcript, profile_name=profile.name
    )
    await say(update, context, rehearsal_html(feedback), [[btn("Done", "pt", "m")]])
    return REHEARSE


async def hint(update: Update, context: CoachContext) -> int:
    """Text or anything else while rehearsing: ask for a voice note."""
    await say(update, context, note("rehearse_hint"))
    return REHEARSE
