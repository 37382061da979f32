"""What one student can cost with every limit at its maximum, and what a hostile import does to
everyone else's latency.

Run:  .venv/bin/python bench/limits_bench.py

1. A student at MAX_CONTACTS (2,000) with every field at its longest (name 100, organisation,
   role and field 200, notes 2,000 characters): their file's size, the process's extra memory
   once their contacts are loaded, and the latency of /contacts for them.
2. A 100,000-row CSV (under the 5 MB MAX_IMPORT_BYTES) sent through the real dispatcher, while
   another student sends /help as fast as they are answered: their median and worst latency.
Real TinyDB store in a temporary folder, in-process Bot API, offline coach.
"""

from __future__ import annotations

import asyncio
import gc
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update

from bot.features.contacts.domain import ContactDraft
from bot.localchat.botapi import SentFile
from tests.fakes.harness import start_harness, stop_harness

MAX = 2_000


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def message(update_id: int, user_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_800_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "S"},
            "from": {"id": user_id, "is_bot": False, "first_name": "S"},
            **fields,
        },
    }


HELP = {"text": "/help", "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}


async def biggest_student(root: Path) -> None:
    h = await start_harness(root / "a", validate=False)
    services = h.app.bot_data["services"]
    drafts = [
        ContactDraft(
            name=f"{'N' * 90} {i:08d}",
            organization="O" * 200,
            role="R" * 200,
            field="F" * 200,
            notes="x" * 2000,
            email=f"person{i}@example.org",
            phone=f"+4930{i:08d}",
            url=f"https://example.org/{i}",
        )
        for i in range(MAX)
    ]
    await services.contacts.add_many(1, drafts)
    await stop_harness(h)
    size = (root / "a" / "users" / "1.json").stat().st_size
    gc.collect()
    before = rss_mb()
    h = await start_harness(root / "a", validate=False)
    chat = h.chat(user_id=1)
    timings = []
    for _ in range(5):
        t0 = time.perf_counter()
        await chat.send("/contacts")
        timings.append(time.perf_counter() - t0)
    after = rss_mb()
    await stop_harness(h)
    print(
        f"student at the limits: {MAX:,} contacts, file {size / 1e6:.1f} MB, "
        f"+{after - before:.0f} MB resident once loaded and listed, "
        f"/contacts first {timings[0] * 1000:.0f} ms, then median "
        f"{statistics.median(timings[1:]) * 1000:.0f} ms"
    )


async def hostile_import(root: Path) -> None:
    h = await start_harness(root / "b", validate=False)
    app = h.app
    body = "name,organization,email\n" + "".join(
        f"Person{i} Family{i % 977},Org {i % 101},p{i}@example.org\n" for i in range(100_000)
    )
    data = body.encode()
    file_id = h.api.upload(SentFile("huge.csv", data, "text/csv"))
    document = {"file_id": file_id, "file_unique_id": "u", "file_name": "huge.csv"}
    upload = Update.de_json(message(1, 10, document=document), app.bot)
    started = time.perf_counter()
    job = asyncio.create_task(
        app.update_processor.process_update(upload, app.process_update(upload))
    )
    latencies = []
    n = 2
    while not job.done():
        update = Update.de_json(message(n, 11, **HELP), app.bot)
        t0 = time.perf_counter()
        await app.update_processor.process_update(update, app.process_update(update))
        latencies.append(time.perf_counter() - t0)
        n += 1
    await job
    total = time.perf_counter() - started
    await stop_harness(h)
    latencies.sort()
    print(
        f"100,000-row import ({len(data) / 1e6:.1f} MB): {total:.1f} s for the importer; "
        f"another student got {len(latencies)} answers meanwhile, median "
        f"{statistics.median(latencies) * 1000:.0f} ms, p90 "
        f"{latencies[int(len(latencies) * 0.9)] * 1000:.0f} ms, worst {latencies[-1] * 1000:.0f} ms"
    )


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        await biggest_student(Path(tmp))
        await hostile_import(Path(tmp))


if __name__ == "__main__":
    asyncio.run(main())
