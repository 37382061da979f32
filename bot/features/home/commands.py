"""The command menu: one place for what /help lists and what Telegram's menu shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command and its one-line description."""

    name: str
    description: str


COMMANDS: tuple[Command, ...] = (
    Command("start", "Start here, or pick up where you left off"),
    Command("help", "What I can do, one line each"),
    Command("profile", "See and edit what I know about you"),
    Command("pitch", "Build, review and rehearse your one-minute commercial"),
    Command("contacts", "Your network: list, search, open a contact"),
    Command("add", "Add a contact (or brainstorm who you already know)"),
    Command("draft", "Write a request, thank-you or follow-up message"),
    Command("prep", "Prepare for an informational interview"),
    Command("debrief", "Capture what you learned after an interview"),
    Command("nudges", "What I'll remind you of, and when"),
    Command("settings", "Time zone, quiet hours, reminders, weekly goal, pace"),
    Command("ask", "Ask the coach anything (or just type your question)"),
    Command("reset", "Make the coach forget our recent chat"),
    Command("export", "Download your data"),
    Command("deletedata", "Erase everything I store about you"),
    Command("privacy", "What I store, where it goes, how to erase it"),
    Command("cancel", "Leave what you're doing (your answers are kept)"),
)
