"""The only module that talks to Anthropic.

Callers name templates in ``prompts/`` and pass variables; they get plain text or a validated JSON
object back, or ``None`` when there is no key or Claude could not help this time (network, rate
limit, refusal, malformed output). ``None`` is the signal to use the offline coach, so a student
never sees an API error, only a slightly less personal answer.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Protocol

import anthropic
import httpx2

from bot.llm.prompts import render
from bot.settings import Settings

log = logging.getLogger(__name__)


class LLM(Protocol):
    """What features need from a language model."""

    @property
    def enabled(self) -> bool:
        """False when every call will return None (no key configured)."""
        ...

    async def text(self, system: str, user: str, /, **variables: Any) -> str | None:
        """Render the two templates, ask Claude, return its text (or None)."""
        ...

    async def json(
        self, system: str, user: str, /, *, schema: dict[str, Any], **variables: Any
    ) -> dict[str, Any] | None:
        """Like :meth:`text`, but the answer must be a JSON object matching ``schema``."""
        ...


class NoLLM:
    """The offline setting: every question goes to the rules-and-templates coach."""

    @property
    def enabled(self) -> bool:
        """Never enabled."""
        return False

    async def text(self, system: str, user: str, /, **variables: Any) -> str | None:
        """Always None."""
        return None

    async def json(
        self, system: str, user: str, /, *, schema: dict[str, Any], **variables: Any
    ) -> dict[str, Any] | None:
        """Always None."""
        return None


class ClaudeGateway:
    """Claude through the official SDK, with structured output for fields and a safe fallback."""

    def __init__(
        self,
        client: anthropic.AsyncAnthropic,
        *,
        model: str,
        max_tokens: int,
    ) -> None:
        self._client = client
        self._model = model
        self._max_tokens = max_tokens

    @property
    def enabled(self) -> bool:
        """Always enabled: a gateway only exists when a key is configured."""
        return True

    async def text(self, system: str, user: str, /, **variables: Any) -> str | None:
        """Ask for free text; None on any failure."""
        reply = await self._ask(system, user, variables, output_config=None)
        return reply.strip() if reply and reply.strip() else None

    async def json(
        self, system: str, user: str, /, *, schema: dict[str, Any], **variables: Any
    ) -> dict[str, Any] | None:
        """Ask for JSON shaped by ``schema``; None when the reply is not such an object."""
        config = {"format": {"type": "json_schema", "schema": schema}}
        reply = await self._ask(system, user, variables, output_config=config)
        if reply is None:
            return None
        try:
            data = json.loads(reply)
        except json.JSONDecodeError:
            log.warning("Claude returned malformed JSON for %s; using the offline coach", user)
            return None
        if not isinstance(data, dict):
            log.warning("Claude's reply to %s is not a JSON object; using the offline coach", user)
            return None
        missing = [key for key in schema.get("required", []) if key not in data]
        if missing:
            log.warning("Claude's JSON for %s lacks %s; using the offline coach", user, missing)
            return None
        return data

    async def _ask(
        self, system: str, user: str, variables: dict[str, Any], *, output_config: Any
    ) -> str | None:
        extra: dict[str, Any] = {"output_config": output_config} if output_config else {}
        try:
            message = await self._client.messages.create(
                model=self._model,
                max_tokens=self._max_tokens,
                system=render(system, **variables),
                messages=[{"role": "user", "content": render(user, **variables)}],
                **extra,
            )
        except anthropic.APIError as exc:
            log.warning("Claude unavailable (%s); using the offline coach", type(exc).__name__)
            return None
        if message.stop_reason == "refusal":
            return None
        parts = [block.text for block in message.content if block.type == "text"]
        return "".join(parts) or None

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.close()


def build_llm(settings: Settings, *, http_client: httpx2.AsyncClient | None = None) -> LLM:
    """Claude when a key is configured, otherwise the offline setting."""
    if settings.anthropic_api_key is None:
        return NoLLM()
    client = anthropic.AsyncAnthropic(
        api_key=settings.anthropic_api_key.get_secret_value(),
        timeout=settings.anthropic_timeout,
        max_retries=settings.anthropic_max_retries,
        http_client=http_client,
    )
    return ClaudeGateway(
        client, model=settings.anthropic_model, max_tokens=settings.anthropic_max_tokens
    )
