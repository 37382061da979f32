"""A student's small state (PTB ``user_data`` and conversation steps), loaded when they show up.

python-telegram-bot's own scheme reads every user's data at start-up and writes on a timer. At
campus scale that makes start-up grow with the number of students and loses the last steps on a
kill, so instead ``CoachApplication`` (``bot.app``) loads one student's state when that student's
first update arrives (``load_student_state``) and commits it together with the update
(``StudentState.to_record``). ``StorePersistence`` remains only because PTB insists on a
persistence object for persistent ``ConversationHandler``s; it loads and writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.store.base import Store, Transaction

# Where today's main kept this state, inside the student's big file (still read, never written).
_LEGACY_CONVERSATIONS = "ptb_conversations"
_LEGACY_USER_DATA = "ptb_user_data"


@dataclass
class StudentState:
    """What changes on nearly every step: kept apart from the student's records."""

    user_data: dict[str, Any] = field(default_factory=dict)
    #: conversation name -> JSON-encoded conversation key -> state
    conversations: dict[str, dict[str, object]] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        """JSON-safe; only conversations in progress are kept."""
        return {
            "user_data": self.user_data,
            "conversations": {n: dict(c) for n, c in self.conversations.items() if c},
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StudentState:
        return cls(
            user_data=dict(record.get("user_data") or {}),
            conversations={n: dict(c) for n, c in (record.get("conversations") or {}).items()},
        )

    def dump(self) -> str:
        """A canonical form, to tell whether anything changed since the last commit."""
        return json.dumps(self.to_record(), sort_keys=True, ensure_ascii=False)


EMPTY = StudentState().dump()


def conversation_key(key: ConversationKey) -> str:
    return json.dumps(list(key))


def parse_conversation_key(text: str) -> ConversationKey:
    return tuple(json.loads(text))


async def load_student_state(store: Store, user_id: int) -> StudentState:
    """The student's saved state; for a file written before the small state existed, the copy
    today's main kept in the big file (read once; from the next commit on the small state wins)."""
    record = await store.load_state(user_id)
    if record is not None:
        return StudentState.from_record(record)
    return await store.run(user_id, _read_legacy)


def _read_legacy(tx: Transaction) -> StudentState:
    return StudentState(
        user_data=dict(tx.get_value(_LEGACY_USER_DATA) or {}),
        conversations={n: dict(c) for n, c in (tx.get_value(_LEGACY_CONVERSATIONS) or {}).items()},
    )


class StorePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Satisfies PTB's requirement for persistent conversations; the real work is in ``bot.app``.

    Nothing is read at start-up (so start-up does not grow with the number of students) and
    nothing is written on PTB's schedule (each update commits its own changes).
    """

    def __init__(self, store: Store) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, callback_data=False),
            update_interval=3600,
        )
        self.store = store

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        """Loaded per student, on their first update."""
        return {}

    async def get_conversations(self, name: str) -> ConversationDict:
        """Loaded per student, on their first update."""
        return {}

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {}

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        """Not kept: our callback data is self-contained and signed."""
        return None

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Committed with the update by ``CoachApplication``."""

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        """Committed with the update by ``CoachApplication``."""

    async def drop_user_data(self, user_id: int) -> None:
        """The student's files are erased by the store's ``delete_user``."""

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        """Not kept."""

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        """Not kept."""

    async def update_callback_data(self, data: CDCData) -> None:
        """Not kept."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not kept."""

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        """Loaded by ``CoachApplication`` before the update."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        """Not kept."""

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        """Not kept."""

    async def flush(self) -> None:
        """Every update committed its own changes."""
