"""The real ``networking-coach`` command as a subprocess, for tests over loopback HTTP.

Its log is read line by line (nothing sleeps); a watchdog kills a process that hangs.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.http_bot_api import HTTPBotAPI

TIMEOUT = 30
SECRET = "test-secret_token"
TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtoken"
USER = 4242


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class BotProcess:
    """One run of the bot; ``env`` adds to (or overrides) the settings every run gets."""

    def __init__(
        self,
        data_dir: Path,
        api: HTTPBotAPI,
        *,
        webhook: bool,
        port: int,
        env: Mapping[str, str] = {},
        watchdog_seconds: float = TIMEOUT * 2,
    ) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        settings = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(data_dir),
            "DATA_DIR": str(data_dir),
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),  # this checkout's bot
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": api.base_url,
            "HTTP_PORT": str(port),
            "WEBHOOK_SECRET_TOKEN": SECRET,
            "LOG_LEVEL": "INFO",
            **env,
        }
        args = [sys.executable, "-m", "bot"]
        if webhook:
            settings["WEBHOOK_URL"] = "https://coach.example.edu"
            args.append("--webhook")
        self.port = port
        self.process = subprocess.Popen(
            args,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=settings,
            cwd=data_dir,
        )
        self.log: list[str] = []
        watchdog = threading.Timer(watchdog_seconds, self.process.kill)
        watchdog.daemon = True
        watchdog.start()

    def read_until(self, marker: str) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            if marker in line:
                return
        pytest.fail(f"{marker!r} never logged:\n{''.join(self.log)}")

    def post(self, update: dict[str, Any], secret: str | None = SECRET) -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/telegram",
            data=json.dumps(update).encode(),
            headers={"Content-Type": "application/json"},
        )
        if secret is not None:
            request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    def get(self, path: str) -> tuple[int, dict[str, Any]]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as r:
                return int(r.status), json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return int(exc.code), json.loads(exc.read())

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(TIMEOUT)
        if self.process.stderr is not None:
            self.log.extend(self.process.stderr.readlines())


_ids = count(1)


def press(shown: dict[str, Any], data: str) -> dict[str, Any]:
    update_id = next(_ids)
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"q{update_id}",
            "from": {"id": USER, "is_bot": False, "first_name": "Kim"},
            "chat_instance": str(USER),
            "message": shown,
            "data": data,
        },
    }


def message(text: str) -> dict[str, Any]:
    update_id = next(_ids)
    entities = (
        [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if text.startswith("/")
        else []
    )
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_800_000_000,
            "chat": {"id": USER, "type": "private", "first_name": "Kim"},
            "from": {"id": USER, "is_bot": False, "first_name": "Kim"},
            "text": text,
            **({"entities": entities} if entities else {}),
        },
    }
