"""Where a flow's typed state lives: one JSON-safe record per flow in the student's small state.

The record is the only copy of where the student stands: python-telegram-bot's in-memory
conversation state is restored from it before each update (see :meth:`Flow.restore`), so a
paused flow resumes at its step, a restart loses nothing, and a second process reading the same
state (issue 14) sees the same step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

log = logging.getLogger(__name__)
FLOWS_KEY = "flows"


@dataclass(kw_only=True)
class FlowState:
    """Base of every flow's state: the step the student is on and whether the flow is open.

    ``active`` is False for a paused flow (``/cancel``, another command): its command resumes it,
    but free text no longer goes to it.
    """

    step: str = ""
    active: bool = False


S = TypeVar("S", bound=FlowState)


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    """One adapter per record type: building one compiles a validator, so it is kept."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def load_state(user_data: dict[str, Any], flow: str, kind: type[S]) -> S | None:
    """The stored state of ``flow``, or None when there is none or it no longer fits ``kind``."""
    record = user_data.get(FLOWS_KEY, {}).get(flow)
    if record is None:
        return None
    try:
        return _adapter(kind).validate_python(record)  # type: ignore[no-any-return]
    except ValidationError:
        # A shape from an older release that no migration covers: start that flow afresh
        # rather than fail every update of this student.
        log.warning("Dropping unreadable %s flow state", flow)
        user_data[FLOWS_KEY].pop(flow, None)
        return None


def save_state(user_data: dict[str, Any], flow: str, state: FlowState) -> None:
    """Store ``state`` as the flow's record (JSON-safe, so persistence can write it as is)."""
    user_data.setdefault(FLOWS_KEY, {})[flow] = _adapter(type(state)).dump_python(
        state, mode="json"
    )


def clear_state(user_data: dict[str, Any], flow: str) -> None:
    """Forget the flow (it finished)."""
    flows = user_data.get(FLOWS_KEY)
    if flows is not None:
        flows.pop(flow, None)
        if not flows:
            user_data.pop(FLOWS_KEY, None)
