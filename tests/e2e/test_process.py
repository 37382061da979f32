"""The real command, as a person runs it: local chat over stdin, killed with SIGKILL, restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

TIMEOUT = 30


def start(data_dir: Path) -> subprocess.Popen[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(data_dir),
        "DATA_DIR": str(data_dir),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=data_dir,
    )
    # A watchdog, not a wait: if the chat stalls, killing it ends the blocking read with EOF.
    watchdog = threading.Timer(TIMEOUT, process.kill)
    watchdog.daemon = True
    watchdog.start()
    return process


def read_until(process: subprocess.Popen[str], marker: str) -> str:
    """Read output until ``marker`` appears (a blocking read, no sleeping)."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if marker in line:
            return "".join(seen)
    pytest.fail(f"{marker!r} never appeared; output was:\n{''.join(seen)}")


def type_line(process: subprocess.Popen[str], text: str) -> None:
    assert process.stdin is not None
    process.stdin.write(text + "\n")
    process.stdin.flush()


def test_local_chat_runs_onboarding(tmp_path: Path) -> None:
    process = start(tmp_path)
    try:
        read_until(process, "local chat")
        type_line(process, "/start")
        read_until(process, "1/5")
        type_line(process, "Maya Chen")
        read_until(process, "2/5")
        type_line(process, "2")  # the second button: Finish later
        out = read_until(process, "You're all set, Maya!")
        assert "Traceback" not in out
        type_line(process, ":quit")
        assert process.wait(TIMEOUT) == 0
    finally:
        process.kill()


def test_sigkill_mid_flow_loses_nothing(tmp_path: Path) -> None:
    first = start(tmp_path)
    try:
        read_until(first, "local chat")
        type_line(first, "/start")
        read_until(first, "1/5")
        type_line(first, "Kim Park")
        read_until(first, "2/5")
        type_line(first, "MS Data Science")
        read_until(first, "3/5")
        first.send_signal(signal.SIGKILL)
        first.wait(TIMEOUT)
    finally:
        first.kill()

    second = start(tmp_path)
    try:
        read_until(second, "local chat")
        type_line(second, "machine learning for health")
        read_until(second, "4/5")  # the same conversation, one step on: nothing was lost
        type_line(second, ":quit")
        assert second.wait(TIMEOUT) == 0
    finally:
        second.kill()
    saved = (tmp_path / "users" / "1001.json").read_text(encoding="utf-8")
    assert "Kim Park" in saved and "MS Data Science" in saved
    assert "machine learning for health" in saved
