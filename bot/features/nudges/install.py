"""Wiring the sweep into an application: one repeating JobQueue job, nothing per nudge."""

from __future__ import annotations

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
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            sweeper.job, interval=SWEEP_EVERY_SECONDS, first=1, name="nudge-sweep"
        )
    return sweeper
