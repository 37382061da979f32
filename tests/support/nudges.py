"""Builders for the nudge planning tests: a planner in Los Angeles at a fixed moment, a contact."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count
from zoneinfo import ZoneInfo

from bot.features.contacts.domain.records import Contact, Stage
from bot.features.nudges.domain.planning import Planner
from bot.features.nudges.domain.prefs import NudgePrefs

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # Friday 09:00 in Los Angeles
ids = count(1)


def planner(now: datetime = NOW, prefs: NudgePrefs | None = None) -> Planner:
    return Planner(prefs or NudgePrefs(), LA, now, lambda: f"n{next(ids)}")


def contact(stage: Stage = Stage.TO_CONTACT, circle: str = "alumni") -> Contact:
    return Contact(
        id="c1", name="Dana Lopez", created_at=NOW, updated_at=NOW, circle=circle, stage=stage
    )
