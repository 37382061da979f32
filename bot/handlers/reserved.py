"""Commands whose features are still being built: each says honestly what it will do.

Feature modules declare the commands they serve in ``CLAIMS``; only unclaimed commands answer here,
so a feature landing never needs to edit this file.
"""

from __future__ import annotations

from collections.abc import Iterable

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.handlers.kit import CoachContext, say_template

RESERVED: dict[str, str] = {
    "pitch": "I'll help you build, time, review and rehearse your one-minute commercial.",
    "contacts": "You'll see everyone in your network, who introduced whom, and where each "
    "relationship stands.",
    "add": "You'll add people you know — typed, shared from your phone, or from a .vcf file.",
    "draft": "I'll write informational-interview requests, thank-you notes and follow-ups "
    "with you.",
    "prep": "I'll help you prepare: a clear objective, good questions, logistics and a "
    "calendar invite.",
    "debrief": "After an interview, I'll help you capture what you learned and who to talk "
    "to next.",
    "nudges": "I'll remind you to follow up at the right moment, in your own time zone.",
    "settings": "You'll set your time zone, speaking pace and reminder preferences.",
}


async def coming_soon(update: Update, context: CoachContext) -> None:
    """Answer a reserved command."""
    assert update.message is not None and update.message.text is not None
    command = update.message.text.split()[0].lstrip("/").split("@")[0].lower()
    await say_template(
        update,
        context,
        "common/coming_soon.html.j2",
        command=command,
        promise=RESERVED.get(command, ""),
    )


def unclaimed(claimed: Iterable[str]) -> list[str]:
    """Reserved commands no registered feature serves yet."""
    taken = set(claimed)
    return [command for command in RESERVED if command not in taken]


def handlers(claimed: Iterable[str] = ()) -> list[BaseHandler]:  # type: ignore[type-arg]
    """One handler for every reserved command that no feature has claimed."""
    commands = unclaimed(claimed)
    return [CommandHandler(commands, coming_soon)] if commands else []
