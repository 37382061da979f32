"""Two real ``networking-coach`` processes over one PostgreSQL, receiving updates through their
webhooks as they would behind a reverse proxy: one student's updates split between them, a
duplicated ``update_id``, and a replica killed in the middle of a flow."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.fakes.http_bot_api import HTTPBotAPI
from tests.support.bot_process import TIMEOUT, TOKEN, USER, BotProcess, free_port, message


@pytest.fixture(autouse=True)
def no_network() -> None:
    """Loopback only, as in ``test_transport_process``: the processes and the fake Bot API all
    live on this machine, and PostgreSQL is reached through its Unix socket."""


@pytest.fixture
def api() -> Iterator[HTTPBotAPI]:
    with HTTPBotAPI() as fake:
        yield fake


class Replica(BotProcess):
    """One bot process in webhook mode with ``DATABASE_URL`` set."""

    def __init__(self, folder: Path, api: HTTPBotAPI, database_url: str) -> None:
        super().__init__(
            folder,
            api,
            webhook=True,
            port=free_port(),
            env={"DATABASE_URL": database_url},
            watchdog_seconds=TIMEOUT * 3,
        )


def asked(api: HTTPBotAPI, question: str) -> bool:
    return api.wait_for(lambda: any(question in t for t in api.texts(USER)))


def stored_profile(database_url: str) -> str:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT value::text FROM nc_values WHERE user_id = %s", (USER,))
        return " ".join(r[0] for r in rows)


def test_two_replicas_share_one_student_then_one_dies_mid_flow(
    tmp_path: Path, api: HTTPBotAPI, postgres_url: str
) -> None:
    a = Replica(tmp_path / "a", api, postgres_url)
    b = Replica(tmp_path / "b", api, postgres_url)
    try:
        a.read_until("webhook.set")
        b.read_until("webhook.set")

        # One student's updates alternate between the replicas, each answered in order.
        assert a.post(message("/start")) == 200
        assert asked(api, "1/5")
        name = message("Kim Park")
        assert b.post(name) == 200
        assert asked(api, "2/5")
        # Telegram re-delivers the same update, this time to the other replica: a no-op.
        assert a.post(name) == 200
        assert a.post(message("MS Data Science")) == 200
        assert asked(api, "3/5")
        assert sum("2/5" in t for t in api.texts(USER)) == 1, api.texts(USER)

        # Replica a dies while its reply to the next answer is on the wire (after its commit).
        api.hold(lambda method, params: method == "sendMessage")
        assert a.post(message("robotics")) == 200
        assert api.held.wait(TIMEOUT)
        a.process.send_signal(signal.SIGKILL)
        a.process.wait(TIMEOUT)
        api.release()

        # The student carries on with replica b, one step further on, nothing applied twice.
        assert b.post(message("Internship")) == 200
        assert asked(api, "5/5")
        assert b.post(message("San Jose")) == 200
        assert asked(api, "You're all set, Kim!")
    finally:
        a.stop()
        b.stop()
    profile = stored_profile(postgres_url)
    for answer in ("Kim Park", "MS Data Science", "robotics", "Internship"):
        assert profile.count(answer) == 1, profile
    log = "".join(a.log + b.log)
    assert "update.duplicate" in log
    assert TOKEN not in log and "Kim Park" not in log
