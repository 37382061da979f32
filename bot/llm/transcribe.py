"""Pluggable speech-to-text for voice notes; off by default.

No transcription backend ships with the coach (none runs offline without large model downloads),
so deployers plug one in with ``TRANSCRIBE_COMMAND``: any program that reads an audio file path and
prints the transcript, e.g. ``whisper-cli -nt -f {file}``. Without it, voice notes still get
duration feedback.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import tempfile
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class Transcriber(Protocol):
    """Turns a voice note into text."""

    @property
    def enabled(self) -> bool:
        """False when :meth:`transcribe` always returns None."""
        ...

    async def transcribe(self, audio: bytes, mime_type: str | None) -> str | None:
        """The transcript, or None when unavailable or failed."""
        ...


class NoTranscriber:
    """The default: no transcripts."""

    @property
    def enabled(self) -> bool:
        """Never enabled."""
        return False

    async def transcribe(self, audio: bytes, mime_type: str | None) -> str | None:
        """Always None."""
        return None


class CommandTranscriber:
    """Runs a deployer-configured command; ``{file}`` in it is replaced by the audio file's path."""

    def __init__(self, command: str, *, timeout: float = 120.0) -> None:
        self._argv = shlex.split(command)
        self._timeout = timeout

    @property
    def enabled(self) -> bool:
        """Always enabled."""
        return True

    async def transcribe(self, audio: bytes, mime_type: str | None) -> str | None:
        """Write the audio to a temp file, run the command, return its stdout."""
        suffix = ".ogg" if (mime_type or "").endswith("ogg") else ".audio"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"voice{suffix}"
            await asyncio.to_thread(path.write_bytes, audio)
            argv = [part.replace("{file}", str(path)) for part in self._argv]
            if not any("{file}" in part for part in self._argv):
                argv.append(str(path))
            try:
                process = await asyncio.create_subprocess_exec(
                    *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
                )
                out, err = await asyncio.wait_for(process.communicate(), self._timeout)
            except (OSError, TimeoutError) as exc:
                log.warning("transcribe.failed kind=%s", type(exc).__name__)
                return None
        if process.returncode != 0:
            # Not its stderr: a speech-to-text tool may echo what the student said.
            log.warning("transcribe.failed exit=%s stderr_bytes=%s", process.returncode, len(err))
            return None
        text = out.decode("utf-8", errors="replace").strip()
        return text or None


def build_transcriber(command: str | None) -> Transcriber:
    """The configured backend, or none."""
    return CommandTranscriber(command) if command else NoTranscriber()
