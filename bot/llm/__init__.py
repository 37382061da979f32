"""Claude behind one small gateway, plus the offline fallback contract every feature honours.

``anthropic`` is imported only by :mod:`bot.llm.gateway`, and that module only when a key is
configured, so the offline coach starts without the SDK's memory and start-up cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.llm.base import LLM, Failure, NoLLM, Reply, Request, Task, Usage
from bot.settings import Settings

if TYPE_CHECKING:
    import httpx2

    from bot.llm.ledger import Ledger

__all__ = ["LLM", "Failure", "NoLLM", "Reply", "Request", "Task", "Usage", "build_llm"]


def build_llm(
    settings: Settings,
    *,
    ledger: Ledger | None = None,
    http_client: httpx2.AsyncClient | None = None,
) -> LLM:
    """Claude when a key is configured, otherwise the offline setting."""
    if settings.anthropic_api_key is None:
        return NoLLM()
    from bot.llm.gateway import build_gateway  # the SDK is loaded only now

    return build_gateway(settings, ledger=ledger, http_client=http_client)
