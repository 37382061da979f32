"""One student cannot hurt the others: floods are paced (nothing lost or doubled), button
presses are answered inside Telegram's window, and logs hold ids only, even at DEBUG."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.logs import configure
from bot.transport.dispatch import Dispatcher
from bot.transport.flood import FloodGuard
from bot.transport.inbox import Inbox
from bot.transport.ratelimit import CoachRateLimiter
from tests.fakes.harness import Harness, start_harness, stop_harness

_ids = iter(range(50_000, 60_000))


def message(user_id: int, text: str) -> dict[str, Any]:
    update_id = next(_ids)
    msg: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_800_000_000,
        "chat": {"id": user_id, "type": "private", "first_name": "S"},
        "from": {"id": user_id, "is_bot": False, "first_name": "S"},
        "text": text,
    }
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": msg}


class FakeTime:
    """A monotonic clock that only moves when someone sleeps on it (nothing really sleeps)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def sent_to(h: Harness, chat_id: int) -> list[str]:
    return [
        e.message.plain
        for e in h.api.state.events
        if e.kind == "sent" and e.chat_id == chat_id and e.message is not None
    ]


async def test_a_flood_from_one_student_gets_one_slow_down_and_every_message_once(
    tmp_path: Path,
) -> None:
    time = FakeTime()
    flood = FloodGuard(burst=5, per_second=2, monotonic=time.monotonic, sleep=time.sleep)
    h = await start_harness(tmp_path / "data", flood=flood)
    try:
        box = Inbox(tmp_path / "inbox")
        dispatcher = Dispatcher(h.app, box)
        flooder, other = 9001, 9002
        for _ in range(40):
            await dispatcher.submit(message(flooder, "/help"))
        await dispatcher.submit(message(other, "/help"))
        await dispatcher.drain(30)
        to_flooder = sent_to(h, flooder)
        slow = [t for t in to_flooder if "faster than I can read" in t]
        helps = [t for t in to_flooder if "/cancel" in t]
        assert len(slow) == 1
        assert len(helps) == 40  # every message answered, none twice
        assert len(sent_to(h, other)) == 1
        # Paced at 2 a second after a burst of 5: the last one waited for the 35 others.
        assert sum(time.slept) == 35 / 2
        assert box.pending() == []
    finally:
        await stop_harness(h)


async def test_a_press_behind_a_busy_turn_is_answered_early_and_only_once(tmp_path: Path) -> None:
    release = asyncio.Event()
    waiting = asyncio.Event()

    async def blocked_sleep(seconds: float) -> None:
        waiting.set()
        await release.wait()

    flood = FloodGuard(burst=1, per_second=1, monotonic=lambda: 0.0, sleep=blocked_sleep)
    h = await start_harness(tmp_path / "data", flood=flood)
    try:
        chat = h.chat(user_id=9003)
        await chat.send("/help")  # something with buttons to press... or not: any message will do
        menu = chat.last
        dispatcher = Dispatcher(h.app, Inbox(tmp_path / "inbox"), answer_within=0)
        await dispatcher.submit(message(9003, "/help"))  # takes the only token
        query = {
            "update_id": next(_ids),
            "callback_query": {
                "id": "q-busy",
                "from": chat.user,
                "chat_instance": "9003",
                "message": menu.to_api(),
                "data": "go|nowhere|badsig",
            },
        }
        chat.pressed_query_ids.append("q-busy")
        await dispatcher.submit(query)
        await waiting.wait()  # the press waits behind its student's turn ...
        for _ in range(10_000):  # a few loop turns (no sleeping): the early answer goes out
            if "q-busy" in h.api.state.answered_callbacks:
                break
            await asyncio.sleep(0)
        assert "q-busy" in h.api.state.answered_callbacks  # ... but the phone stopped spinning
        release.set()
        await dispatcher.drain(30)
        # The handler's own answer afterwards was dropped, not sent as a second answer (which
        # Telegram refuses, and the fake API records as a violation).
        answers = [c for c in h.api.state.calls if c[0] == "answerCallbackQuery"]
        assert len(answers) == 1
    finally:
        await stop_harness(h)


