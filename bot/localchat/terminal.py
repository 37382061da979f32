"""The local chat: the coach in a terminal, for trying it with no Telegram token.

Bot messages print as text with their buttons numbered; typing a number presses that button.
A few ``:`` commands stand in for what a phone can send besides text.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

from telegram.ext import Application

from bot.clock import ShiftableClock
from bot.localchat.botapi import ChatMessage, Event, LocalBotAPI
from bot.localchat.session import LocalChat

BANNER = """\
Networking Coach — local chat (no Telegram token set, nothing leaves this computer).
Type as you would in Telegram; /start to begin, /help for commands.
A number presses a button. Also:  :contact NAME PHONE   :file PATH   :voice SECONDS   :quit
:time +7d moves the clock forward (d days, h hours, m minutes, w weeks) and delivers what fell due.
"""
_BOLD, _DIM, _RESET = ("\033[1m", "\033[2m", "\033[0m") if sys.stdout.isatty() else ("", "", "")


def render_event(event: Event, width: int) -> str:
    """One bot event as terminal text."""
    if event.kind == "toast":
        return f"{_DIM}  ({event.text}){_RESET}"
    message = event.message
    assert message is not None
    if event.kind == "deleted":
        return f"{_DIM}  (a message was removed){_RESET}"
    label = "coach (edited)" if event.kind == "edited" else "coach"
    return f"{_BOLD}{label}:{_RESET}\n{_body(message, width)}"


def _body(message: ChatMessage, width: int) -> str:
    lines = [
        textwrap.fill(line, width, initial_indent="  ", subsequent_indent="  ") if line else ""
        for line in message.plain.split("\n")
    ]
    if message.document is not None:
        lines.append(f"  📎 {message.document.filename} ({len(message.document.content)} bytes)")
    for number, button in enumerate(message.buttons, start=1):
        lines.append(f"  [{number}] {button['text']}")
    return "\n".join(lines)


async def run_terminal(
    app: Application,  # type: ignore[type-arg]
    api: LocalBotAPI,
    *,
    downloads: Path,
    user_id: int = 1001,
    clock: ShiftableClock | None = None,
) -> None:
    """Read lines from stdin until EOF or ``:quit``, printing what the bot does.

    Messages the bot sends on its own (nudges from the sweep) are printed as they arrive, not
    only in reply to a line.
    """
    width = min(shutil.get_terminal_size((80, 20)).columns, 88) - 2
    chat = LocalChat(app, api, user_id=user_id, first_name="Student")
    printed = len(api.state.events)

    def flush() -> None:
        nonlocal printed
        events = api.state.events[printed:]
        printed += len(events)
        for event in events:
            if event.chat_id in (user_id, 0):
                print(render_event(event, width))
                _save_document(event, downloads)

    async def watch() -> None:
        while True:
            await asyncio.sleep(0.5)
            flush()

    print(BANNER)
    async with app:
        await app.start()
        watcher = asyncio.create_task(watch())
        try:
            while True:
                try:
                    line = (await asyncio.to_thread(input, "you> ")).strip()
                except EOFError:
                    break
                if not line:
                    continue
                if line == ":quit":
                    break
                try:
                    if line.startswith(":time"):
                        await _move_time(app, clock, line.removeprefix(":time").strip())
                    else:
                        await _act(chat, line)
                except (LookupError, OSError, ValueError) as exc:
                    print(f"  ! {exc}")
                    continue
                flush()
        finally:
            watcher.cancel()
            flush()
            await app.stop()


_SPAN = re.compile(r"(\d+)\s*([wdhm])")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


def parse_span(text: str) -> timedelta:
    """ "+7d", "+1w", "+3h", "+2d4h", "+90m" -> a timedelta; ValueError for anything else."""
    spec = text.strip().removeprefix("+").replace(" ", "").lower()
    parts = _SPAN.findall(spec)
    if not spec or not parts or "".join(n + u for n, u in parts) != spec:
        raise ValueError("try :time +7d (w weeks, d days, h hours, m minutes)")
    return sum((timedelta(**{_UNITS[u]: int(n)}) for n, u in parts), timedelta())


async def _move_time(
    app: Application,  # type: ignore[type-arg]
    clock: ShiftableClock | None,
    spec: str,
) -> None:
    """Move the clock, say where it is now, and run the nudge sweep at once."""
    if clock is None:
        raise ValueError("this chat runs on the real clock")
    clock.advance(parse_span(spec))
    print(f"{_DIM}  (the clock now says {clock.now():%a %d %b %Y %H:%M} UTC){_RESET}")
    await app.bot_data["sweeper"].run_once(app.bot)


async def _act(chat: LocalChat, line: str) -> list[Event]:
    """Turn one typed line into the matching user action."""
    if line.isdigit():
        return await chat.press(int(line))
    command, _, rest = line.partition(" ")
    if command == ":contact":
        *names, phone = rest.split()
        return await chat.send_contact(phone, names[0] if names else "Friend", " ".join(names[1:]))
    if command == ":file":
        content = await asyncio.to_thread(_read_file, rest)
        return await chat.send_document(Path(rest).name, content)
    if command == ":voice":
        return await chat.send_voice(int(rest or 60))
    return await chat.send(line)


def _read_file(path: str) -> bytes:
    return Path(path).expanduser().read_bytes()


def _save_document(event: Event, folder: Path) -> None:
    """Files the bot sends are written to disk so the user can open them."""
    if event.kind != "sent" or event.message is None or event.message.document is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / event.message.document.filename
    path.write_bytes(event.message.document.content)
    print(f"  saved to {path}")
