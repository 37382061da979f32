"""Storage at campus scale: start-up, step cost, disk writes per update, throughput, in one run.

Run:  .venv/bin/python -m bench.campus [--students 0,2000,10000] [--quick]

What it reports (issue 13), each from the project's own code on this machine:

1. **Start-up** of the real command (``python -m bot``, local chat) over 0, 2,000 and 10,000
   students on disk: seconds from launch until the bot is ready for its first update, and its
   resident memory then. The students are copies of one template student made through the real
   application and repositories (a profile, 25 contacts, onboarding in progress at 3/5), so every
   file has the shape and size today's code writes.
2. **Per-step cost** of a guided ``/add`` for a student with 100 and with 2,000 contacts: a typed
   step, a button step and the final Save, median milliseconds, and the 2,000/100 ratio.
3. **Writes and fsyncs per update** for a read-only command (``/help``, ``/contacts``), a flow
   step and a save, counted by wrapping ``os.replace`` and ``os.fsync`` (so any storage design is
   counted the same way).
4. **Updates per second** for 50 students at once, beside a bare python-telegram-bot reply
   handler (``bench.roundtrip``).

A benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.contacts_bench import drafts
from bench.roundtrip import run_bare, run_coach
from bot.features.contacts.repository import ContactRepository
from bot.localchat.session import LocalChat
from tests.fakes.harness import start_harness, stop_harness

TEMPLATE_ID = 987654321  # a string that occurs nowhere else in a file, so copies can re-key it
FIRST_ID = 100_000
READY = "you> "  # the prompt, shown once the application is initialised and started


# -- 1. start-up -----------------------------------------------------------------------------


async def _make_template(folder: Path) -> None:
    """One student through the real application: 25 contacts and onboarding stopped at 3/5."""
    harness = await start_harness(folder, validate=False)
    chat = harness.chat(user_id=TEMPLATE_ID, first_name="Kim")
    await chat.send("/start")
    await chat.send("Kim Park")
    await chat.send("MS Data Science")
    repo = ContactRepository(harness.store, harness.clock)
    await repo.add_many(TEMPLATE_ID, drafts(25, random.Random(1)))
    await stop_harness(harness)


def _populate(template: Path, target: Path, students: int) -> int:
    """``students`` copies of the template student's files, re-keyed; returns bytes per student."""
    users = target / "users"
    users.mkdir(parents=True, exist_ok=True)
    for name in ("callback.secret",):
        if (template / name).exists():
            shutil.copy(template / name, target / name)
    sources = [
        (p.name, p.read_bytes())
        for p in (template / "users").iterdir()
        if p.name.startswith(f"{TEMPLATE_ID}.")
    ]
    old = str(TEMPLATE_ID).encode()
    for n in range(students):
        new = str(FIRST_ID + n).encode()
        for name, content in sources:
            (users / name.replace(str(TEMPLATE_ID), new.decode())).write_bytes(
                content.replace(old, new)
            )
    return sum(len(c) for _, c in sources)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _startup(data_dir: Path) -> tuple[float, float]:
    """Launch the real command; seconds until it is ready, and its resident MB then."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(data_dir),
        "DATA_DIR": str(data_dir),
        "PYTHONUNBUFFERED": "1",
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert process.stdout is not None
        seen = ""
        while READY not in seen:  # the prompt has no newline: read what is there, not lines
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                raise RuntimeError(f"the bot exited before it was ready:\n{seen}")
            seen += chunk.decode("utf-8", "replace")
        return time.perf_counter() - started, _rss_mb(process.pid)
    finally:
        process.kill()
        process.wait()


async def bench_startup(sizes: list[int], launches: int = 3) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template"
        await _make_template(template)
        for students in sizes:
            data_dir = Path(tmp) / f"d{students}"
            per_student = _populate(template, data_dir, students)
            os.sync()  # not the kernel writing the copies back while the bot starts
            runs = sorted(_startup(data_dir) for _ in range(launches))
            seconds, rss = runs[len(runs) // 2]
            rows.append(
                f"  {students:>6} students ({per_student / 1024:.1f} KiB each): "
                f"ready in {seconds:6.2f} s (best {runs[0][0]:.2f}), {rss:6.1f} MB resident"
            )
            shutil.rmtree(data_dir)
    return rows


# -- 2 and 3. per-step cost and I/O per update -------------------------------------------------


class IOCount:
    """Counts renames into place and fsyncs made by anything in this process."""

    def __init__(self) -> None:
        self.replaces = 0
        self.fsyncs = 0

    @contextmanager
    def counting(self) -> Iterator[IOCount]:
        real_replace, real_fsync = os.replace, os.fsync

        def replace(*args: Any, **kwargs: Any) -> None:
            self.replaces += 1
            real_replace(*args, **kwargs)

        def fsync(fd: int) -> None:
            self.fsyncs += 1
            real_fsync(fd)

        os.replace, os.fsync = replace, fsync  # type: ignore[assignment]
        try:
            yield self
        finally:
            os.replace, os.fsync = real_replace, real_fsync  # type: ignore[assignment]


async def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    await action()
    return (time.perf_counter() - started) * 1000


def _name(i: int) -> str:
    """A person unlike any other, so the duplicate check never interrupts the flow."""
    digest = hashlib.sha256(str(i).encode()).digest()
    words = ("".join(chr(97 + b % 26) for b in digest[k : k + 7]) for k in (0, 8))
    return " ".join(w.capitalize() for w in words)


async def _guided_add(chat: LocalChat, i: int) -> dict[str, float]:
    """One guided /add to the end; times a typed step, a button step and the save."""
    await chat.send("/add")
    await chat.send(_name(i))
    await chat.press("🎓 Faculty & staff")
    typed = await _timed(lambda: chat.send("SJSU"))
    button = await _timed(lambda: chat.press("Skip"))
    save = await _timed(lambda: chat.press("✅ Save now"))
    return {"typed step": typed, "button step": button, "save": save}


async def bench_steps(repeats: int) -> tuple[list[str], list[str]]:
    step_rows, io_rows = [], []
    medians: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        harness = await start_harness(
            Path(tmp), validate=False, max_contacts=10_000
        )  # 2,000 + the ones added here
        repo = ContactRepository(harness.store, harness.clock)
        chats: dict[int, LocalChat] = {}
        for size in (100, 2000):
            user_id = 200_000 + size
            await repo.add_many(user_id, drafts(size, random.Random(size)))
            chat = chats[user_id] = harness.chat(user_id=user_id)
            await chat.send("/start")
            await chat.send("/cancel")
            await _guided_add(chat, -1)  # warm the caches, as for an active student
        # The two students take turns, so a burst of disk activity from elsewhere on a shared
        # machine lands on both sizes alike instead of skewing their ratio.
        samples: dict[int, dict[str, list[float]]] = {100: {}, 2000: {}}
        for i in range(repeats):
            for size in (100, 2000):
                for kind, ms in (await _guided_add(chats[200_000 + size], i)).items():
                    samples[size].setdefault(kind, []).append(ms)
        for size, by_kind in samples.items():
            medians[size] = {k: statistics.median(v) for k, v in by_kind.items()}
        for kind in medians[100]:
            small, big = medians[100][kind], medians[2000][kind]
            step_rows.append(
                f"  {kind:<12} {small:8.2f} ms at 100   {big:8.2f} ms at 2,000   "
                f"ratio {big / small:5.2f}x"
            )

        # I/O per update, for the student with 2,000 contacts (the case that used to hurt).
        chat = chats[202_000]

        async def one(label: str, action: Callable[[], Any]) -> None:
            with IOCount().counting() as io:
                await action()
            io_rows.append(f"  {label:<34} {io.replaces:3d} files written   {io.fsyncs:3d} fsyncs")

        await chat.send("/help")  # leaves the flow the warm-up ended in, a real change of step
        await chat.send("/contacts")  # the first list remembers its (empty) filter
        await one("/help (read-only)", lambda: chat.send("/help"))
        await one("/contacts (read-only)", lambda: chat.send("/contacts"))
        await chat.send("/add")
        await one("flow step: type a name", lambda: chat.send(_name(-2)))
        await one("flow step: press a circle", lambda: chat.press("🎓 Faculty & staff"))
        await one("flow step: type the organisation", lambda: chat.send("SJSU"))
        await one("flow step: press Skip", lambda: chat.press("Skip"))
        await one("save the contact", lambda: chat.press("✅ Save now"))
        await stop_harness(harness)
    return step_rows, io_rows


# -- report ------------------------------------------------------------------------------------


async def main(sizes: list[int], repeats: int, users: int, updates: int) -> None:
    began = time.perf_counter()
    print("1. start-up of `python -m bot` (local chat) until ready for an update, median of 3")
    for row in await bench_startup(sizes):
        print(row)
    step_rows, io_rows = await bench_steps(repeats)
    print(f"2. guided /add, median of {repeats}, student with 100 vs 2,000 contacts")
    for row in step_rows:
        print(row)
    print("3. disk writes per update (student with 2,000 contacts)")
    for row in io_rows:
        print(row)
    bare_rate, _ = await run_bare(users, updates)
    coach_rate, _ = await run_coach(users, updates)
    print(f"4. {users} students x {updates} updates at once (/help and onboarding steps)")
    print(f"  bare PTB reply handler {bare_rate:8.1f} updates/s")
    print(f"  networking coach       {coach_rate:8.1f} updates/s   ({coach_rate / bare_rate:.2f}x)")
    print(f"total {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="0,2000,10000", help="comma-separated sizes")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.students.split(",") if s.strip()]
    if args.quick:
        sizes, args.repeats, args.users, args.updates = [0, 200], 3, 10, 6
    asyncio.run(main(sizes, args.repeats, args.users, args.updates))