async def test_answers_skip_a_saturated_message_limiter() -> None:
    gate = asyncio.Event()

    class Saturated(CoachRateLimiter):
        async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
            await gate.wait()
            return await callback(*args, **kwargs)

    limiter = CoachRateLimiter(Saturated())
    sent: list[str] = []

    def call(name: str) -> Callable[[], Awaitable[bool]]:
        async def callback() -> bool:
            sent.append(name)
            return True

        return callback

    message_task = asyncio.create_task(
        limiter.process_request(call("message"), (), {}, "sendMessage", {"chat_id": 1}, None)
    )
    assert await limiter.process_request(
        call("answer"), (), {}, "answerCallbackQuery", {"callback_query_id": "q"}, None
    )
    assert sent == ["answer"]  # answered while every message is still queued
    assert await limiter.process_request(
        call("again"), (), {}, "answerCallbackQuery", {"callback_query_id": "q"}, None
    )
    assert sent == ["answer"]  # a second answer for the same press is not sent
    gate.set()
    await message_task
    assert sent == ["answer", "message"]


async def test_debug_logs_of_a_whole_conversation_hold_no_text_contact_or_token(
    tmp_path: Path,
) -> None:
    token = "987654321:AAsecretTOKENsecretTOKENsecretTOKEN12"
    root = logging.getLogger()
    saved_level, saved_handlers = root.level, list(root.handlers)
    configure("DEBUG", [token])
    stream = io.StringIO()
    root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        h = await start_harness(tmp_path / "data", telegram_bot_token=token)
        try:
            chat = h.chat(user_id=7007, first_name="Zoraida")
            await chat.send("/start")
            await chat.send("Zoraida Quintero-Baptiste")
            await chat.send("MSc Oceanography at Lisbon")
            await chat.send("/add Wilhelmina Okonkwo, Acme Robotics, engineer, wokonkwo@acme.test")
            await chat.send_contact("+351912345678", "Bartholomew", "Ngata")
            logging.getLogger("telegram.ext.ExtBot").debug("token in a library line %s", token)
            logging.getLogger("bot.test").warning("token in our own line %s", token)
        finally:
            await stop_harness(h)
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        logging.getLogger("telegram").setLevel(logging.NOTSET)
    log = stream.getvalue()
    assert "token in our own line [redacted]" in log  # the capture works and masks secrets
    for secret in (
        token,
        "Zoraida",
        "Quintero",
        "Oceanography",
        "Wilhelmina",
        "Okonkwo",
        "wokonkwo@acme.test",
        "Acme Robotics",
        "912345678",
        "Bartholomew",
    ):
        assert secret not in log, secret


async def test_deletedata_leaves_no_trace_in_the_data_folder_or_the_inbox(tmp_path: Path) -> None:
    data = tmp_path / "data"
    h = await start_harness(data)
    try:
        box = Inbox(data / "inbox")
        dispatcher = Dispatcher(h.app, box)
        student = 9100
        for text in ("/start", "Zebulon Quartermaine", "/deletedata"):
            await dispatcher.submit(message(student, text))
            await dispatcher.drain(30)
        question = next(
            e.message
            for e in reversed(h.api.state.events)
            if e.message is not None and e.message.buttons
        )
        erase = next(b for b in question.buttons if b["text"] == "Erase everything")
        press = {
            "update_id": next(_ids),
            "callback_query": {
                "id": "q-erase",
                "from": {"id": student, "is_bot": False, "first_name": "S"},
                "chat_instance": str(student),
                "message": question.to_api(),
                "data": erase["callback_data"],
            },
        }
        await dispatcher.submit(press)
        await dispatcher.drain(30)
        assert "erased" in h.api.state.events[-1].message.plain  # type: ignore[union-attr]
    finally:
        await stop_harness(h)
    leftovers = [p for p in data.rglob("*") if p.is_file() and b"Zebulon" in p.read_bytes()]
    assert leftovers == []
    assert not (data / "users" / f"{student}.json").exists()
