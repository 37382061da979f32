"""A replica's composition: everything it shares comes from the database (built, never started)."""

from __future__ import annotations

from pathlib import Path

from bot.app import build_application
from bot.clock import SystemClock
from bot.llm.base import NoLLM
from bot.outbox import OutboxRateLimiter
from bot.replicas.pacing import SharedRateLimiter
from bot.replicas.wiring import open_replica
from bot.settings import Settings
from bot.transport.ratelimit import CoachRateLimiter


async def test_two_replicas_verify_each_others_buttons_and_share_one_rate(
    tmp_path: Path, postgres_url: str
) -> None:
    apps, replicas = [], []
    for name in ("a", "b"):
        replica = await open_replica(postgres_url)
        settings = Settings(
            _env_file=None,
            telegram_bot_token="123:abc",
            data_dir=tmp_path / name,  # each its own disk, as on two machines
            database_url=postgres_url,
        )
        app = build_application(
            settings,
            store=replica.store,
            llm=NoLLM(),
            clock=SystemClock(),
            secret=replica.secret,
            rate_limiter=replica.rate_limiter(),
        )
        apps.append(app)
        replicas.append(replica)
    try:
        codec_a = apps[0].bot_data["services"].codec
        codec_b = apps[1].bot_data["services"].codec
        pressed = codec_a.encode(1001, "menu", "pitch")
        assert codec_b.decode(1001, pressed) is not None  # sent by a, pressed on b
        assert not (tmp_path / "a" / "callback.secret").exists()  # no secret on local disk
        for app in apps:  # replies wait for the commit, then the shared overall budget
            outbox = app.bot.rate_limiter
            assert isinstance(outbox, OutboxRateLimiter)
            assert isinstance(outbox.inner, CoachRateLimiter)
            assert isinstance(outbox.inner._inner, SharedRateLimiter)
        assert replicas[0].boot != replicas[1].boot
        assert replicas[0].replicas.alive() == {replicas[0].boot, replicas[1].boot}
        assert replicas[0].store.state_shared_between_processes
    finally:
        for replica in replicas:
            await replica.close()
