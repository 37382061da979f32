"""The sweep: one periodic job that finds who is due in the due-index and delivers to them.

No scheduler job per nudge (they would not survive a restart and 10,000 of them cost memory); the
stored nudges are the truth and the index says whose data to open. Each run reads the time from
the injected clock, so a bot started after its machine's clock moved on (or after ``:time +7d`` in
the local chat) delivers everything that fell due meanwhile, bundled, on its first run.

Per student: claim (lease) -> wait for a send slot -> send -> record the message id. The crash
policies for a claim that is never recorded are in ``domain/claims.py``.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter, TelegramError

from bot.clock import Clock
from bot.features.contacts.domain.records import Stage
from bot.features.contacts.repository import ContactRepository
from bot.features.nudges.compose import compose
from bot.features.nudges.limiter import Limiter
from bot.features.nudges.repository import NudgeRepository
from bot.render.callbacks import CallbackCodec
from bot.render.html import split_message
from bot.render.keyboards import keyboard
from bot.store.due_index import IndexedStore

log = logging.getLogger(__name__)

SWEEP_EVERY_SECONDS = 30
WORKERS = 16


@dataclass(slots=True)
class SweepReport:
    """What one run did (for logs, tests and the benchmark)."""

    students: int = 0
    messages: int = 0
    blocked: int = 0
    deferred: int = 0
    uncertain: int = 0
    failures: list[str] = field(default_factory=list)


class Sweeper:
    """Finds due students and delivers their nudges, within Telegram's limits."""

    def __init__(
        self,
        *,
        store: IndexedStore,
        nudges: NudgeRepository,
        contacts: ContactRepository,
        clock: Clock,
        codec: CallbackCodec,
        limiter: Limiter,
        workers: int = WORKERS,
        boot: str | None = None,
        live: Callable[[], set[str]] | None = None,
    ) -> None:
        self._store = store
        self._nudges = nudges
        self._contacts = contacts
        self._clock = clock
        self._codec = codec
        self.limiter = limiter
        self._workers = workers
        # Alone, claims by any other boot are known to be dead; replicas name themselves (the id
        # they registered in the database) and ask which others are still running (``live``).
        self.boot = boot or secrets.token_hex(4)
        self._live = live
        self._running: frozenset[str] = frozenset()
        self._busy = asyncio.Lock()
        self._checked_index = False

    @property
    def busy(self) -> bool:
        """Whether a pass is running now."""
        return self._busy.locked()

    async def job(self, context: Any) -> None:
        """The JobQueue callback; a run still going (a big backlog) makes this tick a no-op."""
        if self._busy.locked():
            return
        await self.run_once(context.bot)

    async def run_once(self, bot: Bot) -> SweepReport:
        """Deliver everything due at the clock's current time."""
        async with self._busy:
            if not self._checked_index:
                self._checked_index = True
                if getattr(self._store.index, "created", False):
                    rebuilt = await self._store.rebuild()
                    log.info("due-index rebuilt: %d students with pending nudges", rebuilt)
            now = self._clock.now()
            if self._live is not None:
                self._running = frozenset(await asyncio.to_thread(self._live))
            due = await asyncio.to_thread(self._store.index.due, int(now.timestamp()), 1_000_000)
            report = SweepReport(students=len(due))
            queue: asyncio.Queue[int] = asyncio.Queue()
            for user_id in due:
                queue.put_nowait(user_id)

            async def worker() -> None:
                while not queue.empty():
                    user_id = queue.get_nowait()
                    try:
                        await self._deliver(bot, user_id, report)
                    except Exception as exc:  # one student's problem never stops the others
                        log.exception("nudge delivery failed for user %s", user_id)
                        report.failures.append(f"{user_id}: {exc!r}")

            await asyncio.gather(*(worker() for _ in range(min(self._workers, len(due)) or 1)))
            return report

    async def _deliver(self, bot: Bot, user_id: int, report: SweepReport) -> None:
        now = self._clock.now()
        batch = await self._nudges.claim(user_id, now, self.boot, self._running)
        if batch is None:
            return
        pending = compose(batch, now)
        while pending:
            outgoing = pending[0]
            message_id = 0
            if not outgoing.html:  # about a contact deleted meanwhile: nothing left to say
                await self._nudges.drop(user_id, list(outgoing.nudge_ids), now, "contact gone")
                pending = pending[1:]
                continue
            pieces = split_message(outgoing.html)
            markup = keyboard(self._codec, user_id, outgoing.rows) if outgoing.rows else None
            try:
                for index, piece in enumerate(pieces):
                    await self.limiter.acquire(user_id)
                    sent = await bot.send_message(
                        user_id,
                        piece,
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup if index == len(pieces) - 1 else None,
                    )
                    message_id = sent.message_id
                    report.messages += 1
            except Forbidden:
                ids = [i for o in pending for i in o.nudge_ids]
                await self._nudges.release(
                    user_id, ids, now, "blocked by the student", blocked=True
                )
                log.info("user %s blocked the bot: nudges paused until they come back", user_id)
                report.blocked += 1
                return
            except RetryAfter as exc:
                wait = exc.retry_after
                self.limiter.pause(wait if isinstance(wait, int | float) else wait.total_seconds())
                ids = [i for o in pending for i in o.nudge_ids]
                await self._nudges.release(user_id, ids, now, "Telegram asked us to slow down")
                report.deferred += 1
                return
            except TelegramError as exc:
                # Unknown whether it arrived (a timeout) or refused: the claim stays and its lease
                # policy decides later, exactly as after a crash between send and record.
                log.warning("nudge send to user %s failed: %s", user_id, type(exc).__name__)
                report.uncertain += 1
                return
            no_reply = await self._nudges.record(user_id, list(outgoing.nudge_ids), message_id, now)
            for contact_id in no_reply:
                contact = await self._contacts.get(user_id, contact_id)
                if contact is not None and contact.stage is Stage.REQUEST_SENT:
                    await self._contacts.set_stage(
                        user_id, contact_id, Stage.NO_REPLY, note="No reply after a follow-up"
                    )
            pending = pending[1:]
