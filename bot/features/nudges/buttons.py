"""The buttons under every nudge, as typed presses (see ``bot.flow.buttons``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.flow import Press

Action = Literal["done", "snooze1", "snooze7", "stop"]


@dataclass(frozen=True, slots=True)
class NudgeAction(Press, code="ng"):
    """Done, snooze one day or one week, or stop reminders about the nudge's contact."""

    action: Action
    nudge_id: str
