"""The only module that talks to Anthropic (and so the only one that imports ``anthropic``).

Every request sends the same system prefix (``prompts/llm/prefix.txt.j2``) as its first block,
marked with ``cache_control``, so it is cached once per model and read back for every student
and task; the task's fixed instructions follow, and everything that varies sits in the user
turn as escaped data. Results come back as plain :class:`~bot.llm.base.Reply` values: a failure
is a value (``Failure``), never an exception, so the offline coach can always answer.

Import this module only when a key is configured (``bot.llm.build_llm`` does): importing
``anthropic`` costs tens of megabytes and about two seconds that the offline coach never needs.
"""

from __future__ import annotations

import json
import logging
import typing
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, nullcontext
from contextvars import ContextVar
from typing import Any

import anthropic
import httpx2
from pydantic import ValidationError

from bot.llm import build_llm
from bot.llm.base import (
    LLM,
    Check,
    Failure,
    M,
    NoLLM,
    OnText,
    Reply,
    Request,
    T,
    Task,
    Usage,
    current_student,
)
from bot.llm.ledger import Ledger
from bot.llm.prompts import system_prefix
from bot.render.templates import render
from bot.settings import Settings

log = logging.getLogger(__name__)
# Callers written before the split import these from here (the eval suite does); new code imports
# them from bot.llm, which does not load the SDK.
__all__ = ["LLM", "ClaudeGateway", "NoLLM", "build_gateway", "build_llm"]

#: One repair round: the retry names the rule that failed; a second failure goes offline.
MAX_REPAIRS = 1
#: A 429 asking us to wait longer than this is not retried: a student is waiting.
MAX_RETRY_AFTER_SECONDS = 20.0
_REPAIR_TEMPLATE = "llm/repair.txt.j2"

# The body of the last non-streamed reply in this task, seen by the middleware: ``parse`` raises
# on JSON it cannot validate before we could read ``stop_reason`` or the text otherwise.
_LAST_BODY: ContextVar[dict[str, Any] | None] = ContextVar("last_claude_body", default=None)


class _Outcome(Exception):
    """Internal: a finished attempt that produced no usable value."""

    def __init__(self, failure: Failure, usage: Usage | None = None, value: Any = None) -> None:
        super().__init__(failure.value)
        self.failure = failure
        self.usage = usage or Usage()
        self.value = value


def _usage(raw: Any) -> Usage:
    if raw is None:
        return Usage()
    get = raw.get if isinstance(raw, dict) else lambda k, d=None: getattr(raw, k, d)
    return Usage(
        int(get("input_tokens", 0) or 0),
        int(get("output_tokens", 0) or 0),
        int(get("cache_creation_input_tokens", 0) or 0),
        int(get("cache_read_input_tokens", 0) or 0),
    )


def _is_spend_limit(body: object) -> bool:
    if not isinstance(body, dict):
        return False
    error = body.get("error") or {}
    details = error.get("details") or {}
    code = str(details.get("error_code", "") if isinstance(details, dict) else "")
    return "spend" in code.lower() or "spend limit" in str(error.get("message", "")).lower()


async def _watch(request: Any, call_next: Callable[[Any], Awaitable[Any]]) -> Any:
    """SDK middleware, once per HTTP attempt.

    A 429 for the organisation's spend limit (or one that asks for a long wait) is marked not
    to be retried: waiting minutes would only keep the student staring at "typing...". A
    non-streamed success is remembered so a reply the SDK cannot parse can still be explained.
    """
    response = await call_next(request)
    streamed = isinstance(request.json, dict) and request.json.get("stream")
    if response.status_code == 429:
        body = _json_or_none(await response.http_response.aread())
        wait = response.http_response.headers.get("retry-after")
        long_wait = wait is not None and wait.isdigit() and float(wait) > MAX_RETRY_AFTER_SECONDS
        if _is_spend_limit(body) or long_wait:
            response.http_response.headers["x-should-retry"] = "false"
    elif response.status_code == 200 and not streamed:
        body = _json_or_none(await response.http_response.aread())
        _LAST_BODY.set(body if isinstance(body, dict) else None)
    return response


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"null")
    except ValueError:  # not JSON: the SDK raises its own error for the caller
        return None


def _failure(exc: Exception) -> Failure:
    """Which kind of trouble an SDK exception is (logged by type, never with content)."""
    if isinstance(exc, anthropic.RateLimitError):
        return Failure.SPEND_LIMIT if _is_spend_limit(exc.body) else Failure.RATE_LIMITED
    if isinstance(exc, anthropic.APIStatusError) and (
        exc.status_code == 529 or exc.type == "overloaded_error"
    ):
        return Failure.OVERLOADED
    return Failure.UNAVAILABLE


