"""``networking-coach``: Telegram long polling with a token, the local chat without one."""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram import Update

from bot.app import build_application, build_ledger
from bot.clock import ShiftableClock, SystemClock
from bot.llm import build_llm
from bot.localchat.botapi import LocalBotAPI
from bot.localchat.terminal import run_terminal
from bot.settings import ConfigError, Settings, configure_logging, load_settings
from bot.store.tinydb_store import TinyDBStore

log = logging.getLogger("bot")


def main() -> None:
    """Read settings, then run against Telegram or in the terminal."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        sys.exit(f"networking-coach: configuration error: {exc}")
    configure_logging(settings)
    if settings.telegram_mode:
        _run_telegram(settings)
    else:
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
        asyncio.run(_run_local(settings))


def _run_telegram(settings: Settings) -> None:
    clock = SystemClock()
    store = TinyDBStore(settings.data_dir)
    ledger = build_ledger(settings, store, clock)
    llm = build_llm(settings, ledger=ledger)
    app = build_application(settings, store=store, llm=llm, clock=clock, ledger=ledger)

    async def close_llm(_: object) -> None:
        await llm.close()

    app.post_shutdown = close_llm
    claude = (
        f"on (coaching {settings.anthropic_model}, checks {settings.anthropic_check_model})"
        if settings.anthropic_api_key
        else "off (offline coach)"
    )
    log.info("Polling Telegram; Claude %s", claude)
    # Only what the coach handles: edits, channel posts and the like are never even fetched.
    # MY_CHAT_MEMBER tells us a student blocked or unblocked the bot (nudges pause and resume).
    app.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER])


async def _run_local(settings: Settings) -> None:
    clock = ShiftableClock()  # ":time +7d" moves it
    store = TinyDBStore(settings.data_dir)
    api = LocalBotAPI(clock=clock)
    ledger = build_ledger(settings, store, clock)
    llm = build_llm(settings, ledger=ledger)
    app = build_application(settings, store=store, llm=llm, clock=clock, request=api, ledger=ledger)
    try:
        await run_terminal(app, api, downloads=settings.data_dir / "downloads", clock=clock)
    finally:
        await llm.close()
        await store.close()


if __name__ == "__main__":
    main()
