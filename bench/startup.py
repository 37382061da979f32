"""Start-up benchmark: the real command over N students' files, until ready for an update.

Run:  .venv/bin/python -m bench.startup [--users 2000]

The start-up part of ``bench.campus`` on its own (students made with the project's own code,
each with contacts and onboarding in progress; median of three launches).
"""

from __future__ import annotations

import argparse
import asyncio

from bench.campus import bench_startup


async def main(users: int) -> None:
    for row in await bench_startup([users]):
        print(row)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=2000)
    asyncio.run(main(parser.parse_args().users))
