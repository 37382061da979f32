"""Claude within bounds: a per-student limit, a time budget, and "typing..." while waiting."""

from __future__ import annotations

import asyncio

from bot.llm.base import Failure, Reply, Request, current_student
from bot.llm.limits import GuardedLLM
from tests.fakes.llm import ScriptedLLM

ASK = Request(user_template="home/slow_down.html.j2")  # any template; the fake records the call


class Hanging(ScriptedLLM):
    """A Claude call that never returns (a stalled connection)."""

    async def complete(self, request: Request) -> Reply[str]:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def test_twenty_presses_make_at_most_the_per_minute_limit_of_requests() -> None:
    clock = [0.0]
    model = ScriptedLLM().script(*["a version"] * 40)
    guarded = GuardedLLM(model, per_minute=6, budget=30, monotonic=lambda: clock[0])
    current_student.set(1)
    replies = [await guarded.complete(ASK) for _ in range(20)]
    assert len(model.calls) == 6  # the other 14 went to the offline coach
    assert [r.failure for r in replies].count(Failure.RATE_LIMITED) == 14
    current_student.set(2)
    assert (await guarded.complete(ASK)).value == "a version"  # another student is not affected
    current_student.set(1)
    clock[0] = 61.0
    assert (await guarded.complete(ASK)).value == "a version"  # a minute later: allowed again


async def test_a_hanging_call_gives_up_within_the_budget_and_shows_typing() -> None:
    typed: list[int] = []

    async def typing(chat_id: int) -> None:
        typed.append(chat_id)

    guarded = GuardedLLM(Hanging(), per_minute=10, budget=0.05, typing=typing, typing_every=0.01)
    current_student.set(77)
    reply = await guarded.complete(ASK)
    assert reply.value is None and reply.failure is Failure.UNAVAILABLE  # offline coach answers
    assert typed and set(typed) == {77}
