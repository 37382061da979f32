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


@dataclass(frozen=True, slots=True)
class CadenceMenu(Press, code="kt|m"):
    """How often to be reminded to keep in touch with this contact (from the contact's card)."""

    contact: str


@dataclass(frozen=True, slots=True)
class SetCadence(Press, code="kt|s"):
    """Keep in touch with this contact every ``days`` days (0: never)."""

    contact: str
    days: int
