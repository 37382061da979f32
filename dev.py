#!/usr/bin/env python3
"""Set up and run the project with nothing but Python.

``python3 dev.py run`` starts the bot; ``python3 dev.py test`` runs lint and the whole suite. It
creates ``.venv`` on first use and reinstalls only when ``pyproject.toml`` changes, so a fresh
clone and a warm checkout take the same two commands.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _ensure_env(extras: str) -> None:
    """Create the virtual environment and install the project when its requirements changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any install
        sys.exit("Networking Coach needs Python 3.11 or newer.")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{digest[:16]}"
    if stamp.exists():
        return
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing dependencies (first run only) ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f".{extras}"], check=True, cwd=ROOT)
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()


def main(argv: list[str]) -> int:
    """Dispatch ``run`` (start the bot) or ``test`` (lint, types and the whole suite)."""
    command = argv[0] if argv else "run"
    rest = argv[1:]
    if command == "run":
        _ensure_env("")
        return subprocess.call([str(BIN / "networking-coach"), *rest], cwd=ROOT)
    if command == "test":
        _ensure_env("[dev]")
        lint = subprocess.call(
            [str(BIN / "ruff"), "check", "bot", "tests", "bench", "evals", "dev.py"], cwd=ROOT
        )
        types = subprocess.call([str(BIN / "mypy")], cwd=ROOT)
        tests = subprocess.call([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT)
        return lint or types or tests
    print("usage: python3 dev.py [run|test] [args...]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
