"""``networking-coach``: Telegram (polling, or ``--webhook``) with a token, the local chat without.

``networking-coach --healthcheck`` asks a running instance's ``/healthz`` and exits 0 or 1 (as
``python -m bot.healthcheck`` does, more cheaply, for the container's HEALTHCHECK).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.app import build_application, build_ledger
from bot.clock import ShiftableClock, SystemClock
from bot.healthcheck import check
from bot.llm import build_llm
from bot.localchat.botapi import LocalBotAPI
from bot.localchat.terminal import run_terminal
from bot.replicas.wiring import Replica, open_replica
from bot.settings import ConfigError, Settings, configure_logging, load_settings
from bot.store.base import Store
from bot.store.tinydb_store import TinyDBStore
from bot.transport.runner import DEFAULT_HTTP_PORT, serve

log = logging.getLogger("bot")

#: How often a replica looks for updates that a replica which died had accepted, not finished.
ADOPT_EVERY_SECONDS = 10.0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="networking-coach", description=__doc__)
    parser.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates on WEBHOOK_URL (served on HTTP_HOST:HTTP_PORT) instead of polling",
    )
    parser.add_argument(
        "--healthcheck", action="store_true", help="exit 0 if the running bot answers /healthz"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Read settings, then run against Telegram or in the terminal."""
    args = _arguments(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        sys.exit(f"networking-coach: configuration error: {exc}")
    if args.healthcheck:
        sys.exit(_healthcheck(settings))
    configure_logging(settings)
    webhook = args.webhook or settings.webhook_url is not None
    if webhook and settings.webhook_url is None:
        sys.exit("networking-coach: configuration error: --webhook needs WEBHOOK_URL")
    if settings.telegram_mode:
        asyncio.run(_run_telegram(settings, webhook=webhook))
    elif webhook:
        sys.exit("networking-coach: configuration error: webhook mode needs TELEGRAM_BOT_TOKEN")
    else:
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
        asyncio.run(_run_local(settings))


def _healthcheck(settings: Settings) -> int:
    return 0 if check(settings.http_host, settings.http_port or DEFAULT_HTTP_PORT) else 1


async def _run_telegram(settings: Settings, *, webhook: bool) -> None:
    clock = SystemClock()
    replica = await _open_replica(settings)
    store: Store = (
        replica.store
        if replica
        else TinyDBStore(settings.data_dir, max_stored_bytes=settings.max_stored_bytes)
    )
    ledger = build_ledger(settings, store, clock)
    llm = build_llm(settings, ledger=ledger)
    app = build_application(
        settings,
        store=store,
        llm=llm,
        clock=clock,
        ledger=ledger,
        **(replica.application_parts() if replica else {}),
    )

    async def close_llm(_: object) -> None:
        await llm.close()

    app.post_shutdown = close_llm
    claude = (
        f"on (coaching {settings.anthropic_model}, checks {settings.anthropic_check_model})"
        if settings.anthropic_api_key
        else "off (offline coach)"
    )
    log.info("start mode=%s claude=%s", "webhook" if webhook else "polling", claude)
    if replica is None:
        await serve(settings, app, store, webhook=webhook)
        return
    try:  # the update queue is the database's too, and dead replicas' leftovers are adopted
        await serve(
            settings,
            app,
            store,
            webhook=webhook,
            inbox=replica.inbox(),
            adopt_every=ADOPT_EVERY_SECONDS,
        )
    finally:
        await replica.close()


async def _run_local(settings: Settings) -> None:
    clock = ShiftableClock()  # ":time +7d" moves it
    replica = await _open_replica(settings)
    store: Store = (
        replica.store
        if replica
        else TinyDBStore(settings.data_dir, max_stored_bytes=settings.max_stored_bytes)
    )
    api = LocalBotAPI(clock=clock)
    ledger = build_ledger(settings, store, clock)
    llm = build_llm(settings, ledger=ledger)
    app = build_application(
        settings,
        store=store,
        llm=llm,
        clock=clock,
        request=api,
        ledger=ledger,
        **(replica.application_parts(telegram=False) if replica else {}),
    )
    try:
        await run_terminal(app, api, downloads=settings.data_dir / "downloads", clock=clock)
    finally:
        await llm.close()
        await (replica.close() if replica else store.close())


async def _open_replica(settings: Settings) -> Replica | None:
    """With ``DATABASE_URL``: this process as one replica over PostgreSQL (docs/scaling.md);
    students, the button secret and the send rate are shared through the database."""
    if settings.database_url is None:
        return None
    replica = await open_replica(
        settings.database_url.get_secret_value(),
        nudge_rate=settings.nudge_send_rate,
        max_stored_bytes=settings.max_stored_bytes,
    )
    log.info("Storage: PostgreSQL, replica %s", replica.boot)
    return replica


if __name__ == "__main__":
    main()
