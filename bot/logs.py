"""Logs that hold ids and event names only, at every level.

Students' names, notes and contacts must not outlive ``/deletedata`` in a log file, and a log
shipped to a colleague must not carry the bot token. Our own lines log ids only; the libraries
are the risk: python-telegram-bot at DEBUG logs every request and response body (message text,
contact cards), httpx logs request URLs (the token is in the path), and exceptions from either
repeat both. So those loggers never go below WARNING, whatever ``LOG_LEVEL`` says, and a filter
on the handler masks any configured secret that still slips into a line or a traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

# Loggers whose DEBUG/INFO output carries payloads, URLs with the token, or header values.
QUIET_LIBRARIES = (
    "telegram",
    "httpx",
    "httpx2",
    "httpcore",
    "hpack",
    "anthropic",
    "apscheduler",
    "uvicorn",
    "uvicorn.access",
    "uvicorn.error",
    "asyncio",
)
REDACTED = "[redacted]"
# A bot token's shape, for tokens we were not told about (another bot's, a typo'd one).
_TOKEN_SHAPE = re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}\b")


class RedactSecrets(logging.Filter):
    """Masks secrets in the rendered message and the traceback of every record."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN_SHAPE.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the record once, clean it, and keep it (never drops a line)."""
        record.msg = self._clean(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        record.exc_info = None if record.exc_text else record.exc_info
        return True


def configure(level: str, secrets: Iterable[str] = ()) -> None:
    """Plain, timestamped lines on stderr; libraries at WARNING or above; secrets masked."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    quiet_libraries()


def quiet_libraries() -> None:
    """Keep the libraries' payload-bearing DEBUG and INFO lines out, even at ``LOG_LEVEL=DEBUG``."""
    floor = logging.WARNING
    for name in QUIET_LIBRARIES:
        logger = logging.getLogger(name)
        logger.setLevel(max(floor, logger.level or floor))
