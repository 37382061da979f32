"""A scripted transcription backend that records what it was asked to transcribe."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass
class ScriptedTranscriber:
    """Returns queued transcripts in order (then None); keeps every audio payload it got."""

    transcripts: deque[str | None] = field(default_factory=deque)
    received: list[bytes] = field(default_factory=list)

    @property
    def enabled(self) -> bool:
        """Behaves like a configured backend."""
        return True

    def script(self, *transcripts: str | None) -> ScriptedTranscriber:
        """Queue transcripts."""
        self.transcripts.extend(transcripts)
        return self

    async def transcribe(self, audio: bytes, mime_type: str | None) -> str | None:
        """Next transcript."""
        self.received.append(audio)
        return self.transcripts.popleft() if self.transcripts else None
