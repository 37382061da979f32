"""A scripted stand-in for the LLM gateway that records every call (in the style of simonw/llm)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from bot.llm.prompts import render


@dataclass
class Call:
    """One request the bot made to the model, with the prompts as Claude would read them."""

    kind: str
    system: str
    user: str
    variables: dict[str, Any]
    system_text: str = ""
    user_text: str = ""


@dataclass
class ScriptedLLM:
    """Answers with queued replies (``None`` means "Claude could not help"), then ``None``."""

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

    async def text(self, system: str, user: str, /, **variables: Any) -> str | None:
        """Next scripted text."""
        self.calls.append(_call("text", system, user, variables))
        return self.replies.popleft() if self.replies else None

    async def json(
        self, system: str, user: str, /, *, schema: dict[str, Any], **variables: Any
    ) -> dict[str, Any] | None:
        """Next scripted JSON object."""
        self.calls.append(_call("json", system, user, variables))
        return self.replies.popleft() if self.replies else None


def _call(kind: str, system: str, user: str, variables: dict[str, Any]) -> Call:
    """Render both prompts strictly, as the real gateway does, so a template that needs a
    variable the caller forgot fails the test instead of a student's request."""
    return Call(
        kind, system, user, variables, render(system, **variables), render(user, **variables)
    )
