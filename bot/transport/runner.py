"""Running against Telegram: polling or webhook, with an orderly SIGTERM in both.

Start-up replays whatever a previous run accepted but never finished. On SIGTERM (or SIGINT)
the order is: stop taking updates (close the webhook server / stop polling), let updates in
flight finish within ``SHUTDOWN_GRACE`` seconds, flush persistence, close the store. An update
still unfinished at the end stays in the inbox and is processed after the restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from datetime import UTC, datetime

from telegram import Update
from telegram.ext import Application, TypeHandler

from bot.settings import Settings
from bot.store.base import Store
from bot.transport.dispatch import Dispatcher, skip_replayed
from bot.transport.health import Heartbeats, Readiness
from bot.transport.inbox import Inbox, UpdateQueue
from bot.transport.polling import poll
from bot.transport.webhook import Server, build_server, build_web_app

log = logging.getLogger(__name__)

# Only what the coach handles: edits, channel posts and the like are never even fetched.
# MY_CHAT_MEMBER tells us a student blocked or unblocked the bot (nudges pause and resume).
ALLOWED_UPDATES = (Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER)
DEFAULT_HTTP_PORT = 8080


def _install_stop(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


async def serve(
    settings: Settings,
    app: Application,  # type: ignore[type-arg]
    store: Store,
    *,
    webhook: bool,
    stop: asyncio.Event | None = None,
    inbox: UpdateQueue | None = None,
    adopt_every: float | None = None,
) -> None:
    """Serve until SIGTERM/SIGINT (or ``stop``), then shut down without losing an update.

    Replicas pass the ``inbox`` they share in the database and ``adopt_every``: how often to take
    over what a replica that died had accepted and not finished (a single process only replays
    its own leftovers, at start-up).
    """
    stop = stop or asyncio.Event()
    _install_stop(stop)
    inbox = inbox or Inbox(settings.data_dir / "inbox")
    dispatcher = Dispatcher(app, inbox, answer_within=settings.callback_answer_within)
    app.add_handler(TypeHandler(Update, skip_replayed), group=-2)  # before the gate
    heartbeats: Heartbeats = app.bot_data["services"].heartbeats
    readiness = Readiness(
        settings.data_dir, app.bot.get_me, heartbeats, now=lambda: datetime.now(UTC)
    )
    secret = (
        settings.webhook_secret_token.get_secret_value()
        if settings.webhook_secret_token
        else secrets.token_urlsafe(32)  # we register the webhook ourselves, so we can choose
    )
    server: Server | None = None
    port = settings.http_port or (DEFAULT_HTTP_PORT if webhook else None)
    if port is not None:
        web = build_web_app(
            dispatcher=dispatcher if webhook else None,
            readiness=readiness,
            path=settings.webhook_path,
            secret_token=secret,
        )
        server = build_server(web, host=settings.http_host, port=port)
    try:
        async with app:
            await app.start()
            replayed = await dispatcher.replay()
            tasks: list[asyncio.Task[None]] = []
            if adopt_every:
                tasks.append(asyncio.create_task(_adopt(dispatcher, stop, adopt_every)))
            if server is not None:
                tasks.append(asyncio.create_task(server.serve(), name="http"))
                while not server.started and not tasks[-1].done():  # noqa: ASYNC110 - uvicorn has no event
                    await asyncio.sleep(0.02)  # bound before Telegram is told where to call
            if webhook:
                url = (settings.webhook_url or "").rstrip("/") + settings.webhook_path
                await app.bot.set_webhook(
                    url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)
                )
                log.info("webhook.set port=%s replayed=%s", port, replayed)
            else:
                await app.bot.delete_webhook()
                tasks.append(
                    asyncio.create_task(
                        poll(app.bot, dispatcher, stop, allowed_updates=ALLOWED_UPDATES),
                        name="polling",
                    )
                )
                log.info("polling.start replayed=%s", replayed)
            stopping = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait([stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            log.info("shutdown.begin")
            stop.set()
            if server is not None:
                server.should_exit = True  # finishes the deliveries it is answering, then stops
            await asyncio.gather(*tasks, return_exceptions=True)
            await dispatcher.drain(settings.shutdown_grace)
            await app.stop()
            for task in done:
                if task is not stopping and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
    finally:
        await store.close()
        log.info("shutdown.done")


async def _adopt(dispatcher: Dispatcher, stop: asyncio.Event, every: float) -> None:
    """Now and then, process what dead replicas left unfinished (each update exactly once)."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
        if not stop.is_set():
            await dispatcher.replay()
