"""Interviews and shown drafts, stored in the user's "interviews" and "drafts" tables.

Each method is one store transaction. Drafts are kept as shown so "I sent it" records the send
time, and so the follow-up can be limited to one per contact as the handout advises.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from bot.clock import Clock
from bot.domain.drafts import Draft, DraftKind, SavedDraft
from bot.domain.interviews import Interview
from bot.store.base import Store, Transaction

INTERVIEWS = "interviews"
DRAFTS = "drafts"


def _new_id() -> str:
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
            id=_new_id(),
            contact_id=contact_id,
            objective=objective.strip(),
            created_at=self._clock.now(),
            questions=tuple(questions),
        )

        def work(tx: Transaction) -> None:
            tx.table(INTERVIEWS).put(interview.to_record())

        await self._store.run(user_id, work)
        return interview

    async def get(self, user_id: int, interview_id: str) -> Interview | None:
        """The interview, or None if it was never stored (or deleted)."""

        def work(tx: Transaction) -> Interview | None:
            record = tx.table(INTERVIEWS).get(interview_id)
            return Interview.from_record(record) if record else None

        return await self._store.run(user_id, work)

    async def save(self, user_id: int, interview: Interview) -> None:
        """Store the interview as it is now (insert or replace)."""
        record = interview.to_record()
        await self._store.run(user_id, lambda tx: tx.table(INTERVIEWS).put(record))

    async def update(
        self, user_id: int, interview_id: str, change: Callable[[Interview], Interview]
    ) -> Interview | None:
        """Read, change and write in one transaction, so concurrent edits never lose each other."""

        def work(tx: Transaction) -> Interview | None:
            table = tx.table(INTERVIEWS)
            record = table.get(interview_id)
            if record is None:
                return None
            changed = change(Interview.from_record(record))
            table.put(changed.to_record())
            return changed

        return await self._store.run(user_id, work)

    async def for_contact(self, user_id: int, contact_id: str) -> list[Interview]:
        """The contact's interviews, oldest first."""

        def work(tx: Transaction) -> list[Interview]:
            records = tx.table(INTERVIEWS).find(lambda r: r.get("contact_id") == contact_id)
            return sorted((Interview.from_record(r) for r in records), key=lambda i: i.created_at)

        return await self._store.run(user_id, work)

    async def latest_for_contact(self, user_id: int, contact_id: str) -> Interview | None:
        """The most recently created interview with the contact, if any."""
        interviews = await self.for_contact(user_id, contact_id)
        return interviews[-1] if interviews else None


class DraftRepository:
    """Keep every draft that was shown, and when the student said they sent it."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def keep(self, user_id: int, contact_id: str, draft: Draft) -> SavedDraft:
        """Record a draft at the moment it is shown."""
        saved = SavedDraft(
            id=_new_id(),
            kind=draft.kind,
            contact_id=contact_id,
            subject=draft.subject,
            body=draft.body,
            source=draft.source,
            created_at=self._clock.now(),
        )
        record = saved.to_record()
        await self._store.run(user_id, lambda tx: tx.table(DRAFTS).put(record))
        return saved

    async def get(self, user_id: int, draft_id: str) -> SavedDraft | None:
        """A kept draft by id."""

        def work(tx: Transaction) -> SavedDraft | None:
            record = tx.table(DRAFTS).get(draft_id)
            return SavedDraft.from_record(record) if record else None

        return await self._store.run(user_id, work)

    async def mark_sent(self, user_id: int, draft_id: str) -> SavedDraft | None:
        """Record "I sent it" once; a second tap keeps the first send time."""
        now = self._clock.now()

        def work(tx: Transaction) -> SavedDraft | None:
            table = tx.table(DRAFTS)
            record = table.get(draft_id)
            if record is None:
                return None
            saved = SavedDraft.from_record(record)
            if saved.sent_at is None:
                saved = SavedDraft.from_record({**record, "sent_at": now.isoformat()})
                table.put(saved.to_record())
            return saved

        return await self._store.run(user_id, work)

    async def for_contact(self, user_id: int, contact_id: str) -> list[SavedDraft]:
        """Drafts for the contact, oldest first."""

        def work(tx: Transaction) -> list[SavedDraft]:
            records = tx.table(DRAFTS).find(lambda r: r.get("contact_id") == contact_id)
            return sorted((SavedDraft.from_record(r) for r in records), key=lambda d: d.created_at)

        return await self._store.run(user_id, work)

    async def sent_count(self, user_id: int, contact_id: str, kind: DraftKind) -> int:
        """How many drafts of a kind were sent; a second follow-up is one too many."""
        drafts = await self.for_contact(user_id, contact_id)
        return sum(1 for d in drafts if d.kind is kind and d.sent_at is not None)
