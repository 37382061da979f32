"""The student's own objective per contact, remembered across /draft and /prep.

A student who phrased why they want to meet someone should not have to type it again when they
prepare for the meeting; both flows read and write it here (it lives in the student's small
persisted state, beside the flows).
"""

from __future__ import annotations

from typing import Any

KEY = "objective_by_contact"


def remembered(scratch: dict[str, Any], contact_id: str) -> str:
    """The objective last typed or picked for this contact, or ""."""
    return str(scratch.get(KEY, {}).get(contact_id, ""))


def remember(scratch: dict[str, Any], contact_id: str, objective: str) -> None:
    """Keep ``objective`` for the next draft or prep with this contact."""
    scratch.setdefault(KEY, {})[contact_id] = objective
