"""How much one transaction costs as a user's file grows, against plain TinyDB JSONStorage.

Run: ``.venv/bin/python bench/store_bench.py`` (about half a minute).

Why: TinyDB's JSONStorage re-parses the whole file on every query, so its cost grows with the user's
data; ``TinyDBStore`` keeps the parsed file in memory and pays one atomic write per committing
transaction. Note the comparison favours JSONStorage on writes: it neither fsyncs nor writes via a
temp file, while every ``TinyDBStore`` commit does both (the price of never corrupting a file).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.store.tinydb_store import TinyDBStore

SIZES = (100, 1_000, 10_000)
SAMPLES = 200
USER = 1


def record(i: int) -> dict:
    return {
        "name": f"Contact {i}",
        "company": "Example Corp",
        "notes": "Met at the career fair; follow up about the summer internship. " * 2,
        "tags": ["alumni", "fintech"],
    }


def summary(samples: list[float]) -> tuple[float, float]:
    """Median and p99 in milliseconds."""
    ms = [s * 1000 for s in samples]
    return statistics.median(ms), statistics.quantiles(ms, n=100)[98]


async def bench_store(root: Path, size: int) -> tuple[list[float], list[float]]:
    store = TinyDBStore(root)
    ids = await store.run(
        USER, lambda tx: [tx.table("contacts").insert(record(i)) for i in range(size)]
    )
    inserts, reads = [], []
    for i in range(SAMPLES):
        start = time.perf_counter()
        await store.run(USER, lambda tx, i=i: tx.table("contacts").insert(record(size + i)))
        inserts.append(time.perf_counter() - start)
        wanted = random.choice(ids)
        start = time.perf_counter()
        await store.run(USER, lambda tx, w=wanted: tx.table("contacts").get(w))
        reads.append(time.perf_counter() - start)
    await store.close()
    return inserts, reads


def bench_plain(root: Path, size: int) -> tuple[list[float], list[float]]:
    db = TinyDB(root / "plain.json")
    table = db.table("contacts")
    table.insert_multiple(record(i) for i in range(size))
    inserts, reads = [], []
    for i in range(SAMPLES):
        start = time.perf_counter()
        table.insert(record(size + i))
        inserts.append(time.perf_counter() - start)
        wanted = random.randint(1, size)  # by doc_id: no query cache to flatter it
        start = time.perf_counter()
        table.get(doc_id=wanted)
        reads.append(time.perf_counter() - start)
    db.close()
    return inserts, reads


def row(label: str, timings: tuple[list[float], list[float]]) -> list[str]:
    inserts, reads = timings
    (im, ip), (rm, rp) = summary(inserts), summary(reads)
    return [label, f"{im:8.2f}", f"{ip:8.2f}", f"{rm:8.2f}", f"{rp:8.2f}"]


def main() -> None:
    random.seed(0)
    header = ["records / storage", "ins p50", "ins p99", "read p50", "read p99"]
    rows = []
    began = time.perf_counter()
    for size in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            rows.append(row(f"{size:>6} TinyDBStore", asyncio.run(bench_store(root, size))))
            rows.append(row(f"{size:>6} JSONStorage", bench_plain(root, size)))
    print(f"{SAMPLES} transactions each, latency in ms (TinyDBStore fsyncs; JSONStorage does not)")
    print(f"{header[0]:<20}" + "".join(f"{h:>10}" for h in header[1:]))
    for cells in rows:
        print(f"{cells[0]:<20}" + "".join(f"{c:>10}" for c in cells[1:]))
    print(f"total {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
