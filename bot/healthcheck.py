"""``python -m bot.healthcheck``: exit 0 when the running bot answers ``/healthz``, else 1.

The container's HEALTHCHECK runs this every 30 seconds, so it imports nothing heavy (no
python-telegram-bot, no anthropic) and needs no curl in the image.
"""

from __future__ import annotations

import os
import sys
import urllib.request

DEFAULT_PORT = 8080


def check(host: str, port: int, *, path: str = "/healthz", timeout: float = 5) -> bool:
    """True when ``http://host:port/path`` answers 200."""
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    try:
        with urllib.request.urlopen(f"http://{host}:{port}{path}", timeout=timeout) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def main() -> int:
    """Read HTTP_HOST/HTTP_PORT as the bot does (environment; the image sets both)."""
    host = os.environ.get("HTTP_HOST", "127.0.0.1")
    port = int(os.environ.get("HTTP_PORT") or DEFAULT_PORT)
    return 0 if check(host, port) else 1


if __name__ == "__main__":
    sys.exit(main())
