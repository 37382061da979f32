"""/stats for career-center staff (``ADMIN_USER_IDS``): anonymous totals over a chosen period.

Nobody else learns the command exists beyond a one-line refusal. The figures are gathered off
the event loop (see :mod:`bot.features.admin.activity`) and shown with small counts blurred.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from telegram import Update
from telegram.ext import CommandHandler

from bot.features.admin.activity import all_activity
from bot.features.admin.domain.stats import COUNTED, period_start, shown, summarize
from bot.flow import CoachContext, Press, on_press, replace, say, say_template, user_id
from bot.flow.context import AnyHandler
from bot.render.messages import message
from bot.render.templates import render

log = logging.getLogger(__name__)
Period = Literal["7", "30", "90", "all"]


@dataclass(frozen=True, slots=True)
class StatsPeriod(Press, code="stats"):
    """Totals over the last N days, or all time."""

    days: Period


def _buttons() -> list[list[object]]:
    return [
        [
            StatsPeriod("7").button(message("admin.stats_7")),
            StatsPeriod("30").button(message("admin.stats_30")),
            StatsPeriod("90").button(message("admin.stats_90")),
            StatsPeriod("all").button(message("admin.stats_all")),
        ]
    ]


async def _render(context: CoachContext, days: Period) -> str:
    now = context.services.clock.now()
    since = period_start(days, now)
    stats = summarize(await all_activity(context.services), since, now)
    rows = [(message(f"admin.stat_{kind}"), shown(stats.counts[kind])) for kind in COUNTED]
    return render(
        "admin/stats.html.j2",
        days=days,
        since=since,
        until=now,
        students=shown(stats.students),
        active=shown(stats.active_students),
        rows=rows,
    )


async def stats(update: Update, context: CoachContext) -> None:
    """/stats [7|30|90|all]: the last 30 days unless told otherwise."""
    if not context.services.settings.is_admin(user_id(update)):
        await say(update, context, message("admin.stats_refused"))
        return
    log.info("stats.requested user=%s", user_id(update))
    days: Period = "30"
    if context.args and context.args[0] in ("7", "30", "90", "all"):
        days = context.args[0]  # type: ignore[assignment]
    await say(update, context, await _render(context, days), _buttons())  # type: ignore[arg-type]


@on_press(StatsPeriod)
async def stats_period(update: Update, context: CoachContext, press: StatsPeriod) -> None:
    """Another period, in place."""
    if not context.services.settings.is_admin(user_id(update)):
        await say(update, context, message("admin.stats_refused"))
        return
    await replace(update, context, await _render(context, press.days), _buttons())  # type: ignore[arg-type]


async def privacy(update: Update, context: CoachContext) -> None:
    """/privacy: what is stored, where, what goes to Anthropic, for how long, how to erase it."""
    settings = context.services.settings
    await say_template(
        update,
        context,
        "admin/privacy.html.j2",
        claude=settings.anthropic_api_key is not None,
        transcription=settings.transcribe_command is not None,
    )


def handlers() -> list[AnyHandler]:
    """Statistics for staff and the privacy notice for everyone."""
    return [
        CommandHandler("stats", stats),
        stats_period,
        CommandHandler("privacy", privacy),
    ]
