"""The real command, as a person runs it: local chat over stdin or polling a Bot API over HTTP,
killed with SIGKILL, restarted."""

from __future__ import annotations

import itertools
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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


# -- the real command against Telegram, killed the moment a reply arrives ------------------------


class FakeTelegram(ThreadingHTTPServer):
    """Just enough of the Bot API over HTTP for long polling, on loopback.

    ``kill_on`` makes the server SIGKILL the bot the moment a message containing that text
    arrives, before answering it: the instant the student's phone would show it.
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _BotAPIHandler)
        self.updates: queue.Queue[dict[str, Any]] = queue.Queue()
        self.sent: queue.Queue[str] = queue.Queue()
        self.generation = 0
        self.kill_on: str | None = None
        self.pid = 0
        self._ids = itertools.count(1)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/bot"

    def push(self, text: str, user_id: int = 1001) -> None:
        n = next(self._ids)
        message: dict[str, Any] = {
            "message_id": n,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Kim"},
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
        self.updates.put({"update_id": n, "message": message})

    def wait_for(self, marker: str) -> str:
        """The next message the bot sent that contains ``marker`` (a blocking wait, no sleep)."""
        while marker not in (text := self.sent.get(timeout=TIMEOUT)):
            pass
        return text

    def next_sent(self) -> str:
        return self.sent.get(timeout=TIMEOUT)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A killed bot leaves broken connections behind; that is the point, not an error."""


class _BotAPIHandler(BaseHTTPRequestHandler):
    server: FakeTelegram

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_POST(self) -> None:
        method = self.path.rsplit("/", 1)[-1]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
        result: Any = True
        if method == "getMe":
            result = {"id": 7000000001, "is_bot": True, "first_name": "Coach", "username": "c_bot"}
        elif method == "getUpdates":
            generation = self.server.generation
            try:
                update = self.server.updates.get(timeout=min(float(params.get("timeout", 0)), 2))
            except queue.Empty:
                result = []
            else:
                if generation != self.server.generation:  # asked by a process killed since
                    self.server.updates.put(update)
                    return
                result = [update]
        elif method == "sendMessage":
            text = params.get("text", "")
            if self.server.kill_on and self.server.kill_on in text:
                os.kill(self.server.pid, signal.SIGKILL)
                self.server.kill_on = None
                self.server.sent.put(text)
                return
            self.server.sent.put(text)
            result = {
                "message_id": 1_000_000 + len(text),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "text": text,
            }
        payload = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def start_polling(data_dir: Path, server: FakeTelegram) -> subprocess.Popen[str]:
    server.generation += 1
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(data_dir),
        "DATA_DIR": str(data_dir),
        "TELEGRAM_BOT_TOKEN": "123:abc",
        "TELEGRAM_BASE_URL": server.base_url,
        "PYTHONUNBUFFERED": "1",
    }
    log = (data_dir / f"bot-{server.generation}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=data_dir
    )
    server.pid = process.pid
    watchdog = threading.Timer(TIMEOUT, process.kill)
    watchdog.daemon = True
    watchdog.start()
    return process


def test_sigkill_the_instant_a_question_arrives_keeps_its_step(tmp_path: Path) -> None:
    """Issue 12, defect 3: the reply used to go out before the step was saved."""
    server = FakeTelegram()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        first = start_polling(tmp_path, server)
        try:
            server.push("/start")
            server.wait_for("1/5")
            server.push("Kim Park")
            server.wait_for("2/5")
            server.kill_on = "3/5"
            server.push("MS Data Science")
            server.wait_for("3/5")
            assert first.wait(TIMEOUT) == -signal.SIGKILL
        finally:
            first.kill()

        second = start_polling(tmp_path, server)
        try:
            server.push("machine learning for health")  # the answer to the 3/5 the phone shows
            assert "4/5" in server.next_sent()
        finally:
            second.kill()
            second.wait(TIMEOUT)
    finally:
        server.shutdown()
        server.server_close()
    saved = (tmp_path / "users" / "1001.json").read_text(encoding="utf-8")
    assert "MS Data Science" in saved and "machine learning for health" in saved
