"""How updates are processed: one student's in order, students concurrently, state loaded
before routing and committed once before any reply goes out.

``bot.app`` wires these together; they hold the runtime rules the composition root relies on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    BaseUpdateProcessor,
    ConversationHandler,
)
from telegram.ext._handlers.conversationhandler import PendingState
from telegram.ext._utils.trackingdict import TrackingDict
from telegram.ext._utils.types import ConversationKey
from telegram.warnings import PTBUserWarning

from bot.features.home.commands import COMMANDS
from bot.flow.conversation import restore_flows
from bot.llm.base import current_student
from bot.outbox import collecting
from bot.render.templates import render
from bot.store.base import Store, StoreError
from bot.store.persistence import (
    EMPTY,
    StudentState,
    conversation_key,
    load_student_state,
    parse_conversation_key,
)
from bot.transport.flood import FloodGuard


class ReplicaIdentity(Protocol):
    """This process among several over one database (``bot.store.postgres_shared.Replicas``)."""

    @property
    def boot(self) -> str:
        """The id this replica registered."""
        ...

    def alive(self) -> set[str]:
        """The ids of every replica still running."""
        ...


# Conversations are tracked per user and chat on purpose: a student's flow spans several messages.
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
log = logging.getLogger(__name__)


# PTB's own gate in front of do_process_update; the real limit is applied per student turn.
_UNLIMITED = 1_000_000
CONNECTIONS = 32


class CoachApplication(Application):  # type: ignore[type-arg]
    """An ``Application`` whose unit of durability is one update of one student.

    For each update from a student: the student's small state (``user_data`` and conversation
    steps) is loaded if this process has not seen them yet, the update is handled inside a store
    session (so everything it changes is committed once, at the end, and nothing when nothing
    changed), and only then do the replies go out (``bot.outbox``): a kill at any moment either
    loses the update before the student saw an answer, or keeps the step the student saw.
    Start-up reads nobody's files; a student's state is loaded by their first update.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._replays: set[int] = set()
        self.student_store: Store | None = None
        self._loaded: set[int] = set()
        self._written: dict[int, str] = {}  # student -> StudentState.dump() last committed
        self._conversation_keys: dict[int, set[tuple[str, ConversationKey]]] = {}

    async def initialize(self) -> None:
        """Start as usual, then publish the command menu (in every run mode, not only polling)."""
        await super().initialize()
        await self.bot.set_my_commands([(c.name, c.description) for c in COMMANDS])

    def restore_flows(self, update: object) -> None:
        """Route by the student's stored flow state, not by what this process last remembered:
        the stored record is the only copy of where a student stands."""
        user = update.effective_user if isinstance(update, Update) else None
        if user is not None:
            restore_flows(self.handlers.get(0, []), update, self.user_data.get(user.id) or {})

    def replay_after_current(self, update: object) -> None:
        """Handle ``update`` once more after this pass: a flow ended and the command should run."""
        self._replays.add(id(update))

    async def process_update(self, update: object) -> None:
        """Load the student, handle the update, commit once, then send the replies."""
        student = _student_of(update)
        store = self.student_store
        if student is None or store is None:
            self.restore_flows(update)
            await self._handle(update)
            return
        with collecting() as outbox:
            try:
                async with store.session(student):
                    if await self._load_student(store, student, update):
                        self.restore_flows(update)
                        await self._handle(update)
                        await self._save_student(store, student)
            except Exception as exc:
                # The commit failed (disk full, say): the replies must not go out, and memory
                # is brought back to what is on disk by loading the student afresh next time.
                self._unload(student)
                outbox.calls.clear()
                await self.process_error(update=update, error=exc)
                return
        await outbox.flush(lambda exc: self.process_error(update=update, error=exc))

    async def _handle(self, update: object) -> None:
        await super().process_update(update)
        if id(update) in self._replays:
            self._replays.discard(id(update))
            await super().process_update(update)

    async def update_persistence(self) -> None:
        """Each update commits its own changes (see ``process_update``); nothing is left over."""

    async def after_student_loaded(self, user_id: int) -> None:
        """Called once a student's state is in ``user_data``, before their update is handled.

        A hook for whatever must follow a student's state into memory once per process; flows
        built with the kit set their in-memory step from ``user_data`` before every update
        (``restore_flows``), so they need nothing here.
        """

    # -- a student's small state ---------------------------------------------------------------

    async def _load_student(self, store: Store, student: int, update: object) -> bool:
        """Bring the student's saved state into memory once per process; False if it is damaged
        (the error handler tells the student, their files are left untouched, others go on)."""
        reloading = student in self._loaded
        if reloading and not getattr(store, "state_shared_between_processes", False):
            return True  # this process wrote the last copy and keeps it in memory
        try:
            state = await load_student_state(store, student)
        except StoreError as exc:
            log.error("Student %s: saved state unreadable: %s", student, exc)
            await self.process_error(update=update, error=exc)
            return False
        user_data = self._user_data[student]
        if reloading:  # another process may have moved the student on: the store is the truth
            user_data.clear()
            user_data.update(state.user_data)
        else:
            # Before a student's first load nothing in the bot has touched their user_data; what
            # a test put there directly (to stand for an old release's data) is kept on top.
            user_data.update({**state.user_data, **user_data})
        self._pop_conversation_writes()
        keys = self._conversation_keys.setdefault(student, set())
        for name, key in keys:  # left over from a failed commit: disk is the truth
            conversations = self._conversation_handler_conversations.get(name)
            if conversations is not None:
                conversations.pop(key, None)
        keys.clear()
        for name, entries in state.conversations.items():
            conversations = self._conversation_handler_conversations.get(name)
            if conversations is None:
                continue  # a flow that no longer exists
            for text, value in entries.items():
                key = parse_conversation_key(text)
                conversations.update_no_track({key: value})
                keys.add((name, key))
        self._written[student] = state.dump()
        self._loaded.add(student)
        if not reloading:
            await self.after_student_loaded(student)
        return True

    def _unload(self, student: int) -> None:
        """Forget the student's in-memory state, so their next update starts from the disk."""
        self._loaded.discard(student)
        self._written.pop(student, None)
        self._user_data.pop(student, None)

    def _pop_conversation_writes(self) -> None:
        """Note which students' conversation steps changed since last asked (any student's)."""
        for name, conversations in self._conversation_handler_conversations.items():
            for key, _ in conversations.pop_accessed_write_items():
                owner = int(key[-1])
                self._conversation_keys.setdefault(owner, set()).add((name, key))

    def _state_of(self, student: int) -> StudentState:
        self._pop_conversation_writes()
        per_name: dict[str, dict[str, object]] = {}
        keys = self._conversation_keys.get(student, set())
        for name, key in list(keys):
            conversations: Mapping[ConversationKey, object] = (
                self._conversation_handler_conversations.get(name, {})
            )
            value = conversations.get(key, TrackingDict.DELETED)
            if isinstance(value, PendingState):
                value = value.resolve() if value.done() else value.old_state
            if value is TrackingDict.DELETED or value is None or value == ConversationHandler.END:
                keys.discard((name, key))
                continue
            per_name.setdefault(name, {})[conversation_key(key)] = value
        return StudentState(dict(self._user_data.get(student, {})), per_name)

    async def _save_student(self, store: Store, student: int) -> None:
        """Hand the state to the session when it changed; a student who erased their data and
        has nothing new leaves no file behind."""
        if student not in self._user_data:  # /deletedata dropped it
            self._written[student] = EMPTY
        state = self._state_of(student)
        dumped = state.dump()
        if dumped == self._written.get(student, EMPTY):
            return
        await store.save_state(student, state.to_record())
        self._written[student] = dumped


