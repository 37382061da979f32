"""Token usage per student, the daily budget, and one Claude request at a time per student.

Usage lives in the student's own file (key ``llm_usage``), so /export shows it and /deletedata
erases it. Days are UTC days; the student is told how long until the allowance comes back.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from bot.clock import Clock
from bot.llm.base import Usage
from bot.store.base import Store, Transaction
from bot.store.records import from_json, to_json

_KEY = "llm_usage"


@dataclass(frozen=True, slots=True)
class StudentUsage:
    """One student's counters: today (UTC) and since they started."""

    student: int
    day: str
    today: Usage
    total: Usage
    requests_today: int


def _load(tx: Transaction, day: str) -> dict[str, Any]:
    record = tx.get_value(_KEY) or {}
    if record.get("day") != day:
        record = {"day": day, "today": {}, "requests": 0, "total": record.get("total", {})}
    return dict(record)


class Ledger:
    """Counts tokens per student and says whether the next request fits today's budget."""

    def __init__(
        self, store: Store, clock: Clock, *, daily_budget: int, exempt: frozenset[int]
    ) -> None:
        self._store = store
        self._clock = clock
        self._budget = daily_budget
        self._exempt = exempt
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: Counter[int] = Counter()

    @property
    def daily_budget(self) -> int:
        """Tokens a student may use per UTC day (0 means no limit)."""
        return self._budget

    def _day(self) -> str:
        return self._clock.now().date().isoformat()

    def resets_at(self) -> datetime:
        """The next UTC midnight."""
        now = self._clock.now()
        return datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)

    async def exhausted(self, student: int) -> bool:
        """True when the student has used today's budget (admins never run out)."""
        if student in self._exempt or self._budget <= 0:
            return False
        return (await self.usage(student)).today.billed >= self._budget

    async def record(self, student: int, usage: Usage) -> None:
        """Add one request's usage to today's and the lifetime counters."""
        day = self._day()

        def work(tx: Transaction) -> None:
            record = _load(tx, day)
            record["today"] = to_json(from_json(Usage, record["today"]) + usage)
            record["total"] = to_json(from_json(Usage, record["total"]) + usage)
            record["requests"] = int(record.get("requests", 0)) + 1
            tx.set_value(_KEY, record)

        await self._store.run(student, work)

    async def usage(self, student: int) -> StudentUsage:
        """The student's counters (zero for someone who never used Claude)."""
        day = self._day()

        def work(tx: Transaction) -> StudentUsage:
            record = _load(tx, day)
            return StudentUsage(
                student,
                day,
                from_json(Usage, record["today"]),
                from_json(Usage, record["total"]),
                int(record.get("requests", 0)),
            )

        return await self._store.run(student, work)

    async def everyone(self) -> list[StudentUsage]:
        """Every student's counters, heaviest today first (for /usage)."""
        rows = [await self.usage(s) for s in await self._store.user_ids()]
        rows = [r for r in rows if r.total != Usage()]
        return sorted(rows, key=lambda r: (-r.today.billed, -r.total.billed, r.student))

    @asynccontextmanager
    async def turn(self, student: int) -> AsyncIterator[None]:
        """Hold the student's Claude slot: one request at a time, even from background jobs."""
        lock = self._locks.setdefault(student, asyncio.Lock())
        self._holders[student] += 1
        try:
            async with lock:
                yield
        finally:
            self._holders[student] -= 1
            if not self._holders[student]:
                del self._holders[student], self._locks[student]
