"""Wiring the sweep into an application: one repeating JobQueue job, nothing per nudge."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from telegram.ext import Application

from bot.features.nudges.limiter import Limiter, Pace, RealPace, SendLimiter
from bot.features.nudges.sweep import SWEEP_EVERY_SECONDS, Sweeper
from bot.services import Services
from bot.store.due_index import IndexedStore


def install(
    app: Application,  # type: ignore[type-arg]
    services: Services,
    store: IndexedStore,
    *,
    pace: Pace | None = None,
    per_second: float = 25.0,
    limiter: Limiter | None = None,
    boot: str | None = None,
    live: Callable[[], set[str]] | None = None,
) -> Sweeper:
    """Build the sweeper and schedule it (first run a second after start-up); replicas pass
    the ``limiter`` they share, so all of them together keep one budget."""
    sweeper = Sweeper(
        store=store,
        nudges=services.nudges,
        contacts=services.contacts,
        clock=services.clock,
        codec=services.codec,
        limiter=limiter or SendLimiter(pace or RealPace(), per_second=per_second),
        boot=boot,
        live=live,
    )
    app.bot_data["sweeper"] = sweeper
    # /readyz fails when no sweep pass has finished for ten intervals (a stuck or dead sweep).
    heartbeats = services.heartbeats
    heartbeats.expect("nudges", timedelta(seconds=10 * SWEEP_EVERY_SECONDS), services.clock.now())

    async def job(context: Any) -> None:
        if sweeper.busy:  # a pass still running: it beats when it ends, a stuck one never does
            return
        await sweeper.job(context)
        heartbeats.beat("nudges", services.clock.now())

    if app.job_queue is not None:
        app.job_queue.run_repeating(job, interval=SWEEP_EVERY_SECONDS, first=1, name="nudge-sweep")
    return sweeper
