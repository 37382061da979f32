"""Start-up benchmark: how long the application takes to initialise over many students' files.

Run:  .venv/bin/python -m bench.startup [--users 2000]

Each student has a saved profile, scratch data and a conversation in progress, so start-up must
read every file once to restore where everyone was (see ``StorePersistence``).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bot.store.base import Transaction
from bot.store.tinydb_store import TinyDBStore
from tests.fakes.harness import start_harness, stop_harness


def _seed(user_id: int) -> object:
    def work(tx: Transaction) -> None:
        tx.set_value("profile", {"name": "Student", "onboarded": False})
        tx.set_value("ptb_user_data", {"onboarding_step": "degree"})
        tx.set_value("ptb_conversations", {"onboarding": {f"[{user_id}, {user_id}]": 0}})

    return work


async def main(users: int) -> None:
    """Seed ``users`` files, then time ``Application.initialize``."""
    with tempfile.TemporaryDirectory() as folder:
        store = TinyDBStore(Path(folder))
        await asyncio.gather(*(store.run(10_000 + n, _seed(10_000 + n)) for n in range(users)))
        started = time.perf_counter()
        harness = await start_harness(Path(folder), validate=False)
        elapsed = time.perf_counter() - started
        await stop_harness(harness)
    print(f"{users} students with a flow in progress: initialise in {elapsed:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=2000)
    asyncio.run(main(parser.parse_args().users))
