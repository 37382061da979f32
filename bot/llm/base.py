"""What features see of a language model: plain requests in, plain results out, no SDK types.

This module never imports ``anthropic``: every coach module depends on it, and a deployment
without a key must not pay the SDK's import cost (about 65 MB and 2 s) to run the offline coach.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, Field

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

#: Called with the whole text streamed so far, after every chunk.
OnText = Callable[[str], Awaitable[None]]
#: A rule check on a parsed result: the broken rules, each "rule: why", empty when it passes.
Check = Callable[[T], list[str]]


#: The student whose update is being handled (set by the application per update), so every
#: Claude request counts against the right budget without each call site passing the id.
current_student: ContextVar[int | None] = ContextVar("current_student", default=None)


class Task(StrEnum):
    """Which model answers: coaching and rewriting, or short extraction and checks."""

    COACH = "coach"
    CHECK = "check"


class Failure(StrEnum):
    """Why Claude gave no usable answer; the offline coach answers either way."""

    OFF = "off"  # no key configured
    BUDGET = "budget"  # the student's daily allowance is used up
    SPEND_LIMIT = "spend_limit"  # the organisation's Anthropic spend limit is reached
    RATE_LIMITED = "rate_limited"  # 429 after the SDK's retries
    OVERLOADED = "overloaded"  # 529, before or during a stream
    UNAVAILABLE = "unavailable"  # timeouts, connection and server errors, other API errors
    TRUNCATED = "truncated"  # the reply hit max_tokens
    REFUSED = "refused"  # stop_reason "refusal"
    INVALID = "invalid"  # malformed structured output, or rules still broken after retries


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens one request (or one day) cost, as the API reports them.

    Stored through :mod:`bot.store.records` under the short keys the ledger has always written
    (``input``, ``output``, ``cache_write``, ``cache_read``); a missing counter reads as zero.
    """

    input_tokens: Annotated[int, Field(alias="input")] = 0
    output_tokens: Annotated[int, Field(alias="output")] = 0
    cache_write_tokens: Annotated[int, Field(alias="cache_write")] = 0
    cache_read_tokens: Annotated[int, Field(alias="cache_read")] = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.cache_write_tokens + other.cache_write_tokens,
            self.cache_read_tokens + other.cache_read_tokens,
        )

    @property
    def billed(self) -> int:
        """Tokens counted against a budget: cache reads at a tenth, as they are priced."""
        return (
            self.input_tokens
            + self.output_tokens
            + self.cache_write_tokens
            + self.cache_read_tokens // 10
        )


@dataclass(frozen=True, slots=True)
class Request:
    """One question for Claude.

    ``task_template`` holds the task's fixed instructions (sent after the shared, cached prefix,
    identical for every student); ``user_template`` holds everything that varies, and renders the
    variables as escaped data (the ``data`` filter). ``student`` is whose budget pays (by default
    the student whose update is being handled).
    """

    user_template: str
    variables: Mapping[str, Any] = field(default_factory=dict)
    task_template: str | None = None
    student: int | None = None
    task: Task = Task.COACH
    max_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class Reply(Generic[T]):
    """A result, or why there is none (``failure``); ``resets_at`` when the budget ran out.

    With ``Failure.INVALID`` from ``parse``, ``value`` may hold the last attempt, so a caller can
    keep the parts that pass its rules (say, two of three pitch lengths).
    """

    value: T | None
    failure: Failure | None = None
    usage: Usage = Usage()
    resets_at: datetime | None = None
    attempts: int = 1

    @property
    def ok(self) -> bool:
        """True when ``value`` is usable."""
        return self.value is not None and self.failure is None


class LLM(Protocol):
    """What features need from a language model."""

    @property
    def enabled(self) -> bool:
        """False when every call will fail with ``Failure.OFF`` (no key configured)."""
        ...

    async def complete(self, request: Request) -> Reply[str]:
        """Free text."""
        ...

    async def stream(self, request: Request, on_text: OnText) -> Reply[str]:
        """Free text, streamed: ``on_text`` sees the text so far after each chunk."""
        ...

    async def parse(
        self, request: Request, output: type[M], check: Check[M] | None = None
    ) -> Reply[M]:
        """A structured result validated by ``output``; ``check`` adds the program's own rules,
        and a broken one is retried once with the rule named."""
        ...

    async def close(self) -> None:
        """Release connections at shutdown."""
        ...


class NoLLM:
    """The offline setting: every question goes to the rules-and-templates coach."""

    @property
    def enabled(self) -> bool:
        """Never enabled."""
        return False

    async def complete(self, request: Request) -> Reply[str]:
        """Always off."""
        return Reply(None, Failure.OFF, attempts=0)

    async def stream(self, request: Request, on_text: OnText) -> Reply[str]:
        """Always off."""
        return Reply(None, Failure.OFF, attempts=0)

    async def parse(
        self, request: Request, output: type[M], check: Check[M] | None = None
    ) -> Reply[M]:
        """Always off."""
        return Reply(None, Failure.OFF, attempts=0)

    async def close(self) -> None:
        """Nothing to release."""
