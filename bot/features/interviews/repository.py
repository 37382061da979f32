"""Interviews, stored in the user's "interviews" table; each method is one store transaction."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from bot.clock import Clock
from bot.features.interviews.domain.interviews import Interview
from bot.features.nudges import sync as nudges
from bot.store.base import Store, Transaction
from bot.store.records import from_json, to_json

INTERVIEWS = "interviews"


def new_id() -> str:
    """A short random record id, unique within one student's data."""
    return secrets.token_hex(4)


class InterviewRepository:
    """Load and save ``Interview`` records for one store."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def create(
        self, user_id: int, contact_id: str, objective: str, questions: tuple[str, ...] = ()
    ) -> Interview:
        """A new planned interview with a fresh id."""
        interview = Interview(
            id=new_id(),
            contact_id=contact_id,
            objective=objective.strip(),
            created_at=self._clock.now(),
            questions=tuple(questions),
        )

        def work(tx: Transaction) -> None:
            tx.table(INTERVIEWS).put(to_json(interview))

        await self._store.run(user_id, work)
        return interview

    async def get(self, user_id: int, interview_id: str) -> Interview | None:
        """The interview, or None if it was never stored (or deleted)."""

        def work(tx: Transaction) -> Interview | None:
            record = tx.table(INTERVIEWS).get(interview_id)
            return from_json(Interview, record) if record else None

        return await self._store.run(user_id, work)

    async def save(self, user_id: int, interview: Interview) -> None:
        """Store the interview as it is now (insert or replace)."""
        record = to_json(interview)
        now = self._clock.now()

        def work(tx: Transaction) -> None:
            table = tx.table(INTERVIEWS)
            old = table.get(interview.id)
            table.put(record)
            before = from_json(Interview, old) if old else None
            nudges.interview_changed(tx, before, interview, now)

        await self._store.run(user_id, work)

    async def update(
        self, user_id: int, interview_id: str, change: Callable[[Interview], Interview]
    ) -> Interview | None:
        """Read, change and write in one transaction, so concurrent edits never lose each other."""
        now = self._clock.now()

        def work(tx: Transaction) -> Interview | None:
            table = tx.table(INTERVIEWS)
            record = table.get(interview_id)
            if record is None:
                return None
            before = from_json(Interview, record)
            changed = change(before)
            table.put(to_json(changed))
            nudges.interview_changed(tx, before, changed, now)
            return changed

        return await self._store.run(user_id, work)

    async def for_contact(self, user_id: int, contact_id: str) -> list[Interview]:
        """The contact's interviews, oldest first."""

        def work(tx: Transaction) -> list[Interview]:
            records = tx.table(INTERVIEWS).find(lambda r: r.get("contact_id") == contact_id)
            return sorted((from_json(Interview, r) for r in records), key=lambda i: i.created_at)

        return await self._store.run(user_id, work)

    async def all(self, user_id: int) -> list[Interview]:
        """Every interview, oldest first (for anonymous /stats)."""

        def work(tx: Transaction) -> list[Interview]:
            records = tx.table(INTERVIEWS).all()
            return sorted((from_json(Interview, r) for r in records), key=lambda i: i.created_at)

        return await self._store.run(user_id, work)

    async def latest_for_contact(self, user_id: int, contact_id: str) -> Interview | None:
        """The most recently created interview with the contact, if any."""
        interviews = await self.for_contact(user_id, contact_id)
        return interviews[-1] if interviews else None
