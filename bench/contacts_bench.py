"""Latency of the contact operations a student feels, at 100, 1,000 and 2,000 contacts.

Run:  .venv/bin/python bench/contacts_bench.py

Uses the real ``TinyDBStore`` in a temporary folder (so every write pays for its durable commit)
and a fixed clock. Each size is seeded with one ``add_many`` batch (not timed) of varied contacts,
then each operation is repeated and its median and p99 reported in milliseconds. "list first page"
and "search" reuse the repository's parsed-contacts cache; "list after edit" times the first list
right after a write (cache invalidated), the cold path. Takes well under a minute and a half.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.clock import FixedClock
from bot.features.contacts.domain import ContactDraft, Stage, circles
from bot.features.contacts.repository import ContactRepository
from bot.store.tinydb_store import TinyDBStore

SIZES = (100, 1_000, 2_000)
REPEATS = {
    "add one": 40,
    "list first page": 60,
    "list after edit": 30,
    "search": 60,
    "open card": 100,
}
USER = 1

FIRST = [
    "Maria",
    "Ben",
    "Chloe",
    "Dan",
    "Eve",
    "Farah",
    "José",
    "Kim",
    "Liam",
    "Noor",
    "Omar",
    "Priya",
    "Sam",
    "Tara",
    "Yuki",
    "Zoë",
]
LAST = [
    "Lopez",
    "Ng",
    "Park",
    "Wu",
    "Li",
    "Haddad",
    "Pérez",
    "Kim",
    "Murphy",
    "Rahman",
    "Ali",
    "Shah",
    "Lee",
    "Singh",
    "Sato",
    "Brandt",
]
ORGS = [
    "Acme Robotics",
    "Globex",
    "Initech",
    "Umbrella Labs",
    "Stark Industries",
    "City Hospital",
    "SJSU",
]
ROLES = [
    "hardware engineer",
    "data scientist",
    "product manager",
    "nurse",
    "recruiter",
    "professor",
]
NOTES = [
    "met at the career fair",
    "knows people in robotics",
    "my cousin's manager",
    "",
    "alumni mixer, very friendly",
]
QUERIES = ["mria lopz", "acme", "robotics", "priya", "scientst", "cousin"]


def drafts(n: int, rng: random.Random) -> list[ContactDraft]:
    keys = [c.key for c in circles()]
    result = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        result.append(
            ContactDraft(
                name=name,
                circle=rng.choice(keys),
                organization=rng.choice(ORGS),
                role=rng.choice(ROLES),
                email=f"person{i}@example.com",
                notes=rng.choice(NOTES),
                stage=rng.choice(list(Stage)),
                last_interaction=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=i),
                source_id=f"s{i}",
                introduced_by=f"s{rng.randrange(i)}" if i and rng.random() < 0.3 else None,
            )
        )
    return result


async def timed(repeats: int, op: Callable[[int], Awaitable[object]]) -> list[float]:
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        await op(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def bench_size(n: int, root: Path) -> dict[str, list[float]]:
    rng = random.Random(n)
    clock = FixedClock(datetime(2025, 3, 14, 12, tzinfo=UTC))
    store = TinyDBStore(root)
    repo = ContactRepository(store, clock)
    saved = await repo.add_many(USER, drafts(n, rng))
    ids = [c.id for c in saved]

    async def add_one(i: int) -> object:
        clock.advance(minutes=1)
        return await repo.add(USER, ContactDraft(name=f"New Person {i}", organization="Acme"))

    async def list_after_edit(i: int) -> object:
        # A write just invalidated the parsed-contacts cache: the cold path a student hits first.
        await repo.log_interaction(USER, ids[i], "emailed")
        start = time.perf_counter()
        await repo.page(USER)
        return time.perf_counter() - start

    results = {
        "add one": await timed(REPEATS["add one"], add_one),
        "list first page": await timed(REPEATS["list first page"], lambda i: repo.page(USER)),
        "list after edit": [
            1000 * await list_after_edit(i) for i in range(REPEATS["list after edit"])
        ],
        "search": await timed(
            REPEATS["search"], lambda i: repo.page(USER, query=QUERIES[i % len(QUERIES)])
        ),
        "open card": await timed(REPEATS["open card"], lambda i: repo.card(USER, rng.choice(ids))),
    }
    await store.close()
    return results


async def main() -> None:
    began = time.perf_counter()
    print(f"{'contacts':>8}  {'operation':<16} {'median ms':>10} {'p99 ms':>9}  (n)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            results = await bench_size(n, Path(tmp) / str(n))
            for op, samples in results.items():
                med = statistics.median(samples)
                print(f"{n:>8}  {op:<16} {med:>10.2f} {p99(samples):>9.2f}  ({len(samples)})")
    print(f"total {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
