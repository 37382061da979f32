"""What the lazy ``anthropic`` import saves: start-up time and memory of the offline coach.

Run:  .venv/bin/python -m bench.llm_import [--runs 5]

Each run is a fresh interpreter that builds the whole application (as ``networking-coach`` does)
and reports its wall time and peak memory (max RSS): once without a key (the SDK is never
imported) and once with a key (the gateway, and with it the SDK, is loaded). Medians are shown.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

_PROGRAM = """
import json, resource, sys, time
start = time.perf_counter()
from bot.app import build_application, build_ledger
from bot.clock import SystemClock
from bot.llm import build_llm
from bot.localchat.botapi import LocalBotAPI
from bot.settings import load_settings
from bot.store.tinydb_store import TinyDBStore
settings = load_settings()
store = TinyDBStore(settings.data_dir)
clock = SystemClock()
ledger = build_ledger(settings, store, clock)
llm = build_llm(settings, ledger=ledger)
build_application(settings, store=store, llm=llm, clock=clock, request=LocalBotAPI(), ledger=ledger)
elapsed = time.perf_counter() - start
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "rss_mb": rss_mb, "sdk": "anthropic" in sys.modules}))
"""


def _run(key: str, data_dir: str) -> dict[str, float]:
    env = {**os.environ, "ANTHROPIC_API_KEY": key, "DATA_DIR": data_dir, "TELEGRAM_BOT_TOKEN": ""}
    out = subprocess.run(
        [sys.executable, "-c", _PROGRAM], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        rows = {}
        for label, key in (("offline (no key)", ""), ("with a key", "sk-bench-not-used")):
            runs = [_run(key, data_dir) for _ in range(args.runs)]
            rows[label] = (
                statistics.median(r["seconds"] for r in runs),
                statistics.median(r["rss_mb"] for r in runs),
                runs[0]["sdk"],
            )
    print(f"{'':18} {'start-up (s)':>13} {'peak RSS (MB)':>14}  anthropic imported")
    for label, (seconds, rss, sdk) in rows.items():
        print(f"{label:18} {seconds:13.2f} {rss:14.1f}  {sdk}")
    (off_s, off_mb, _), (on_s, on_mb, _) = rows.values()
    print(f"saved offline: {on_s - off_s:.2f} s and {on_mb - off_mb:.1f} MB")


if __name__ == "__main__":
    main()
