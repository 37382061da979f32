"""The /add flow's state: the draft so far and how it is being filled in, and how a student's
state from before the flow kit becomes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from bot.features.contacts.domain import ContactDraft
from bot.flow import FlowState
from bot.store.records import from_json

FIELDS = ("name", "circle", "organization", "role", "field", "email", "phone", "url", "notes")
Mode = Literal["guided", "shared", "fix"]


@dataclass(kw_only=True)
class Adding(FlowState):
    """The draft so far and how it is being filled in."""

    draft: ContactDraft = field(default_factory=ContactDraft)
    mode: Mode = "guided"
    queue: list[str] = field(default_factory=list)  # fields to ask after the current one
    total: int = 0  # questions in this run, for "2/5"
    twin: str = ""  # the look-alike's id while the student decides


def legacy(data: dict[str, Any]) -> Adding | None:
    """Before the flow kit the add flow kept ``contact_add``: the draft, a ``steps`` list whose
    head was the current field, and a ``mode`` (guided/shared/fix, or confirm/dup)."""
    old = data.pop("contact_add", None)
    if not isinstance(old, dict):
        return None
    try:
        draft = from_json(ContactDraft, old.get("draft") or {})
    except ValidationError:
        return None
    steps = [s for s in old.get("steps") or [] if s in FIELDS]
    mode = old.get("mode")
    state = Adding(draft=draft, total=int(old.get("total") or len(steps)))
    if mode in ("guided", "shared", "fix") and steps:
        state.mode, state.step, state.queue = mode, steps[0], steps[1:]
    elif mode == "dup" and old.get("dup"):
        state.step, state.twin = "duplicate", str(old["dup"])
    elif mode == "confirm":
        state.step = "confirm"
    else:
        return None
    return state
