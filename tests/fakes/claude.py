"""A fake Anthropic Messages API at the HTTP edge: the real SDK runs against scripted answers.

The anthropic 2.x SDK is built on ``httpx2``; ``httpx2.MockTransport`` lets its real code run
(serialisation, streaming, retries, error mapping, ``messages.parse``) while every request is
recorded. Replies are plain or streamed, whichever the request asks for; errors can come before
or in the middle of a stream. Prompt caching is simulated the way the API reports it: the first
request with a given cached prefix writes it, later ones read it.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx2


@dataclass
class _Entry:
    """One scripted answer."""

    status: int = 200
    text: str = ""
    chunks: tuple[str, ...] | None = None
    stop_reason: str = "end_turn"
    error_type: str = "api_error"
    message: str = ""
    fail_after: int | None = None  # stream: raise an SSE error after this many chunks
    timeout: bool = False
    retry_after: str | None = None
    input_tokens: int = 120
    output_tokens: int = 40
    thinking: str = ""  # a thinking block before the text, as Claude 5.x models send by default


def _cached_tokens(body: dict[str, Any]) -> tuple[str, int] | None:
    """The cached prefix of a request (up to the last cache_control block) and its size."""
    system = body.get("system")
    if not isinstance(system, list):
        return None
    upto = [i for i, b in enumerate(system) if isinstance(b, dict) and b.get("cache_control")]
    if not upto:
        return None
    text = "".join(b.get("text", "") for b in system[: upto[-1] + 1])
    return f"{body.get('model')}|{text}", max(1, len(text) // 4)


@dataclass
class FakeClaude:
    """Queue ``reply``/``stream``/``fail``/``timeout`` answers; inspect ``requests`` afterwards."""

    entries: deque[_Entry] = field(default_factory=deque)
    # Real API errors may carry retry-after; 1 ms keeps the SDK's retries real but instant.
    retry_after_ms: str = "1"
    requests: list[dict[str, Any]] = field(default_factory=list)
    #: Minimum cacheable prefix (tokens, estimated): shorter prefixes are silently not cached.
    cache_minimum: int = 1024
    _cache: set[str] = field(default_factory=set)

    # -- scripting ---------------------------------------------------------------------------

    def reply(
        self,
        text: str,
        *,
        stop_reason: str = "end_turn",
        output_tokens: int = 40,
        thinking: str = "",
    ) -> FakeClaude:
        """A successful message (streamed as a few chunks if the request streams)."""
        self.entries.append(
            _Entry(
                text=text, stop_reason=stop_reason, output_tokens=output_tokens, thinking=thinking
            )
        )
        return self

    def reply_json(
        self, data: object, *, stop_reason: str = "end_turn", thinking: str = ""
    ) -> FakeClaude:
        """A structured-output reply: the JSON text of ``data``."""
        return self.reply(json.dumps(data), stop_reason=stop_reason, thinking=thinking)

    def stream(
        self,
        *chunks: str,
        stop_reason: str = "end_turn",
        fail_after: int | None = None,
        error_type: str = "overloaded_error",
    ) -> FakeClaude:
        """A streamed message in exactly these chunks; ``fail_after`` breaks it mid-way."""
        self.entries.append(
            _Entry(
                text="".join(chunks),
                chunks=chunks,
                stop_reason=stop_reason,
                fail_after=fail_after,
                error_type=error_type,
                message="Overloaded",
            )
        )
        return self

    def fail(
        self,
        status: int = 500,
        message: str = "internal error",
        *,
        error_type: str | None = None,
        retry_after: str | None = None,
    ) -> FakeClaude:
        """An API error response before anything is streamed."""
        kind = error_type or {
            429: "rate_limit_error",
            529: "overloaded_error",
            400: "invalid_request_error",
        }.get(status, "api_error")
        self.entries.append(
            _Entry(status=status, error_type=kind, message=message, retry_after=retry_after)
        )
        return self

    def timeout(self) -> FakeClaude:
        """The connection times out (the SDK maps it to APITimeoutError)."""
        self.entries.append(_Entry(timeout=True))
        return self

    # -- what tests read -------------------------------------------------------------------------

    def user_text(self, index: int = -1) -> str:
        """The first user turn of a recorded request, as Claude reads it."""
        content = self.requests[index]["messages"][0]["content"]
        return content if isinstance(content, str) else "".join(b["text"] for b in content)

    # -- the transport -------------------------------------------------------------------------

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        """The MockTransport callback."""
        body = json.loads(request.content)
        self.requests.append(body)
        if not self.entries:
            error = {"type": "error", "error": {"type": "api_error", "message": "unscripted"}}
            return httpx2.Response(500, json=error, headers={"x-should-retry": "false"})
        entry = self.entries.popleft()
        if entry.timeout:
            raise httpx2.ReadTimeout("timed out", request=request)
        if entry.status >= 400:
            error = {"type": "error", "error": {"type": entry.error_type, "message": entry.message}}
            headers = {"retry-after-ms": self.retry_after_ms}
            if entry.retry_after is not None:
                headers = {"retry-after": entry.retry_after}
            return httpx2.Response(entry.status, json=error, headers=headers)
        usage = self._usage(body, entry)
        if body.get("stream"):
            return httpx2.Response(
                200,
                content=self._sse(body, entry, usage).encode(),
                headers={"content-type": "text/event-stream"},
            )
        return httpx2.Response(200, json=self._message(body, entry, usage))

    def client(self) -> httpx2.AsyncClient:
        """An HTTP client whose every request is answered by this fake."""
        return httpx2.AsyncClient(transport=httpx2.MockTransport(self.handler))

    # -- helpers -------------------------------------------------------------------------------

    def _usage(self, body: dict[str, Any], entry: _Entry) -> dict[str, int]:
        usage = {
            "input_tokens": entry.input_tokens,
            "output_tokens": entry.output_tokens,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        }
        cached = _cached_tokens(body)
        if cached is not None and cached[1] >= self.cache_minimum:
            key, tokens = cached
            slot = (
                "cache_read_input_tokens" if key in self._cache else "cache_creation_input_tokens"
            )
            usage[slot] = tokens
            self._cache.add(key)
        return usage

    def _message(
        self, body: dict[str, Any], entry: _Entry, usage: dict[str, int]
    ) -> dict[str, Any]:
        return {
            "id": f"msg_{len(self.requests)}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "claude-test"),
            "content": [
                *(
                    [{"type": "thinking", "thinking": entry.thinking, "signature": "sig"}]
                    if entry.thinking
                    else []
                ),
                {"type": "text", "text": entry.text},
            ],
            "stop_reason": entry.stop_reason,
            "stop_sequence": None,
            "usage": usage,
        }

    def _sse(self, body: dict[str, Any], entry: _Entry, usage: dict[str, int]) -> str:
        chunks = entry.chunks or _split(entry.text)
        start = self._message(body, entry, {**usage, "output_tokens": 1})
        start.update(content=[], stop_reason=None)
        events: list[tuple[str, dict[str, Any]]] = [
            ("message_start", {"type": "message_start", "message": start}),
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            ),
        ]
        for n, chunk in enumerate(chunks):
            if entry.fail_after is not None and n == entry.fail_after:
                error = {
                    "type": "error",
                    "error": {"type": entry.error_type, "message": entry.message},
                }
                events.append(("error", error))
                return _encode(events)
            delta = {"type": "text_delta", "text": chunk}
            events.append(
                ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta})
            )
        events += [
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": entry.stop_reason, "stop_sequence": None},
                    "usage": {"output_tokens": usage["output_tokens"]},
                },
            ),
            ("message_stop", {"type": "message_stop"}),
        ]
        return _encode(events)


def _split(text: str, size: int = 12) -> tuple[str, ...]:
    return tuple(text[i : i + size] for i in range(0, len(text), size)) or ("",)


def _encode(events: list[tuple[str, dict[str, Any]]]) -> str:
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)
