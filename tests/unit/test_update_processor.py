"""One student's backlog must not hold up anyone else."""

from __future__ import annotations

import asyncio

from telegram import Update, User

from bot.processing import PerUserUpdateProcessor


def update_from(user_id: int) -> Update:
    update = Update(update_id=user_id)
    update._effective_user = User(user_id, "S", is_bot=False)  # what PTB derives from a message
    return update


async def test_a_backlog_from_one_student_does_not_block_another() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=2)
    release = asyncio.Event()
    order: list[str] = []

    async def slow(name: str) -> None:
        await release.wait()
        order.append(name)

    async def quick(name: str) -> None:
        order.append(name)

    busy = [
        asyncio.create_task(processor.process_update(update_from(1), slow(f"A{i}")))
        for i in range(5)
    ]
    await asyncio.sleep(0)  # let the backlog queue up (a scheduling yield, not a timed wait)
    other = asyncio.create_task(processor.process_update(update_from(2), quick("B")))
    await asyncio.wait_for(other, timeout=1)
    assert order == ["B"]  # served while student 1's first update is still running
    release.set()
    await asyncio.gather(*busy)
    assert order == ["B", "A0", "A1", "A2", "A3", "A4"]  # student 1 in order
