"""Replica benchmark: the real application over PostgreSQL, in one process and then in two.

Run:  .venv/bin/python -m bench.replicas [--users 50] [--updates 20] [--database-url URL]

Each simulated student sends ``--updates`` updates (/start, then /help alternating with onboarding
answers, as ``bench.roundtrip`` does) through the in-process Bot API; students run concurrently,
each student's updates in order. First one process serves all students, then two processes over
the same database serve half of them each, started together. Every update is a database
transaction under the student's advisory lock that reads the student's state and commits what
changed, exactly as in production with ``DATABASE_URL`` set.

The server is ``--database-url``, else ``TEST_DATABASE_URL``, else a throw-away cluster started
like the tests' (Debian's ``postgresql`` package); each run uses a fresh database. A benchmark,
not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.roundtrip import ANSWERS


def _worker(url: str, students: list[int], updates: int, ready: Any, go: Any, out: Any) -> None:
    """One replica: its own application, store and pool, serving ``students``."""
    asyncio.run(_serve(url, students, updates, ready, go, out))


async def _serve(
    url: str, students: list[int], updates: int, ready: Any, go: Any, out: Any
) -> None:
    from bot.store.postgres_store import PostgresStore
    from tests.fakes.harness import start_harness, stop_harness

    store = PostgresStore(url, max_size=20)
    await store.open()
    with tempfile.TemporaryDirectory() as tmp:
        harness = await start_harness(Path(tmp), validate=False, store=store)
        ready.set()
        await asyncio.to_thread(go.wait)
        started = time.time()

        async def drive(user_id: int) -> None:
            chat = harness.chat(user_id=user_id)
            await chat.send("/start")
            step = 0
            for i in range(updates - 1):
                if i % 2 == 0:
                    await chat.send("/help")
                else:
                    await chat.send(ANSWERS[step % len(ANSWERS)])
                    step += 1

        await asyncio.gather(*(drive(u) for u in students))
        out.put((started, time.time(), len(students) * updates))
        await stop_harness(harness)


def run(url: str, processes: int, users: int, updates: int) -> float:
    """Updates per second for ``users`` students shared among ``processes`` replicas."""
    ctx = mp.get_context("spawn")
    go, out = ctx.Event(), ctx.Queue()
    readies, workers = [], []
    base = 10_000 + secrets.randbelow(1_000_000) * 100
    for k in range(processes):
        ready = ctx.Event()
        students = [base + n for n in range(users) if n % processes == k]
        worker = ctx.Process(target=_worker, args=(url, students, updates, ready, go, out))
        worker.start()
        readies.append(ready)
        workers.append(worker)
    for ready in readies:
        ready.wait(120)
    go.set()
    results = [out.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(60)
    begin = min(r[0] for r in results)
    end = max(r[1] for r in results)
    return sum(r[2] for r in results) / (end - begin)


@contextlib.contextmanager
def _database(url: str | None) -> Iterator[str]:
    import psycopg

    from tests.support.postgres import _own_cluster, _with_database

    with contextlib.ExitStack() as stack:
        server = url or os.environ.get("TEST_DATABASE_URL")
        if not server:
            server = stack.enter_context(_own_cluster())
            if server is None:
                raise SystemExit("no PostgreSQL: pass --database-url or install postgresql")
        name = f"nc_bench_{secrets.token_hex(4)}"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield _with_database(server, name)
        finally:
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with _database(args.database_url) as url:
        from bot.store.postgres_store import PostgresStore

        async def migrate() -> None:  # once, so neither timed run pays for the schema
            store = PostgresStore(url)
            await store.open()
            await store.close()

        asyncio.run(migrate())
        one = run(url, 1, args.users, args.updates)
        two = run(url, 2, args.users, args.updates)
    print(f"{args.users} students x {args.updates} updates, PostgreSQL, in-process Bot API")
    print(f"  1 replica:  {one:8.1f} updates/s")
    print(f"  2 replicas: {two:8.1f} updates/s  ({two / one:.2f}x; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
