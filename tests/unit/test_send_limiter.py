"""The nudge sender's pacing: global rate, one message a second per chat, RetryAfter pauses."""

from __future__ import annotations

import pytest

from bot.features.nudges.limiter import SendLimiter


class FakePace:
    """A clock that moves only when a sender waits; nothing really sleeps."""

    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    async def sleep_until(self, moment: float) -> None:
        self.t = max(self.t, moment)


async def test_global_rate_is_kept_in_every_second() -> None:
    pace = FakePace()
    limiter = SendLimiter(pace, per_second=30)
    times = []
    for chat in range(300):
        await limiter.acquire(chat)
        times.append(pace.now())
    assert times[-1] == pytest.approx(299 / 30, abs=1e-6)
    assert max(sum(1 for t in times if s <= t < s + 1) for s in times) <= 30


async def test_one_chat_waits_a_second_without_holding_up_the_others() -> None:
    limiter = SendLimiter(FakePace(), per_second=30)
    mine = [limiter.reserve(7) for _ in range(3)]
    other = limiter.reserve(8)
    assert mine == pytest.approx([0.0, 1.0, 2.0], abs=1e-6)
    assert other < 0.1  # booked in the first free slot, not after chat 7's third message


async def test_a_chat_that_got_a_message_late_still_waits_a_full_second() -> None:
    pace = FakePace()
    limiter = SendLimiter(pace, per_second=30)
    limiter.reserve(1)  # booked for 0.0 ...
    pace.t = 0.7  # ... but the sender only got to it now (a busy event loop)
    await limiter.acquire(2)
    await limiter.acquire(1)
    first = pace.now()
    await limiter.acquire(1)
    assert pace.now() - first >= 1.0


async def test_retry_after_pauses_everyone() -> None:
    pace = FakePace()
    limiter = SendLimiter(pace, per_second=30)
    limiter.pause(5)
    await limiter.acquire(1)
    assert pace.now() == pytest.approx(5)
