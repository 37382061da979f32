"""The coach's short memory of the exchange, in the student's own file (key ``ask_memory``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.features.ask.domain.memory import Turn, remember
from bot.store.base import Store, Transaction
from bot.store.records import from_json, to_json

_KEY = "ask_memory"


class MemoryRepository:
    """Load, extend and clear the memory; every change is one transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def recent(self, user_id: int) -> tuple[Turn, ...]:
        """The remembered turns, oldest first."""
        return await self._store.run(user_id, _load)

    async def add(self, user_id: int, *turns: Turn) -> tuple[Turn, ...]:
        """Remember ``turns``, trimming the oldest beyond the size limit."""

        def work(tx: Transaction) -> tuple[Turn, ...]:
            kept = remember(_load(tx), turns)
            tx.set_value(_KEY, [to_json(t) for t in kept])
            return kept

        return await self._store.run(user_id, work)

    async def clear(self, user_id: int) -> None:
        """Forget the exchange (/reset)."""
        await self._store.run(user_id, lambda tx: tx.delete_value(_KEY))


def _load(tx: Transaction) -> tuple[Turn, ...]:
    raw: Iterable[object] = tx.get_value(_KEY) or []
    return tuple(stored_turn(r) for r in raw if isinstance(r, dict))


def stored_turn(data: Mapping[object, object]) -> Turn:
    """A stored turn; any speaker but the coach reads as the student, so a damaged or hand-edited
    entry can never put words in the coach's mouth, and a missing text reads as empty."""
    speaker = "coach" if data.get("speaker") == "coach" else "student"
    return from_json(Turn, {"speaker": speaker, "text": str(data.get("text", ""))})
