"""Building the real application over fakes: the one place tests and the benchmark wire things."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application, build_ledger
from bot.clock import FixedClock
from bot.features.nudges.limiter import WarpPace
from bot.llm import build_llm
from bot.llm.base import LLM, NoLLM
from bot.llm.transcribe import Transcriber
from bot.localchat.botapi import LocalBotAPI
from bot.localchat.session import LocalChat
from bot.settings import Settings
from bot.store.tinydb_store import TinyDBStore
from bot.transport.flood import FloodGuard
from tests.fakes.claude import FakeClaude
from tests.fakes.telegram_rules import check_request

START = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)


@dataclass
class SpecCheck:
    """Validates every Bot API request and remembers violations (a raise inside PTB is swallowed
    into its error handler, so the fixture asserts on this list at teardown instead)."""

    violations: list[str] = field(default_factory=list)

    def __call__(self, method: str, params: dict[str, Any]) -> None:
        problems = check_request(method, params)
        self.violations.extend(f"{method}: {p}" for p in problems)
        if problems:
            raise AssertionError("; ".join(problems))


@dataclass
class Harness:
    """An application over a data folder, with its fakes, ready to chat."""

    data_dir: Path
    clock: FixedClock
    llm: LLM
    api: LocalBotAPI
    spec: SpecCheck
    store: TinyDBStore
    app: Application  # type: ignore[type-arg]
    chats: list[LocalChat] = field(default_factory=list)

    def chat(self, user_id: int = 1001, first_name: str = "Alex") -> LocalChat:
        """A private chat with a (new or returning) user."""
        chat = LocalChat(self.app, self.api, user_id=user_id, first_name=first_name)
        self.chats.append(chat)
        return chat

    async def sweep(self) -> Any:
        """Run the nudge sweep once at the clock's current time (the JobQueue does this live)."""
        return await self.app.bot_data["sweeper"].run_once(self.app.bot)

    def unanswered_callbacks(self) -> list[str]:
        """Button presses the bot never answered (the phone would spin)."""
        answered = self.api.state.answered_callbacks
        return [q for c in self.chats for q in c.pressed_query_ids if q not in answered]


async def start_harness(
    data_dir: Path,
    *,
    llm: LLM | None = None,
    clock: FixedClock | None = None,
    validate: bool = True,
    transcriber: Transcriber | None = None,
    claude: FakeClaude | None = None,
    flood: FloodGuard | None = None,
    store: Any = None,
    **settings: Any,
) -> Harness:
    """Build and initialise the application as production does, but over in-process fakes.

    With ``claude``, the real gateway runs against that fake Anthropic API (a test key is set
    and the SDK's retries are instant); otherwise ``llm`` (default: the offline coach).
    """
    clock = clock or FixedClock(START)
    spec = SpecCheck()
    api = LocalBotAPI(clock=clock, validator=spec if validate else None)
    if claude is not None:
        settings.setdefault("anthropic_api_key", "sk-test")
    config = Settings(_env_file=None, data_dir=data_dir, **settings)  # type: ignore[call-arg]
    # Or PostgreSQL, for replica tests.
    store = store or TinyDBStore(data_dir, max_stored_bytes=config.max_stored_bytes)
    ledger = build_ledger(config, store, clock)
    if claude is not None:
        llm = build_llm(config, ledger=ledger, http_client=claude.client())
    llm = llm or NoLLM()
    app = build_application(
        config,
        store=store,
        llm=llm,
        clock=clock,
        request=api,
        transcriber=transcriber,
        ledger=ledger,
        pace=WarpPace(),  # the nudge sender never really waits in tests
        flood=flood,
    )
    await app.initialize()
    return Harness(data_dir, clock, llm, api, spec, store, app)


async def stop_harness(harness: Harness) -> None:
    """Shut down cleanly (tests that simulate a kill simply never call this)."""
    await harness.app.shutdown()
    await harness.store.close()
