"""Nudge delivery benchmark: 10,000 students with a follow-up due in the same minute.

Run:  .venv/bin/python -m bench.nudges_bench [--students 10000] [--rate 25] [--warp]

The real application (sweep, store, due-index, limiter) delivers to an in-process Bot API that
enforces Telegram's limits itself: more than 30 messages in any second, or a second message to one
chat within a second, is answered with 429 "retry after". Reported: how long delivery took, the
rate achieved against the 30/s limit, how many 429s came back, and what a sweep costs per student
when nothing is due. ``--warp`` skips the limiter's waits (time jumps instead), which shows how
fast the sweep could go if Telegram allowed it: the headroom above the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.clock import FixedClock
from bot.features.contacts.domain.records import Contact, Stage
from bot.features.nudges import sync
from bot.features.nudges.domain.kinds import NudgeKind
from bot.features.nudges.limiter import RealPace, WarpPace
from bot.llm.gateway import NoLLM
from bot.localchat.botapi import LocalBotAPI
from bot.settings import Settings
from bot.store.due_index import IndexedStore, SqliteDueIndex
from bot.store.records import to_json
from bot.store.tinydb_store import TinyDBStore

LIMIT_PER_SECOND = 30
DUE = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)  # 14:00 UTC: outside everyone's quiet hours


class ThrottledBotAPI(LocalBotAPI):
    """The local Bot API plus Telegram's flood limits, measured on the real monotonic clock."""

    def __init__(self, clock: FixedClock, *, enforce: bool) -> None:
        super().__init__(clock=clock)
        self.enforce = enforce
        self.window: deque[float] = deque()
        self.last_by_chat: dict[int, float] = {}
        self.sent_at: list[float] = []
        self.refused = 0

    async def do_request(self, url: str, method: str, request_data: Any = None, *a: Any, **k: Any):
        if self.enforce and url.endswith("/sendMessage") and request_data is not None:
            now = time.monotonic()
            chat = int(request_data.parameters["chat_id"])
            while self.window and self.window[0] <= now - 1.0:
                self.window.popleft()
            too_soon = now - self.last_by_chat.get(chat, -10.0) < 1.0
            if len(self.window) >= LIMIT_PER_SECOND or too_soon:
                self.refused += 1
                body = {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
                return 429, json.dumps(body).encode()
            self.window.append(now)
            self.last_by_chat[chat] = now
            self.sent_at.append(now)
        return await super().do_request(url, method, request_data, *a, **k)


def _seed(user_id: int, due: datetime) -> Any:
    def work(tx: Any) -> None:
        tx.set_value("profile", {"name": "Student", "timezone": "Europe/London", "onboarded": True})
        contact = Contact(
            id="c1",
            name="Dana Lopez",
            created_at=due - timedelta(days=7),
            updated_at=due - timedelta(days=7),
            stage=Stage.REQUEST_SENT,
        )
        tx.table("contacts").put(to_json(contact))
        plan = sync.planner(tx, due - timedelta(days=7))
        nudge = plan.make(NudgeKind.FOLLOW_UP, due - timedelta(days=7), contact_id="c1")
        sync.write(tx, [nudge])

    return work


async def _seed_all(folder: Path, students: int) -> None:
    index = SqliteDueIndex(folder / "due_index.sqlite3")
    store = IndexedStore(TinyDBStore(folder), index, sync.NEXT_DUE_KEY)
    rng = random.Random(7)
    ids = [100_000 + n for n in range(students)]
    for start in range(0, students, 200):
        batch = ids[start : start + 200]
        await asyncio.gather(
            *(store.run(u, _seed(u, DUE + timedelta(seconds=rng.randrange(60)))) for u in batch)
        )
    index.close()


async def main(students: int, rate: float, warp: bool) -> None:
    """Seed, then sweep once at the due minute's end and report."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        await _seed_all(folder, students)
        print(f"seeded {students} students in {time.perf_counter() - started:.1f} s")
        clock = FixedClock(DUE - timedelta(hours=1))
        api = ThrottledBotAPI(clock, enforce=not warp)
        settings = Settings(_env_file=None, data_dir=folder, nudge_send_rate=rate)  # type: ignore[call-arg]
        store = TinyDBStore(folder)
        app = build_application(
            settings,
            store=store,
            llm=NoLLM(),
            clock=clock,
            request=api,
            pace=WarpPace() if warp else RealPace(),
        )
        await app.initialize()
        sweeper = app.bot_data["sweeper"]
        await sweeper.run_once(app.bot)  # the first run of a process; nothing is due yet
        runs = 20
        idle = time.perf_counter()
        for _ in range(runs):
            await sweeper.run_once(app.bot)
        idle_cost = (time.perf_counter() - idle) / runs

        clock.advance(hours=1, minutes=1)
        started = time.perf_counter()
        report = await sweeper.run_once(app.bot)
        elapsed = time.perf_counter() - started
        leftover = await sweeper.run_once(app.bot)  # anything refused with 429 goes now
        await app.shutdown()
        await store.close()

    delivered = report.messages + leftover.messages
    achieved = report.messages / elapsed if elapsed else float("inf")
    peak = _peak(api.sent_at)
    print(f"students due in the same minute: {students}")
    print(f"mode: {'warp (limiter waits skipped)' if warp else 'real time'}; budget {rate:g}/s")
    print(f"delivered: {delivered} messages ({leftover.messages} on a second run)")
    print(f"delivery took {elapsed:.1f} s: {achieved:.1f} msg/s")
    if not warp:
        print(
            f"= {100 * achieved / LIMIT_PER_SECOND:.0f}% of Telegram's {LIMIT_PER_SECOND}/s;"
            f" busiest second {peak} messages; 429 answers: {api.refused}"
        )
    print(f"failures: {len(report.failures)}; uncertain sends: {report.uncertain}")
    print(
        f"sweep with nothing due: {idle_cost * 1000:.2f} ms per run over {students} students"
        f" = {idle_cost / students * 1e9:.0f} ns per student"
    )


def _peak(times: list[float]) -> int:
    best, left = 0, 0
    for right, moment in enumerate(times):
        while times[left] <= moment - 1.0:
            left += 1
        best = max(best, right - left + 1)
    return best


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="the nudge budget, messages/s")
    parser.add_argument("--warp", action="store_true", help="skip waits: measure the headroom")
    args = parser.parse_args()
    asyncio.run(main(args.students, args.rate, args.warp))
