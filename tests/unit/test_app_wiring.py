"""How the composition root wires Telegram mode (built, never started: no network)."""

from __future__ import annotations

from telegram.ext import AIORateLimiter

from bot.app import build_application
from bot.clock import SystemClock
from bot.llm.base import NoLLM
from bot.outbox import OutboxRateLimiter
from bot.settings import Settings
from bot.store.tinydb_store import TinyDBStore


def test_telegram_mode_uses_token_base_url_rate_limiter_and_polling(tmp_path) -> None:
    settings = Settings(
        _env_file=None,
        telegram_bot_token="123:abc",
        telegram_base_url="http://localhost:8081/bot",
        data_dir=tmp_path,
    )
    app = build_application(settings, store=TinyDBStore(tmp_path), llm=NoLLM(), clock=SystemClock())
    assert app.bot.token == "123:abc"
    assert app.bot.base_url == "http://localhost:8081/bot123:abc"
    assert isinstance(app.bot.rate_limiter, OutboxRateLimiter)
    assert isinstance(app.bot.rate_limiter.inner, AIORateLimiter)
    assert app.updater is not None
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