def known_models() -> tuple[set[str], dict[str, str]]:
    """The model ids the installed SDK lists, and those it marks deprecated (with end of life)."""
    listed: set[str] = set()
    for arm in typing.get_args(anthropic.types.Model):
        listed |= {a for a in typing.get_args(arm) if isinstance(a, str)}
    try:
        from anthropic._data import DEPRECATED_MODELS
    except ImportError:  # a later SDK may move it; the check is advisory
        DEPRECATED_MODELS = {}
    return listed, dict(DEPRECATED_MODELS)


def model_problems(models: Mapping[Task, str]) -> list[str]:
    """One sentence per configured model the SDK does not list as current."""
    listed, deprecated = known_models()
    problems = []
    for task, model in models.items():
        if model in deprecated:
            problems.append(f"{task.value} model {model!r} is deprecated ({deprecated[model]})")
        elif model not in listed:
            problems.append(
                f"{task.value} model {model!r} is unknown to anthropic {anthropic.__version__}"
            )
    return problems


class ClaudeGateway:
    """Claude through the official SDK: cached prefix, structured outputs, streaming, budgets."""

    def __init__(
        self,
        client: anthropic.AsyncAnthropic,
        *,
        models: Mapping[Task, str],
        max_tokens: int,
        ledger: Ledger | None = None,
        effort: str = "",
    ) -> None:
        self._client = client
        self._models = dict(models)
        self._max_tokens = max_tokens
        self._ledger = ledger
        self._effort = effort

    @property
    def enabled(self) -> bool:
        """Always enabled: a gateway only exists when a key is configured."""
        return True

    @property
    def models(self) -> dict[Task, str]:
        """The model per task."""
        return dict(self._models)

    def check_models(self) -> list[str]:
        """Log, in one line, any configured model the SDK does not know; return the problems."""
        problems = model_problems(self._models)
        if problems:
            log.warning(
                "Claude models: %s; requests may fail and fall back offline", "; ".join(problems)
            )
        return problems

    # -- the public face -----------------------------------------------------------------------

    async def complete(self, request: Request) -> Reply[str]:
        """Free text."""

        async def work() -> tuple[str, Usage, int]:
            message = await self._client.messages.create(**self._params(request))
            usage = _usage(message.usage)
            text = self._text_of(message.stop_reason, message.content, usage)
            return text, usage, 1

        return await self._guarded(request, work)

    async def stream(self, request: Request, on_text: OnText) -> Reply[str]:
        """Free text, streamed to ``on_text``; an error mid-stream is a failure like any other."""

        async def work() -> tuple[str, Usage, int]:
            text = ""
            async with self._client.messages.stream(**self._params(request)) as stream:
                async for chunk in stream.text_stream:
                    text += chunk
                    await on_text(text)
                message = await stream.get_final_message()
            usage = _usage(message.usage)
            return self._text_of(message.stop_reason, message.content, usage), usage, 1

        return await self._guarded(request, work)

    async def parse(
        self, request: Request, output: type[M], check: Check[M] | None = None
    ) -> Reply[M]:
        """Structured output through ``messages.parse``; one repair round names what failed."""

        async def work() -> tuple[M, Usage, int]:
            params = self._params(request)
            messages = list(params.pop("messages"))
            total = Usage()
            last: M | None = None
            for attempt in range(1, MAX_REPAIRS + 2):
                _LAST_BODY.set(None)
                problems: list[str]
                try:
                    message = await self._client.messages.parse(
                        **params, messages=messages, output_format=output
                    )
                except ValidationError as exc:
                    body = _LAST_BODY.get() or {}
                    total += _usage(body.get("usage"))
                    if body.get("stop_reason") == "max_tokens":
                        raise _Outcome(Failure.TRUNCATED, total) from None
                    if body.get("stop_reason") == "refusal":
                        raise _Outcome(Failure.REFUSED, total) from None
                    raw = "".join(
                        b.get("text", "")
                        for b in body.get("content", [])
                        if b.get("type") == "text"
                    )
                    problems = [_describe(e) for e in exc.errors()[:5]]
                else:
                    total += _usage(message.usage)
                    if message.stop_reason in ("max_tokens", "refusal"):
                        raise _Outcome(_stop_failure(message.stop_reason), total)
                    parsed = message.parsed_output
                    last = parsed if parsed is not None else last
                    raw = "".join(b.text for b in message.content if b.type == "text")
                    if parsed is None:
                        problems = ["the reply held no JSON object"]
                    else:
                        problems = check(parsed) if check else []
                        if not problems:
                            return parsed, total, attempt
                log.info("Claude's %s broke %s (attempt %d)", output.__name__, problems, attempt)
                messages = [
                    *messages,
                    {"role": "assistant", "content": raw or "{}"},
                    {"role": "user", "content": render(_REPAIR_TEMPLATE, problems=problems)},
                ]
            raise _Outcome(Failure.INVALID, total, last)

        return await self._guarded(request, work)

    # -- plumbing ----------------------------------------------------------------------------

    def _params(self, request: Request) -> dict[str, Any]:
        system: list[dict[str, Any]] = [
            {"type": "text", "text": system_prefix(), "cache_control": {"type": "ephemeral"}}
        ]
        if request.task_template:
            task_text = render(request.task_template, **request.variables)
            if task_text:
                system.append({"type": "text", "text": task_text})
        params: dict[str, Any] = {
            "model": self._models[request.task],
            "max_tokens": request.max_tokens or self._max_tokens,
            "system": system,
            "messages": [
                {"role": "user", "content": render(request.user_template, **request.variables)}
            ],
        }
        if self._effort:
            # Thinking tokens count toward max_tokens; short coaching needs little of it.
            params["output_config"] = {"effort": self._effort}
        return params

    @staticmethod
    def _text_of(stop_reason: str | None, content: Any, usage: Usage) -> str:
        if stop_reason in ("max_tokens", "refusal"):
            raise _Outcome(_stop_failure(stop_reason), usage)
        text = "".join(block.text for block in content if block.type == "text").strip()
        if not text:
            raise _Outcome(Failure.INVALID, usage)
        return text

    async def _guarded(
        self, request: Request, work: Callable[[], Awaitable[tuple[T, Usage, int]]]
    ) -> Reply[T]:
        """Budget first, one request at a time per student, usage recorded, failures as values."""
        student = request.student if request.student is not None else current_student.get()
        ledger = self._ledger
        if student is not None and ledger is not None and await ledger.exhausted(student):
            return Reply(None, Failure.BUDGET, resets_at=ledger.resets_at(), attempts=0)
        turn: AbstractAsyncContextManager[None] = (
            ledger.turn(student) if student is not None and ledger is not None else nullcontext()
        )
        async with turn:
            try:
                value, usage, attempts = await work()
                reply: Reply[T] = Reply(value, usage=usage, attempts=attempts)
            except _Outcome as outcome:
                log.info("Claude gave no usable %s (%s)", request.user_template, outcome.failure)
                reply = Reply(outcome.value, outcome.failure, usage=outcome.usage)
            except anthropic.AnthropicError as exc:
                failure = _failure(exc)
                log.warning(
                    "Claude unavailable for %s (%s, %s); using the offline coach",
                    request.user_template,
                    type(exc).__name__,
                    failure.value,
                )
                reply = Reply(None, failure)
            if student is not None and ledger is not None and reply.usage != Usage():
                await ledger.record(student, reply.usage)
        return reply

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.close()


