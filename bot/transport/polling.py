"""Long polling that acknowledges an update only after it is in the durable inbox.

PTB's ``Updater`` hands updates to a queue in memory and confirms them with the next
``getUpdates`` offset straight away. Here the next offset is asked for only once every update
of the previous batch has been written to disk, so a crash at any point leaves each update
either pending in the inbox or still unconfirmed at Telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from telegram import Bot
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.transport.dispatch import Dispatcher

log = logging.getLogger(__name__)


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def poll(
    bot: Bot,
    dispatcher: Dispatcher,
    stop: asyncio.Event,
    *,
    allowed_updates: Sequence[str],
    long_poll: int = 30,
) -> None:
    """Fetch, persist, then confirm, until ``stop`` is set."""
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        fetch = asyncio.create_task(
            bot.get_updates(
                offset=offset,
                timeout=long_poll,
                allowed_updates=list(allowed_updates),
                read_timeout=long_poll + 10,
            )
        )
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():  # shutting down: whatever it would fetch stays unconfirmed
            fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await fetch
            break
        try:
            updates = fetch.result()
        except InvalidToken:
            raise
        except RetryAfter as exc:
            await _wait(stop, exc._retry_after.total_seconds())
            continue
        except (TimedOut, NetworkError, Conflict) as exc:
            log.warning("polling.error kind=%s backoff=%.0fs", type(exc).__name__, backoff)
            await _wait(stop, backoff)
            backoff = min(backoff * 2, 30.0)
            continue
        backoff = 1.0
        for update in updates:
            await dispatcher.submit(update.to_dict())
            offset = update.update_id + 1
