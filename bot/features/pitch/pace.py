"""The student's own speaking pace, which times every pitch; set in /settings.

It lives in the student's small state (persisted with it), beside the deployment's default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PACE_KEY = "speaking_wpm"


def student_wpm(state: Mapping[str, Any], default: int) -> int:
    """The student's pace if they set one, else the deployment's default."""
    own = state.get(PACE_KEY)
    return own if isinstance(own, int) else default
