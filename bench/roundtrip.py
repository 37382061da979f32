"""Round-trip benchmark: many simulated students through the real application, in process.

Run:  .venv/bin/python -m bench.roundtrip [--users 50] [--updates 20]

Each user sends ``--updates`` updates (alternating /help and onboarding answers, so both a
stateless command and a stateful, persisted conversation step are measured) through the
in-process Bot API; users run concurrently, each user's updates in order, as in production.
The same load then goes through a bare python-telegram-bot Application whose only handler
replies, measured in the same run, so the ratio shows what the coach adds (validation, storage
with fsync, persistence) on this machine. A benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.localchat.botapi import LOCAL_TOKEN, LocalBotAPI
from bot.localchat.session import LocalChat
from tests.fakes.harness import start_harness, stop_harness

ANSWERS = ["Sam Student", "BS Biology", "public health", "Internship", "Boston"]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _drive(
    new_chat: Callable[[], LocalChat], updates: int, timings: dict[str, list[float]]
) -> None:
    """One simulated pair of students: one sends /help, the other answers onboarding, in turn.

    /help from the student in onboarding would pause the flow (a command leaves a flow), and
    the next answer would then be chat with the coach, not a step; so the two kinds of update
    come from two students. Once all five questions are answered, a new student starts, so every
    "onboarding step" is a real step of the flow.
    """
    asker, chat = new_chat(), new_chat()
    await chat.send("/start")
    step = 0
    for i in range(updates - 1):
        if i % 2 == 0:
            kind, sender, text = "help", asker, "/help"
        else:
            if step == len(ANSWERS):
                chat, step = new_chat(), 0
                await chat.send("/start")
            kind, sender, text = "onboarding step", chat, ANSWERS[step]
            step += 1
        started = time.perf_counter()
        await sender.send(text)
        timings[kind].append(time.perf_counter() - started)


async def run_coach(users: int, updates: int) -> tuple[float, dict[str, list[float]]]:
    """The full coach over TinyDB in a temporary DATA_DIR."""
    with tempfile.TemporaryDirectory() as tmp:
        harness = await start_harness(Path(tmp), validate=False)
        timings: dict[str, list[float]] = defaultdict(list)
        started = time.perf_counter()
        ids = itertools.count(10_000)
        await asyncio.gather(
            *(
                _drive(lambda: harness.chat(user_id=next(ids)), updates, timings)
                for _ in range(users)
            )
        )
        elapsed = time.perf_counter() - started
        await stop_harness(harness)
    return users * updates / elapsed, timings


async def run_bare(users: int, updates: int) -> tuple[float, dict[str, list[float]]]:
    """python-telegram-bot with one handler that only replies."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, "ok")

    api = LocalBotAPI()
    app = (
        (Application.builder().token(LOCAL_TOKEN).request(api).get_updates_request(api))
        .updater(None)
        .build()
    )
    app.add_handler(MessageHandler(filters.ALL, echo))
    await app.initialize()
    timings: dict[str, list[float]] = defaultdict(list)

    async def drive(chat: LocalChat) -> None:
        for _ in range(updates):
            started = time.perf_counter()
            await chat.send("hello")
            timings["reply"].append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(drive(LocalChat(app, api, user_id=10_000 + n)) for n in range(users)))
    elapsed = time.perf_counter() - started
    await app.shutdown()
    return users * updates / elapsed, timings


def _row(name: str, values: list[float]) -> str:
    median, p99 = statistics.median(values) * 1000, _pct(values, 0.99) * 1000
    return f"  {name:<18} median {median:7.2f} ms   p99 {p99:7.2f} ms   (n={len(values)})"


async def main(users: int, updates: int) -> None:
    """Run both, loaded and unloaded, and print a small report."""
    _, solo = await run_coach(1, updates * 5)
    _, bare_solo = await run_bare(1, updates * 5)
    print(f"one student alone, {updates * 5} updates (latency without queueing):")
    print(_row("bare reply", bare_solo["reply"]))
    for kind in ("help", "onboarding step"):
        print(_row(kind, solo[kind]))
    bare_rate, bare = await run_bare(users, updates)
    coach_rate, coach = await run_coach(users, updates)
    print(f"{users} users x {updates} updates each, concurrently, TinyDB with fsync")
    print(f"bare PTB reply handler: {bare_rate:8.1f} updates/s")
    print(_row("reply", bare["reply"]))
    print(f"networking coach:       {coach_rate:8.1f} updates/s")
    for kind in ("help", "onboarding step"):
        print(_row(kind, coach[kind]))
    bare_median = statistics.median(bare["reply"])
    print(
        f"ratio coach/bare: throughput {coach_rate / bare_rate:.2f}x, median latency /help "
        f"{statistics.median(coach['help']) / bare_median:.1f}x, onboarding step "
        f"{statistics.median(coach['onboarding step']) / bare_median:.1f}x"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--updates", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.users, args.updates))
