"""How the composition root wires Telegram mode (built, never started: no network)."""

from __future__ import annotations

from telegram.ext import AIORateLimiter

from bot.app import build_application
from bot.clock import SystemClock
from bot.llm.base import NoLLM
from bot.outbox import OutboxRateLimiter
from bot.settings import Settings
from bot.store.tinydb_store import TinyDBStore
from bot.transport.ratelimit import CoachRateLimiter


def test_telegram_mode_uses_token_base_url_rate_limiter_and_durable_transport(tmp_path) -> None:
    settings = Settings(
        _env_file=None,
        telegram_bot_token="123:abc",
        telegram_base_url="http://localhost:8081/bot",
        data_dir=tmp_path,
    )
    app = build_application(settings, store=TinyDBStore(tmp_path), llm=NoLLM(), clock=SystemClock())
    assert app.bot.token == "123:abc"
    assert app.bot.base_url == "http://localhost:8081/bot123:abc"
    # Downloads from a self-hosted server come from its /file/bot route, not api.telegram.org.
    assert app.bot.base_file_url == "http://localhost:8081/file/bot123:abc"
    # Visible sends wait for the commit (outbox); button answers then skip the message limiter.
    limiter = app.bot.rate_limiter
    assert isinstance(limiter, OutboxRateLimiter)
    assert isinstance(limiter.inner, CoachRateLimiter)
    assert isinstance(limiter.inner._inner, AIORateLimiter)
    # Updates come through bot.transport's durable inbox, never PTB's Updater (which confirms
    # an update to Telegram before it is processed).
    assert app.updater is None
    assert app.job_queue is not None
    assert app.persistence is not None


def test_every_registered_command_is_in_the_menu(tmp_path) -> None:
    from telegram.ext import CommandHandler, ConversationHandler

    from bot.features.home.commands import COMMANDS

    settings = Settings(_env_file=None, telegram_bot_token="123:abc", data_dir=tmp_path)
    app = build_application(settings, store=TinyDBStore(tmp_path), llm=NoLLM(), clock=SystemClock())
    handled: set[str] = set()
    for handler in app.handlers[0]:
        inner = handler.entry_points if isinstance(handler, ConversationHandler) else [handler]
        for entry in inner:
            if isinstance(entry, CommandHandler):
                handled |= set(entry.commands)
    assert {c.name for c in COMMANDS} <= handled


def test_base_file_url_and_local_mode_for_a_self_hosted_server(tmp_path) -> None:
    settings = Settings(
        _env_file=None,
        telegram_bot_token="123:abc",
        telegram_base_url="http://bot-api:8081/bot",
        telegram_base_file_url="http://files.internal/file/bot",
        telegram_local_mode=True,
        data_dir=tmp_path,
    )
    app = build_application(settings, store=TinyDBStore(tmp_path), llm=NoLLM(), clock=SystemClock())
    assert app.bot.base_file_url == "http://files.internal/file/bot123:abc"
    assert app.bot.local_mode is True


def test_data_dir_and_users_are_private(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    settings = Settings(_env_file=None, data_dir=data)
    from bot.localchat.botapi import LocalBotAPI

    store = TinyDBStore(data)
    api = LocalBotAPI()
    build_application(settings, store=store, llm=NoLLM(), clock=SystemClock(), request=api)
    assert (data.stat().st_mode & 0o777) == 0o700
    assert ((data / "users").stat().st_mode & 0o777) == 0o700
    assert ((data / "callback.secret").stat().st_mode & 0o777) == 0o600
