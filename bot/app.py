"""The composition root: the only place that wires settings, store, LLM, clock and transport.

Tests, the benchmark and the local chat pass an in-process Bot API as ``request``; production passes
nothing and talks to Telegram (or to ``TELEGRAM_BASE_URL``) with a rate limiter in front.
"""

from __future__ import annotations

import asyncio
import warnings
from collections import Counter
from collections.abc import Awaitable
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    Defaults,
)
from telegram.request import BaseRequest
from telegram.warnings import PTBUserWarning

from bot.clock import Clock
from bot.features import register
from bot.features.contacts.content import shipped_circles
from bot.features.contacts.repository import ContactRepository
from bot.features.home.commands import COMMANDS
from bot.features.interviews.content import shipped_question_bank
from bot.features.interviews.repository import InterviewRepository
from bot.features.outreach.repository import DraftRepository
from bot.features.pitch.repository import PitchRepository
from bot.features.profile.repository import ProfileRepository
from bot.flow import CoachContext
from bot.flow.conversation import restore_flows
from bot.llm.base import LLM, current_student
from bot.llm.ledger import Ledger
from bot.llm.transcribe import Transcriber, build_transcriber
from bot.localchat.botapi import LOCAL_TOKEN
from bot.render.callbacks import CallbackCodec, load_secret
from bot.services import Services
from bot.settings import Settings
from bot.store.base import Store
from bot.store.persistence import StorePersistence

# Conversations are tracked per user and chat on purpose: a student's flow spans several messages.
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)


# PTB's own gate in front of do_process_update; the real limit is applied per student turn.
_UNLIMITED = 1_000_000


class CoachApplication(Application):  # type: ignore[type-arg]
    """An ``Application`` that persists after every update instead of on a 60-second timer.

    PTB reads conversation state only at start-up and writes it on an interval, so a kill inside
    that interval would send a student back to an earlier step. Writing through costs one small
    file write per changed user, which the per-user store makes cheap.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._replays: set[int] = set()

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
        """Handle the update (twice if a flow asked for a replay), then write what it changed."""
        self.restore_flows(update)
        await super().process_update(update)
        if id(update) in self._replays:
            self._replays.discard(id(update))
            await super().process_update(update)
        if self.persistence is not None:
            await self.update_persistence()


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Serve different students concurrently while each student's updates run in order.

    Conversation state is per user, so two updates from the same person must not interleave;
    updates from different people have nothing to share and should not wait for each other.
    The concurrency limit is taken only once a student's turn has come: PTB's own semaphore
    is taken first, so a backlog from one student would otherwise fill every slot while it
    waits on that student's lock, and nobody else would be served.
    """

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(_UNLIMITED)
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
            async with lock, self._running:
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


def build_ledger(settings: Settings, store: Store, clock: Clock) -> Ledger:
    """Claude usage and the daily budget; admins are exempt."""
    return Ledger(
        store,
        clock,
        daily_budget=settings.llm_daily_token_budget,
        exempt=settings.admin_user_ids,
    )


def build_application(
    settings: Settings,
    *,
    store: Store,
    llm: LLM,
    clock: Clock,
    request: BaseRequest | None = None,
    transcriber: Transcriber | None = None,
    ledger: Ledger | None = None,
) -> Application:  # type: ignore[type-arg]
    """Build the bot with every handler registered; nothing runs until the caller starts it."""
    builder = (
        ApplicationBuilder()
        .application_class(CoachApplication)
        .context_types(ContextTypes(context=CoachContext))
        .persistence(StorePersistence(store))
        # parse_mode is passed per call (see bot.flow.replies): as a default, PTB also sends it on
        # methods that have no such field, such as editMessageReplyMarkup.
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(PerUserUpdateProcessor())
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if request is None:
        if settings.telegram_bot_token is None:
            raise ValueError("Talking to Telegram needs TELEGRAM_BOT_TOKEN")
        builder = builder.token(settings.telegram_bot_token.get_secret_value())
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    else:
        token = settings.telegram_bot_token
        builder = builder.token(token.get_secret_value() if token else LOCAL_TOKEN)
        builder = builder.request(request).get_updates_request(request).updater(None)
    app = builder.build()
    app.bot_data["services"] = Services(
        settings=settings,
        store=store,
        llm=llm,
        transcriber=transcriber or build_transcriber(settings.transcribe_command),
        clock=clock,
        codec=CallbackCodec(load_secret(settings.data_dir)),
        profiles=ProfileRepository(store, clock),
        contacts=ContactRepository(store, clock),
        interviews=InterviewRepository(store, clock),
        drafts=DraftRepository(store, clock),
        pitches=PitchRepository(store, clock),
        questions=shipped_question_bank(),
        ledger=ledger or build_ledger(settings, store, clock),
    )
    shipped_circles()  # a malformed data/circles.json stops start-up, naming the entry
    register(app)
    return app