def _student_of(update: object) -> int | None:
    user = update.effective_user if isinstance(update, Update) else None
    return user.id if user is not None else None


def slow_down_sender(app: Application) -> Callable[[int], Awaitable[None]]:  # type: ignore[type-arg]
    """The one "slow down" a flooding student gets; their messages are still all answered."""

    async def warn(user_id: int) -> None:
        log.info("flood.slow_down user=%s", user_id)
        with contextlib.suppress(TelegramError):
            await app.bot.send_message(
                user_id, render("home/slow_down.html.j2"), parse_mode=ParseMode.HTML
            )

    return warn


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Serve different students concurrently while each student's updates run in order.

    Conversation state is per user, so two updates from the same person must not interleave;
    updates from different people have nothing to share and should not wait for each other.
    The concurrency limit is taken only once a student's turn has come: PTB's own semaphore
    is taken first, so a backlog from one student would otherwise fill every slot while it
    waits on that student's lock, and nobody else would be served.
    """

    # 64: updates waiting on Claude hold a slot for seconds, so a low limit lets a few of them stall
    # everyone; a higher one only adds bookkeeping (bench.http_pool, 200 students at once: CPU per
    # update grows from 64 to 256 slots, throughput does not).
    def __init__(self, max_concurrent_updates: int = 64, flood: FloodGuard | None = None) -> None:
        super().__init__(_UNLIMITED)
        self.flood = flood
        self._running = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: Counter[int] = Counter()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` under the sender's lock, then within the concurrency limit."""
        user = update.effective_user if isinstance(update, Update) else None
        key = user.id if user is not None else 0
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] += 1
        try:
            async with lock:
                if self.flood is not None and user is not None:
                    await self.flood.admit(key)  # under this student's lock: nobody else waits
                async with self._running:
                    # Claude requests made while handling this update are on this student's budget.
                    current_student.set(user.id if user is not None else None)
                    await coroutine
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
