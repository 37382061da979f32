#!/usr/bin/env python3
"""Set up and run the project with nothing but Python.

``python3 dev.py run`` starts the bot; ``python3 dev.py test`` runs lint, the type checker, the
Dockerfile linter and the whole suite.
The first run creates ``.venv`` and installs the pinned versions in ``requirements*.lock`` with
uv (a fast installer, itself fetched from PyPI by the venv's own pip); after that nothing is
installed again until ``pyproject.toml`` or a lock file changes. Set-up prints one line per
stage and keeps the installers' chatter in ``.venv/setup.log``, shown in full only on failure.
``python3 dev.py lock`` re-pins the lock files after a dependency change in ``pyproject.toml``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
LOG = VENV / "setup.log"
UV_VERSION = "0.13.9"
LOCKS = {"run": ROOT / "requirements.lock", "dev": ROOT / "requirements-dev.lock"}
EXTRAS = {"run": ".", "dev": ".[dev]"}


def _deps_hash() -> str:
    """The dependency lists in ``pyproject.toml``; the lock files record which they pin."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = [project.get("dependencies", []), project.get("optional-dependencies", {})]
    return hashlib.sha256(json.dumps(deps, sort_keys=True).encode()).hexdigest()[:16]


def _locks_current() -> bool:
    marker = f"# deps: {_deps_hash()}"
    return all(
        path.exists() and path.read_text(encoding="utf-8").startswith(marker)
        for path in LOCKS.values()
    )


def _compile_locks() -> None:
    """Pin both lock files from ``pyproject.toml`` (every platform, Python 3.11+)."""
    marker = f"# deps: {_deps_hash()} (python3 dev.py lock re-pins; commit both files)\n"
    commands = []
    for profile, path in LOCKS.items():
        extra = ["--extra", "dev"] if profile == "dev" else []
        commands.append(
            [
                str(BIN / "uv"),
                "pip",
                "compile",
                "-q",
                "pyproject.toml",
                *extra,
                "--universal",
                "--python-version",
                "3.11",
                "--no-header",
                "-o",
                str(path),
            ]
        )
    _stage("pinning dependencies (pyproject.toml changed)", *commands)
    for path in LOCKS.values():
        path.write_text(marker + path.read_text(encoding="utf-8"), encoding="utf-8")


def _digest() -> str:
    """What an install depends on: the project's metadata and both lock files."""
    h = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", *LOCKS.values()):
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:16]


def _stage(title: str, *commands: list[str]) -> None:
    """Run one set-up stage quietly: one line on screen, everything else in the log."""
    print(f"  {title} ...", end="", flush=True)
    started = time.monotonic()
    with LOG.open("a", encoding="utf-8") as log:
        for command in commands:
            log.write(f"\n$ {' '.join(command)}\n")
            log.flush()
            result = subprocess.run(
                command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False
            )
            if result.returncode != 0:
                print(" failed")
                sys.stderr.write(LOG.read_text(encoding="utf-8", errors="replace"))
                sys.exit(f"\nSet-up failed at: {title}. The full log is in {LOG}.")
    print(f" done ({time.monotonic() - started:.1f}s)", flush=True)


def _ensure_env(profile: str) -> None:
    """Create the virtual environment and install ``profile`` when its inputs changed.

    ``run`` is satisfied by either install (``dev`` is a superset), so switching between the
    two commands never reinstalls; only stamps of an older digest are removed.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any install
        sys.exit("Networking Coach needs Python 3.11 or newer.")
    digest = _digest()
    profiles = ("run", "dev") if profile == "run" else ("dev",)
    if _locks_current() and any((VENV / f".installed-{p}-{digest}").exists() for p in profiles):
        return
    started = time.monotonic()
    print(f"Setting up .venv for `{profile}` (log: {LOG.relative_to(ROOT)})", flush=True)
    if not (BIN / "python").exists():
        print("  creating the virtual environment ...", end="", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
        print(" done", flush=True)
    LOG.write_text("", encoding="utf-8")
    python = str(BIN / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    uv = BIN / "uv"
    if not uv.exists():
        _stage("fetching the installer (uv)", [*pip, "install", f"uv=={UV_VERSION}"])
    if not _locks_current():  # someone added a dependency without re-pinning: do it for them
        _compile_locks()
        digest = _digest()
    _stage(
        f"installing pinned dependencies ({LOCKS[profile].name})",
        [
            str(uv),
            "pip",
            "install",
            "--python",
            python,
            "-r",
            str(LOCKS[profile]),
            "-e",
            EXTRAS[profile],
        ],
    )
    for old in VENV.glob(".installed-*"):
        if not old.name.endswith(digest):
            old.unlink()
    (VENV / f".installed-{profile}-{digest}").touch()
    print(f"Ready in {time.monotonic() - started:.1f}s.", flush=True)


def _lock() -> int:
    """Re-pin both lock files from ``pyproject.toml`` now."""
    _ensure_env("dev")
    _compile_locks()
    print("Lock files updated; commit them with pyproject.toml.")
    return 0


def main(argv: list[str]) -> int:
    """Dispatch ``run`` (start the bot), ``test`` (lint, types, Dockerfile, the whole suite),
    ``lock`` (re-pin dependencies) or ``clean`` (remove .venv)."""
    command = argv[0] if argv else "run"
    rest = argv[1:]
    if command == "run":
        _ensure_env("run")
        return subprocess.call([str(BIN / "networking-coach"), *rest], cwd=ROOT)
    if command == "test":
        _ensure_env("dev")
        checked = ["bot", "tests", "bench", "evals", "tools", "dev.py"]
        lint = subprocess.call([str(BIN / "ruff"), "check", *checked], cwd=ROOT)
        lint = subprocess.call([str(BIN / "ruff"), "format", "--check", *checked], cwd=ROOT) or lint
        types = subprocess.call([str(BIN / "mypy")], cwd=ROOT)
        docker = subprocess.call([str(BIN / "hadolint"), "Dockerfile"], cwd=ROOT)
        tests = subprocess.call([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT)
        return lint or types or docker or tests
    if command == "lock":
        return _lock()
    if command == "clean":
        shutil.rmtree(VENV, ignore_errors=True)
        return 0
    print("usage: python3 dev.py [run|test|lock|clean] [args...]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
