"""PTB's HTTP connection pool and the concurrency limit, measured over real HTTP on loopback.

Run:  .venv/bin/python -m bench.http_pool [--students 200] [--updates 10]

``bench.roundtrip`` talks to an in-process Bot API, so it never touches python-telegram-bot's
``HTTPXRequest`` (httpx and its connection pool). Here the real application sends every request
over HTTP/1.1 to a minimal Bot API in another process (``bench.fake_botapi_server``), for a
grid of ``connection_pool_size`` (PTB's default is 256) and of ``PerUserUpdateProcessor``'s
concurrency limit (ours is 64), with more students at once than any limit, each sending
``/start``, onboarding answers and ``/help``; every update goes through the application's
update processor as polling would. A bare PTB reply handler over the same HTTP is the
reference. A benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from bench.roundtrip import ANSWERS
from bot.app import build_application
from bot.clock import SystemClock
from bot.llm.base import NoLLM
from bot.settings import Settings
from bot.store.tinydb_store import TinyDBStore

POOLS = (8, 32, 256)
LIMITS = (16, 64, 256)
TOKEN = "123:abc"
_ids = count(1)


def _update(app: Application, user_id: int, text: str) -> Update:  # type: ignore[type-arg]
    n = next(_ids)
    message: dict[str, Any] = {
        "message_id": n,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Sam"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return Update.de_json({"update_id": n, "message": message}, app.bot)


def _texts(updates: int) -> list[str]:
    texts = ["/start"]
    step = 0
    while len(texts) < updates:
        texts.append("/help" if len(texts) % 2 else ANSWERS[step % len(ANSWERS)])
        step += len(texts) % 2 == 0
    return texts


Figures = tuple[float, float]  # updates/s, CPU ms of this process per update


async def _drive(app: Application, students: int, updates: int) -> Figures:  # type: ignore[type-arg]
    """Every student sends their updates in order, all students at once.

    CPU time per update is reported beside the rate because it hardly moves when other
    processes share the machine, while wall-clock rates do.
    """

    async def student(user_id: int) -> None:
        for text in _texts(updates):
            update = _update(app, user_id, text)
            await app.update_processor.process_update(update, app.process_update(update))

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(student(50_000 + n) for n in range(students)))
    total = students * updates
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return total / elapsed, cpu * 1000 / total


async def coach(url: str, pool: int, limit: int, students: int, updates: int) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(tmp),
            telegram_bot_token=TOKEN,
            telegram_base_url=url,
        )
        app = build_application(
            settings,
            store=TinyDBStore(Path(tmp)),
            llm=NoLLM(),
            clock=SystemClock(),
            request=HTTPXRequest(connection_pool_size=pool),
            max_concurrent_updates=limit,
        )
        await app.initialize()
        try:
            return await _drive(app, students, updates)
        finally:
            await app.shutdown()


async def bare(url: str, pool: int, limit: int, students: int, updates: int) -> Figures:
    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, "ok")

    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(url)
        .request(HTTPXRequest(connection_pool_size=pool))
        .concurrent_updates(limit)
        .updater(None)
        .build()
    )
    app.add_handler(MessageHandler(filters.ALL, reply))
    await app.initialize()
    try:
        return await _drive(app, students, updates)
    finally:
        await app.shutdown()


async def grid(url: str, students: int, updates: int) -> None:
    print(f"{students} students x {updates} updates at once over HTTP")
    print(f"{'pool':>5} {'limit':>6}   {'bare PTB':>22}   {'coach':>22}")
    for pool in POOLS:
        for limit in LIMITS:
            (b_rate, b_cpu), (c_rate, c_cpu) = (
                await bare(url, pool, limit, students, updates),
                await coach(url, pool, limit, students, updates),
            )
            print(
                f"{pool:>5} {limit:>6}   {b_rate:6.0f}/s {b_cpu:5.2f} ms CPU"
                f"   {c_rate:6.0f}/s {c_cpu:5.2f} ms CPU"
            )


def main(students: int, updates: int) -> None:
    """Start the loopback Bot API in its own process, then measure the grid against it."""
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.fake_botapi_server"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert server.stdout is not None
        url = f"http://127.0.0.1:{int(server.stdout.readline())}/bot"
        asyncio.run(grid(url, students, updates))
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--updates", type=int, default=10)
    args = parser.parse_args()
    main(args.students, args.updates)
