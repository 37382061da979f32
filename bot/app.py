"""The composition root: the only place that wires settings, store, LLM, clock and transport.

Tests, the benchmark and the local chat pass an in-process Bot API as ``request``; production passes
nothing and talks to Telegram (or to ``TELEGRAM_BASE_URL``) with a rate limiter in front.
"""

from __future__ import annotations

from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ChatAction
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    ContextTypes,
    Defaults,
)
from telegram.request import BaseRequest

from bot.clock import Clock
from bot.features import register
from bot.features.contacts.content import shipped_circles
from bot.features.contacts.repository import ContactRepository
from bot.features.interviews.content import shipped_question_bank
from bot.features.interviews.repository import InterviewRepository
from bot.features.nudges.install import install as install_nudges
from bot.features.nudges.limiter import Limiter, Pace
from bot.features.nudges.repository import NudgeRepository
from bot.features.nudges.sync import NEXT_DUE_KEY
from bot.features.outreach.repository import DraftRepository
from bot.features.pitch.repository import PitchRepository
from bot.features.profile.repository import ProfileRepository
from bot.flow import CoachContext
from bot.llm.base import LLM
from bot.llm.ledger import Ledger
from bot.llm.limits import GuardedLLM
from bot.llm.transcribe import Transcriber, build_transcriber
from bot.localchat.botapi import LOCAL_TOKEN
from bot.outbox import OutboxRateLimiter
from bot.processing import (
    CONNECTIONS,
    CoachApplication,
    PerUserUpdateProcessor,
    ReplicaIdentity,
    slow_down_sender,
)
from bot.render.callbacks import CallbackCodec, load_secret
from bot.services import Services
from bot.settings import Settings
from bot.store.base import Store
from bot.store.due_index import DueIndex, IndexedStore, SqliteDueIndex
from bot.store.files import secure_data_dir
from bot.store.persistence import (
    StorePersistence,
)
from bot.transport.flood import FloodGuard
from bot.transport.health import Heartbeats
from bot.transport.ratelimit import CoachRateLimiter


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
    max_concurrent_updates: int = 64,
    due_index: DueIndex | None = None,
    pace: Pace | None = None,
    flood: FloodGuard | None = None,
    secret: bytes | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    nudge_limiter: Limiter | None = None,
    replica: ReplicaIdentity | None = None,
) -> Application:  # type: ignore[type-arg]
    """Build the bot with every handler registered; nothing runs until the caller starts it.

    The store is wrapped so the nudge due-index (``DATA_DIR/due_index.sqlite3`` unless given)
    follows every transaction; ``pace`` is the nudge sender's clock (tests never really wait).
    Replicas (``bot.replicas``) pass the button ``secret`` and the ``rate_limiter`` they share
    through the database; a single process keeps its secret under ``DATA_DIR``.
    """
    secure_data_dir(settings.data_dir)  # before anything creates files in it
    flood = flood or FloodGuard(burst=settings.flood_burst, per_second=settings.flood_rate)
    indexed = IndexedStore(
        store, due_index or SqliteDueIndex(settings.data_dir / "due_index.sqlite3"), NEXT_DUE_KEY
    )
    store = indexed
    builder = (
        ApplicationBuilder()
        .application_class(CoachApplication)
        .context_types(ContextTypes(context=CoachContext))
        .persistence(StorePersistence(store))
        # parse_mode is passed per call (see bot.flow.replies): as a default, PTB also sends it on
        # methods that have no such field, such as editMessageReplyMarkup.
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(PerUserUpdateProcessor(max_concurrent_updates, flood))
        # Telegram modes feed updates through bot.transport (durable inbox), never PTB's Updater.
        .updater(None)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if settings.file_base_url:
        builder = builder.base_file_url(settings.file_base_url)
    if settings.telegram_local_mode:
        builder = builder.local_mode(True)
    if request is None:
        if settings.telegram_bot_token is None:
            raise ValueError("Talking to Telegram needs TELEGRAM_BOT_TOKEN")
        builder = builder.token(settings.telegram_bot_token.get_secret_value())
        # Visible sends wait for the commit (outbox); button answers skip the message limiter.
        limiter = CoachRateLimiter(rate_limiter or AIORateLimiter(max_retries=3))
        builder = builder.rate_limiter(OutboxRateLimiter(limiter))
        # The limiter lets at most a burst of 30 requests through at once, so 32 connections
        # never make a request wait for one; PTB's 256 only adds pool bookkeeping (bench.http_pool:
        # 4.8 ms of CPU per update at 256 connections, 4.0 at 32, both at 64 updates at once).
        builder = builder.connection_pool_size(CONNECTIONS)
    else:
        token = settings.telegram_bot_token
        builder = builder.token(token.get_secret_value() if token else LOCAL_TOKEN)
        builder = builder.request(request).get_updates_request(request)
        builder = builder.rate_limiter(OutboxRateLimiter(CoachRateLimiter()))
    app = builder.build()
    assert isinstance(app, CoachApplication)
    flood.warn = slow_down_sender(app)
    guarded = GuardedLLM(
        llm,
        per_minute=settings.claude_calls_per_minute,
        budget=settings.claude_budget_seconds,
        typing=lambda chat_id: app.bot.send_chat_action(chat_id, ChatAction.TYPING),
    )
    app.student_store = store
    app.bot_data["services"] = Services(
        settings=settings,
        store=store,
        llm=guarded,
        transcriber=transcriber or build_transcriber(settings.transcribe_command),
        clock=clock,
        codec=CallbackCodec(secret or load_secret(settings.data_dir)),
        profiles=ProfileRepository(store, clock, settings.default_phone_region),
        contacts=ContactRepository(store, clock, max_contacts=settings.max_contacts),
        interviews=InterviewRepository(store, clock),
        drafts=DraftRepository(store, clock),
        pitches=PitchRepository(store, clock),
        questions=shipped_question_bank(),
        ledger=ledger or build_ledger(settings, store, clock),
        nudges=NudgeRepository(store, clock),
        heartbeats=Heartbeats(),
    )
    install_nudges(
        app,
        app.bot_data["services"],
        indexed,
        pace=pace,
        per_second=settings.nudge_send_rate,
        limiter=nudge_limiter,
        boot=replica.boot if replica else None,
        live=replica.alive if replica else None,
    )
    shipped_circles()  # a malformed data/circles.json stops start-up, naming the entry
    register(app)
    return app
