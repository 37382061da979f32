"""The student's own speaking pace, which times every pitch; set in /settings.

Stored in the student's own data beside their pitches; without one, the deployment's default
(``SPEAKING_RATE_WPM``) applies.
"""

from __future__ import annotations

from bot.store.base import Store, Transaction

PACE_KEY = "speaking_wpm"


def _read(tx: Transaction) -> int | None:
    value = tx.get_value(PACE_KEY)
    return value if isinstance(value, int) else None


async def student_pace(store: Store, user_id: int) -> int | None:
    """The pace the student set, if any."""
    return await store.run(user_id, _read)


async def set_student_pace(store: Store, user_id: int, wpm: int) -> None:
    """Keep the student's pace (already checked by /settings)."""
    await store.run(user_id, lambda tx: tx.set_value(PACE_KEY, wpm))
