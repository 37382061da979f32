"""Wiring the sweep into an application: one repeating JobQueue job, nothing per nudge."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram.ext import Application

from bot.features.nudges.limiter import Pace, RealPace, SendLimiter
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
) -> Sweeper:
    """Build the sweeper and schedule it (first run a second after start-up)."""
    sweeper = Sweeper(
        store=store,
        nudges=services.nudges,
        contacts=services.contacts,
        clock=services.clock,
        codec=services.codec,
        limiter=SendLimiter(pace or RealPace(), per_second=per_second),
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
