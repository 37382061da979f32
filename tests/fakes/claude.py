"""A fake Anthropic Messages API at the HTTP edge, for the gateway's own tests.

The anthropic 2.x SDK is built on ``httpx2``; ``httpx2.MockTransport`` lets the real SDK code run
(serialisation, retries, error mapping) against scripted responses, with every request recorded.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx2


@dataclass
class FakeClaude:
    """Queue ``reply(...)``/``fail(...)`` responses; inspect ``requests`` afterwards."""

    responses: deque[tuple[int, dict[str, Any]]] = field(default_factory=deque)
    # Real API errors may carry retry-after; 1 ms keeps the SDK's retries real but instant.
    retry_after_ms: str = "1"
    requests: list[dict[str, Any]] = field(default_factory=list)

    def reply(self, text: str, *, stop_reason: str = "end_turn") -> FakeClaude:
        """Queue a successful message whose content is ``text``."""
        body = {
            "id": f"msg_{len(self.responses) + 1}",
            "type": "message",
            "role": "assistant",
            "model": "claude-test",
            "content": [{"type": "text", "text": text}],
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": 10, "output_tokens": 20},
        }
        self.responses.append((200, body))
        return self

    def fail(self, status: int = 500, message: str = "overloaded") -> FakeClaude:
        """Queue an API error response."""
        error = {"type": "error", "error": {"type": "api_error", "message": message}}
        self.responses.append((status, error))
        return self

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        """The MockTransport callback."""
        self.requests.append(json.loads(request.content))
        if not self.responses:
            return httpx2.Response(500, json={"type": "error", "error": {"message": "unscripted"}})
        status, body = self.responses.popleft()
        headers = {"retry-after-ms": self.retry_after_ms} if status >= 400 else {}
        return httpx2.Response(status, json=body, headers=headers)

    def client(self) -> httpx2.AsyncClient:
        """An HTTP client whose every request is answered by this fake."""
        return httpx2.AsyncClient(transport=httpx2.MockTransport(self.handler))
