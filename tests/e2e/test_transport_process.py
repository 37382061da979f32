"""The real ``networking-coach`` process against a Bot API over loopback HTTP: webhook and
polling, SIGTERM mid-conversation, and SIGKILL between receiving an update and finishing it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.http_bot_api import HTTPBotAPI
from tests.support.bot_process import (
    SECRET,
    TIMEOUT,
    TOKEN,
    USER,
    BotProcess,
    free_port,
    message,
    press,
)


@pytest.fixture(autouse=True)
def no_network() -> None:
    """This module talks HTTP, but to loopback only: both processes live on this machine and
    the subprocess has no route anywhere else configured (TELEGRAM_BASE_URL is loopback)."""


@pytest.fixture
def api() -> Iterator[HTTPBotAPI]:
    with HTTPBotAPI() as fake:
        yield fake


class Bot(BotProcess):
    """The bot as Telegram's side sees it, given 20 s to finish in-flight work on SIGTERM."""

    def __init__(self, data_dir: Path, api: HTTPBotAPI, *, webhook: bool, port: int) -> None:
        super().__init__(data_dir, api, webhook=webhook, port=port, env={"SHUTDOWN_GRACE": "20"})


def healthcheck(port: int) -> int:
    env = {"PATH": os.environ.get("PATH", ""), "HTTP_HOST": "0.0.0.0", "HTTP_PORT": str(port)}
    return subprocess.call([sys.executable, "-m", "bot.healthcheck"], env=env, timeout=TIMEOUT)


def test_the_dockerfile_runs_the_entry_points_tested_here() -> None:
    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text(encoding="utf-8")
    assert 'ENTRYPOINT ["python", "-m", "bot"]' in dockerfile  # as Bot(...) starts it
    assert 'CMD ["python", "-m", "bot.healthcheck"]' in dockerfile  # as healthcheck() runs it
    assert "USER 10001" in dockerfile and 'VOLUME ["/data"]' in dockerfile


def test_webhook_secret_duplicates_health_and_sigkill_replay(tmp_path: Path, api) -> None:
    port = free_port()
    bot = Bot(tmp_path, api, webhook=True, port=port)
    try:
        bot.read_until("webhook.set")
        assert api.webhook is not None
        assert api.webhook["url"] == "https://coach.example.edu/telegram"
        assert api.webhook["secret_token"] == SECRET
        assert bot.get("/healthz") == (200, {"status": "ok"})
        assert healthcheck(port) == 0  # what the container's HEALTHCHECK runs
        status, ready = bot.get("/readyz")
        assert status == 200, ready
        assert ready["checks"] == {"storage": True, "bot_api": True, "sweeps": True}

        # Without the secret token (or with a wrong one): refused, and nothing is processed.
        assert bot.post(message("/help"), secret=None) == 403
        assert bot.post(message("/help"), secret="wrong") == 403

        # The same delivery twice (Telegram retries when our 200 got lost): processed once.
        start = message("/start")
        assert bot.post(start) == 200
        assert bot.post(start) == 200
        assert api.wait_for(lambda: any("1/5" in t for t in api.texts(USER)))
        assert bot.post(message("Kim Park")) == 200
        assert api.wait_for(lambda: any("2/5" in t for t in api.texts(USER)))
        # Press "Skip" on 2/5, and hold the bot's answer to the press: the update is accepted
        # and being handled, nothing of it committed yet...
        question = api.last_with(USER, "2/5")
        skip = next(b for b in question.buttons if b["text"].endswith("Skip"))
        api.hold(lambda method, params: method == "answerCallbackQuery", drop=True)
        assert bot.post(press(question.to_api(), str(skip["callback_data"]))) == 200
        assert api.held.wait(TIMEOUT)
        bot.process.send_signal(signal.SIGKILL)  # ...and the process dies right there.
        bot.process.wait(TIMEOUT)
    finally:
        bot.stop()
    assert sum("1/5" in t for t in api.texts(USER)) == 1, api.texts(USER)
    assert not any("3/5" in t for t in api.texts(USER))
    api.release()

    again = Bot(tmp_path, api, webhook=True, port=port)
    try:
        again.read_until("webhook.set")
        # The interrupted press was replayed from the inbox: answered, and the next question.
        assert api.wait_for(lambda: any("3/5" in t for t in api.texts(USER)))
        assert bot.post(message("machine learning for health")) == 200
        assert api.wait_for(lambda: any("4/5" in t for t in api.texts(USER)))
    finally:
        again.stop()
    saved = (tmp_path / "users" / f"{USER}.json").read_text(encoding="utf-8")
    assert "Kim Park" in saved and "machine learning for health" in saved
    log = "".join(bot.log + again.log)
    assert "update.duplicate" in log and "update.replay" in log
    assert TOKEN not in log and "Kim Park" not in log


def test_sigterm_in_polling_mode_finishes_the_update_in_flight(tmp_path: Path, api) -> None:
    bot = Bot(tmp_path, api, webhook=False, port=free_port())
    try:
        bot.read_until("polling.start")
        api.queue_update(message("/start"))
        assert api.wait_for(lambda: any("1/5" in t for t in api.texts(USER)))
        api.hold(lambda method, params: method == "sendMessage")
        api.queue_update(message("Kim Park"))
        assert api.held.wait(TIMEOUT)
        bot.process.send_signal(signal.SIGTERM)  # mid-update: the reply is still on its way
        bot.read_until("shutdown.draining")
        api.release()
        bot.read_until("shutdown.done")
        assert bot.process.wait(TIMEOUT) == 0
    finally:
        bot.stop()
    assert any("2/5" in t for t in api.texts(USER))

    again = Bot(tmp_path, api, webhook=False, port=free_port())
    try:
        again.read_until("polling.start")
        api.queue_update(message("MS Data Science"))
        assert api.wait_for(lambda: any("3/5" in t for t in api.texts(USER)))
    finally:
        again.stop()
    assert healthcheck(free_port()) == 1  # nothing listening there: unhealthy
    assert "update.replay" not in "".join(again.log)  # nothing was left half-done
    assert sum("2/5" in t for t in api.texts(USER)) == 1
