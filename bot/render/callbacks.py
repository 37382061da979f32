"""Compact, signed callback data: ``action|arg|arg|signature`` in at most 64 bytes.

Buttons name an action and a record. The signature is an HMAC over the pressing user's id and the
payload, so data crafted by hand, or copied from someone else's chat, is rejected before any handler
looks at the record it names.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

from bot.store.files import write_private

CALLBACK_LIMIT = 64
_SEP = "|"
_SIG_CHARS = 8


class CallbackTooLong(ValueError):
    """The encoded data would not fit Telegram's 64-byte limit."""


@dataclass(frozen=True, slots=True)
class Callback:
    """A verified button press."""

    action: str
    args: tuple[str, ...]

    def arg(self, index: int, default: str = "") -> str:
        """The argument at ``index``, or ``default`` when the button carried fewer."""
        return self.args[index] if index < len(self.args) else default


class CallbackCodec:
    """Encodes and verifies callback data for one deployment's secret."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def encode(self, user_id: int, action: str, *args: object) -> str:
        """Data for a button that only ``user_id`` may press."""
        parts = [action, *(str(a) for a in args)]
        if any(_SEP in p for p in parts):
            raise ValueError(f"callback parts may not contain {_SEP!r}: {parts!r}")
        payload = _SEP.join(parts)
        data = f"{payload}{_SEP}{self._sign(user_id, payload)}"
        if len(data.encode()) > CALLBACK_LIMIT:
            raise CallbackTooLong(f"{len(data.encode())} bytes: {data!r}")
        return data

    def decode(self, user_id: int, data: str) -> Callback | None:
        """The press, or None when the data is malformed or was not made for this user."""
        payload, sep, signature = data.rpartition(_SEP)
        if not sep or not payload:
            return None
        if not hmac.compare_digest(signature, self._sign(user_id, payload)):
            return None
        action, *args = payload.split(_SEP)
        return Callback(action, tuple(args))

    def _sign(self, user_id: int, payload: str) -> str:
        digest = hmac.new(self._secret, f"{user_id}{_SEP}{payload}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode()[:_SIG_CHARS]


def load_secret(data_dir: Path) -> bytes:
    """The signing secret, created once under DATA_DIR so old buttons survive restarts."""
    path = data_dir / "callback.secret"
    if path.exists():
        return path.read_bytes()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    secret = secrets.token_bytes(32)
    write_private(path, secret)  # 0600 from the first byte, fsynced, never half-written
    return secret
