"""/pitch: the one-minute commercial — build, review, shorten, tailor, rehearse, practice, versions.

One flow (``flow.FLOW``) holds every pitch screen; each module adds its steps and buttons to it.
Screens that wait for a tap take a voice note as a rehearsal and answer anything else with a hint
for that screen.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.features.pitch.content import pitch_language
from bot.features.pitch.handlers import build, home, practice, rehearse, review, tailor
from bot.features.pitch.handlers.flow import FLOW, MENU, tap_hint
from bot.flow import CoachContext, YieldToFlows
from bot.flow.context import AnyHandler

__all__ = ["build", "handlers", "home", "practice", "rehearse", "review", "tailor"]

for _screen in (MENU, build.BUILT, review.REVIEWED):
    _screen.message(filters.VOICE)(rehearse.voice)
    _screen.message(~filters.COMMAND)(tap_hint)
rehearse.REHEARSE.message(filters.VOICE)(rehearse.voice)


async def _voice_outside_flows(update: Update, context: CoachContext) -> object:
    assert update.effective_message is not None
    return await FLOW.run(update, context, rehearse.voice, update.effective_message)


# A voice note sent outside any flow is a rehearsal of the current pitch.
FLOW.add_entry(YieldToFlows(MessageHandler(filters.VOICE, _voice_outside_flows)))


def handlers() -> list[AnyHandler]:
    """The /pitch flow; loading the language rules here stops a broken file at start-up."""
    pitch_language()
    return [FLOW.build()]
