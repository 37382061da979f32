"""A scripted stand-in for the LLM gateway that records every call (in the style of simonw/llm).

Replies are queued in order: a string for text and streams, a dict (or model) for structured
results, ``None`` for "Claude could not help", or a :class:`~bot.llm.base.Failure` to say why.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from bot.llm.base import Check, Failure, M, OnText, Reply, Request
from bot.render.templates import render


@dataclass
class Call:
    """One request the bot made to the model, with the prompts as Claude would read them."""

    kind: str
    system: str
    user: str
    variables: dict[str, Any]
    system_text: str = ""
    user_text: str = ""
    student: int | None = None


@dataclass
class ScriptedLLM:
    """Answers with queued replies, then ``None``."""

    replies: deque[Any] = field(default_factory=deque)
    calls: list[Call] = field(default_factory=list)

    @property
    def enabled(self) -> bool:
        """Scripted models behave like a configured key."""
        return True

    def script(self, *replies: Any) -> ScriptedLLM:
        """Queue replies in order."""
        self.replies.extend(replies)
        return self

    def _next(self) -> Any:
        return self.replies.popleft() if self.replies else None

    async def complete(self, request: Request) -> Reply[str]:
        """Next scripted text."""
        self.calls.append(_request_call("complete", request))
        return _reply(self._next())

    async def stream(self, request: Request, on_text: OnText) -> Reply[str]:
        """Next scripted text, fed to ``on_text`` a word at a time."""
        self.calls.append(_request_call("stream", request))
        reply = self._next()
        if isinstance(reply, str):
            so_far = ""
            for word in reply.split(" "):
                so_far = f"{so_far} {word}" if so_far else word
                await on_text(so_far)
        return _reply(reply)

    async def parse(
        self, request: Request, output: type[M], check: Check[M] | None = None
    ) -> Reply[M]:
        """Next scripted object, validated by ``output`` and ``check`` like the real gateway."""
        self.calls.append(_request_call("parse", request))
        reply = self._next()
        if reply is None or isinstance(reply, Failure):
            return _reply(reply)
        try:
            if isinstance(reply, str) and hasattr(output, "from_text"):
                parsed = output.from_text(reply)  # a model with a plain-text form (drafts)
            else:
                parsed = reply if isinstance(reply, output) else output.model_validate(reply)
        except ValidationError:  # malformed structured output: the offline coach answers
            return Reply(None, Failure.INVALID)
        if check is not None and check(parsed):
            return Reply(parsed, Failure.INVALID)
        return Reply(parsed)

    async def close(self) -> None:
        """Nothing to release."""


def _reply(reply: Any) -> Reply[Any]:
    if isinstance(reply, Failure):
        return Reply(None, reply)
    if reply is None:
        return Reply(None, Failure.UNAVAILABLE)
    return Reply(reply)


def _request_call(kind: str, request: Request) -> Call:
    variables = dict(request.variables)
    system = request.task_template or ""
    return Call(
        kind,
        system,
        request.user_template,
        variables,
        render(system, **variables) if system else "",
        render(request.user_template, **variables),
        request.student,
    )