def _stop_failure(stop_reason: str) -> Failure:
    return Failure.TRUNCATED if stop_reason == "max_tokens" else Failure.REFUSED


def _describe(error: Mapping[str, Any]) -> str:
    """A pydantic error as a rule and a reason Claude can act on."""
    where = ".".join(str(part) for part in error.get("loc", ())) or "the reply"
    return f"{where}: {error.get('msg', 'invalid')}"


def build_gateway(
    settings: Settings,
    *,
    ledger: Ledger | None = None,
    http_client: httpx2.AsyncClient | None = None,
) -> ClaudeGateway:
    """The gateway for a configured key; logs one line if a model is not one the SDK lists."""
    assert settings.anthropic_api_key is not None
    client = anthropic.AsyncAnthropic(
        api_key=settings.anthropic_api_key.get_secret_value(),
        timeout=settings.anthropic_timeout,
        max_retries=settings.anthropic_max_retries,
        http_client=http_client,
        middleware=[_watch],
    )
    models = {Task.COACH: settings.anthropic_model, Task.CHECK: settings.anthropic_check_model}
    gateway = ClaudeGateway(
        client,
        models=models,
        max_tokens=settings.anthropic_max_tokens,
        ledger=ledger,
        effort=settings.anthropic_effort,
    )
    gateway.check_models()
    return gateway
