"""From the durable inbox to the application: each accepted update processed once.

This replaces PTB's ``update_queue`` fetcher for Telegram modes (polling and webhook) so that
an update's file is removed only after its handlers have run, and so that shutdown can wait for
updates in flight. A button press whose student is busy (a long import, a flood, a slow Claude
call) is answered after ``answer_within`` seconds anyway, so the phone stops spinning inside
Telegram's window; the handler's own answer later is dropped by :class:`CoachRateLimiter`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, CallbackContext

from bot.transport.inbox import UpdateQueue

log = logging.getLogger(__name__)


LAST_UPDATE = "_last_update_id"


async def skip_replayed(update: object, context: CallbackContext) -> None:  # type: ignore[type-arg]
    """First handler of every Telegram-mode update: drop a replay whose effects are committed.

    The inbox replays what was accepted but not marked done, and a crash can fall after the
    update's commit (its step, its answer) yet before that mark. Re-running it would apply the
    answer twice (the next field overwritten). The id of the last update handled is kept in the
    student's own state, so it is committed in the same write as everything the update changed:
    committed means done. Telegram's update ids only grow, so an id not above it is a replay.
    """
    if not isinstance(update, Update) or context.user_data is None:
        return
    if update.update_id <= int(context.user_data.get(LAST_UPDATE, 0)):
        log.info("update.already_committed update_id=%s", update.update_id)
        raise ApplicationHandlerStop
    context.user_data[LAST_UPDATE] = update.update_id


class Dispatcher:
    """Persists, schedules and completes updates; tracks what is in flight for shutdown."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        inbox: UpdateQueue,
        *,
        answer_within: float = 2.0,
    ) -> None:
        self._app = app
        self._inbox = inbox
        self._answer_within = answer_within
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False

    @property
    def in_flight(self) -> int:
        """Updates accepted and not yet finished."""
        return len(self._tasks)

    async def submit(self, data: dict[str, Any]) -> bool:
        """Persist ``data`` and schedule it; False for a duplicate (nothing is scheduled).

        Returns once the update is durable, so the caller may acknowledge it to Telegram.
        """
        if not await asyncio.to_thread(self._inbox.accept, data):
            log.info("update.duplicate update_id=%s", data.get("update_id"))
            return False
        self._schedule(data)
        return True

    async def replay(self) -> int:
        """Schedule what a previous run accepted but never finished; returns how many."""
        pending = await asyncio.to_thread(self._inbox.pending)
        for data in pending:
            log.info("update.replay update_id=%s", data.get("update_id"))
            self._schedule(data)
        return len(pending)

    async def drain(self, grace: float) -> None:
        """Let updates in flight finish (up to ``grace`` s); the rest stay pending for replay."""
        self._closing = True
        if self._tasks:
            log.info("shutdown.draining in_flight=%s", len(self._tasks))
            _, late = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in late:
                task.cancel()
            if late:
                log.warning("shutdown.left_pending count=%s", len(late))
                await asyncio.gather(*late, return_exceptions=True)

    def _schedule(self, data: dict[str, Any]) -> None:
        update = Update.de_json(data, self._app.bot)
        task = asyncio.create_task(self._process(update), name=f"update-{update.update_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _process(self, update: Update) -> None:
        early = None
        if update.callback_query is not None:
            early = asyncio.get_running_loop().call_later(
                self._answer_within, self._answer_early, update.callback_query.id
            )
        try:
            processor = self._app.update_processor
            with self._inbox.processing(update.update_id):
                await processor.process_update(update, self._app.process_update(update))
        except asyncio.CancelledError:
            raise  # shutting down: the file stays pending and is replayed after restart
        except Exception:
            log.exception("update.failed update_id=%s", update.update_id)
        finally:
            if early is not None:
                early.cancel()
        await asyncio.to_thread(self._inbox.complete, update.update_id)

    def _answer_early(self, query_id: str) -> None:
        task = asyncio.create_task(self._answer(query_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, query_id: str) -> None:
        with contextlib.suppress(TelegramError):
            await self._app.bot.answer_callback_query(query_id)
            log.info("callback.answered_early")
