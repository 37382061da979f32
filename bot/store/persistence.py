"""python-telegram-bot persistence on the same per-user files as everything else.

PTB writes conversation state on a timer (60 s by default) and reads it only at start-up, so a
kill inside that window would lose where a student was. ``CoachApplication`` (see ``bot.app``)
flushes after every update instead; this class makes each flush cheap by skipping unchanged data.
"""

from __future__ import annotations

import json
import logging
from copy import deepcopy
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.store.base import Store, StoreError, Transaction

log = logging.getLogger(__name__)
_CONVERSATIONS = "ptb_conversations"
_USER_DATA = "ptb_user_data"


class StorePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Keeps per-user ``user_data`` and conversation states; no chat or bot data (all private)."""

    def __init__(self, store: Store) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, callback_data=False),
            update_interval=3600,
        )
        self._store = store
        self._written: dict[tuple[str, int], str] = {}
        self._snapshot: dict[int, tuple[dict[str, Any], dict[str, Any]]] | None = None

    # -- loading at start-up -------------------------------------------------------------------

    async def _startup_snapshot(self) -> dict[int, tuple[dict[str, Any], dict[str, Any]]]:
        """Every user's scratch data and conversation states, read in one pass.

        PTB asks once for user data and once per conversation handler; reading every file for
        each of those questions made start-up take 30 s at 2,000 students.
        """
        if self._snapshot is None:
            snapshot: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
            for user_id in await self._store.user_ids():
                try:
                    snapshot[user_id] = await self._store.run(user_id, _read_ptb_state)
                except StoreError as exc:
                    # One damaged file must not keep every other student out; that student's
                    # own requests still fail safely at the store, and the file is untouched.
                    log.error("Skipping user %s at start-up: %s", user_id, exc)
            self._snapshot = snapshot
        return self._snapshot

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        """Every user's scratch data from the last run."""
        result: dict[int, dict[str, Any]] = {}
        for user_id, (data, _) in (await self._startup_snapshot()).items():
            if data:
                result[user_id] = data
                self._written[("user_data", user_id)] = _dump(data)
        return result

    async def get_conversations(self, name: str) -> ConversationDict:
        """Where each user stood in conversation ``name`` when the process last stopped."""
        result: ConversationDict = {}
        for states in (await self._startup_snapshot()).values():
            for key, state in states[1].get(name, {}).items():
                result[tuple(json.loads(key))] = state
        return result

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        """Not kept."""
        return {}

    async def get_bot_data(self) -> dict[str, Any]:
        """Not kept."""
        return {}

    async def get_callback_data(self) -> CDCData | None:
        """Not kept: our callback data is self-contained and signed."""
        return None

    # -- writing -------------------------------------------------------------------------------

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Record the new state of one user's conversation (None means it ended)."""
        user_id = int(key[-1])
        json_key = json.dumps(list(key))

        def work(tx: Transaction) -> None:
            states = tx.get_value(_CONVERSATIONS) or {}
            per_name = states.setdefault(name, {})
            if new_state is None:
                per_name.pop(json_key, None)
            else:
                per_name[json_key] = new_state
            tx.set_value(_CONVERSATIONS, states)

        await self._store.run(user_id, work)

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        """Write the user's scratch data if it changed since the last write."""
        dumped = _dump(data)
        # Never-written counts as empty, so a visitor who only reads creates no file.
        if self._written.get(("user_data", user_id), _EMPTY) == dumped:
            return
        snapshot = deepcopy(data)
        await self._store.run(user_id, lambda tx: tx.set_value(_USER_DATA, snapshot))
        self._written[("user_data", user_id)] = dumped

    async def drop_user_data(self, user_id: int) -> None:
        """Called only when a student erases their data, which removes their whole file.

        Writing here would recreate that file, so this only forgets what was cached.
        """
        self._written.pop(("user_data", user_id), None)

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        """Not kept."""

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        """Not kept."""

    async def update_callback_data(self, data: CDCData) -> None:
        """Not kept."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not kept."""

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        """The in-memory copy is always the newest; nothing to refresh."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        """Not kept."""

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        """Not kept."""

    async def flush(self) -> None:
        """Every write is already on disk."""


def _read_ptb_state(tx: Transaction) -> tuple[dict[str, Any], dict[str, Any]]:
    return tx.get_value(_USER_DATA) or {}, tx.get_value(_CONVERSATIONS) or {}


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, default=str)


_EMPTY = _dump({})
