"""A rate limiter that wraps another: the shape every limiter in the chain shares.

The bot stacks python-telegram-bot's rate-limiter hook: outbox (hold replies until the commit),
button answers first, a shared budget across replicas, then PTB's ``AIORateLimiter``. Each layer
starts and stops the one inside it; only ``process_request`` differs.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from telegram.ext import BaseRateLimiter

RLARGS = TypeVar("RLARGS")


class ChainedRateLimiter(BaseRateLimiter[RLARGS], Generic[RLARGS]):
    """Starts and stops ``inner`` (when there is one) with itself."""

    def __init__(self, inner: BaseRateLimiter[Any] | None = None) -> None:
        self._inner = inner

    @property
    def inner(self) -> BaseRateLimiter[Any] | None:
        """The limiter inside this one, if any."""
        return self._inner

    async def initialize(self) -> None:
        """Start the inner limiter."""
        if self._inner is not None:
            await self._inner.initialize()

    async def shutdown(self) -> None:
        """Stop the inner limiter."""
        if self._inner is not None:
            await self._inner.shutdown()
