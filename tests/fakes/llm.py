"""A scripted stand-in for the LLM gateway that records every call (in the style of simonw/llm)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Call:
    """One request the bot made to the model."""

    kind: str
    system: str
    user: str
    variables: dict[str, Any]


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
        self.calls.append(Call("text", system, user, variables))
        return self.replies.popleft() if self.replies else None

    async def json(
        self, system: str, user: str, /, *, schema: dict[str, Any], **variables: Any
    ) -> dict[str, Any] | None:
        """Next scripted JSON object."""
        self.calls.append(Call("json", system, user, variables))
        return self.replies.popleft() if self.replies else None
