"""The nudge sender's pacing: global rate, one message a second per chat, RetryAfter pauses."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.features.nudges.limiter import SendLimiter


class FakePace:
    """Records the moment each sender was given; nothing sleeps."""

    def __init__(self) -> None:
        self.t = 0.0
        self.moments: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep_until(self, moment: float) -> None:
        self.moments.append(moment)
        await asyncio.sleep(0)


async def _run(limiter: SendLimiter, pace: FakePace, chats: list[int]) -> list[tuple[float, int]]:
    await asyncio.gather(*(limiter.acquire(chat) for chat in chats))
    return list(zip(pace.moments, chats, strict=True))


async def test_global_rate_is_kept_in_every_second() -> None:
    pace = FakePace()
    limiter = SendLimiter(pace, per_second=30)
    slots = await _run(limiter, pace, list(range(300)))
    times = sorted(t for t, _ in slots)
    assert times[-1] >= 299 / 30 - 1e-9
    assert max(sum(1 for t in times if s <= t < s + 1) for s in times) <= 30


async def test_one_chat_gets_one_message_a_second() -> None:
    pace = FakePace()
    limiter = SendLimiter(pace, per_second=30)
    slots = await _run(limiter, pace, [7, 7, 7, 8])
    mine = sorted(t for t, c in slots if c == 7)
    assert [round(b - a, 6) for a, b in itertools.pairwise(mine)] == [1.0, 1.0]
    assert min(t for t, c in slots if c == 8) < 1.0  # others are not held up


async def test_retry_after_pauses_everyone() -> None:
    pace = FakePace()
    limiter = SendLimiter(pace, per_second=30)
    limiter.pause(5)
    assert (await _run(limiter, pace, [1]))[0][0] == pytest.approx(5)
