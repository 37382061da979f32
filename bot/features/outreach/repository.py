"""Drafts as shown, stored in the user's "drafts" table; each method is one store transaction.

Drafts are kept as shown so "I sent it" records the send time, and so the follow-up can be limited
to one per contact as the handout advises.
"""

from __future__ import annotations

import secrets
from dataclasses import replace

from bot.clock import Clock
from bot.features.nudges import sync as nudges
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import Draft, SavedDraft
from bot.store.base import Store, Transaction
from bot.store.records import from_json, to_json

DRAFTS = "drafts"


def new_id() -> str:
    """A short random record id, unique within one student's data."""
    return secrets.token_hex(4)


class DraftRepository:
    """Keep every draft that was shown, and when the student said they sent it."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def keep(self, user_id: int, contact_id: str, draft: Draft) -> SavedDraft:
        """Record a draft at the moment it is shown."""
        saved = SavedDraft(
            id=new_id(),
            kind=draft.kind,
            contact_id=contact_id,
            subject=draft.subject,
            body=draft.body,
            source=draft.source,
            created_at=self._clock.now(),
        )
        record = to_json(saved)
        await self._store.run(user_id, lambda tx: tx.table(DRAFTS).put(record))
        return saved

    async def get(self, user_id: int, draft_id: str) -> SavedDraft | None:
        """A kept draft by id."""

        def work(tx: Transaction) -> SavedDraft | None:
            record = tx.table(DRAFTS).get(draft_id)
            return from_json(SavedDraft, record) if record else None

        return await self._store.run(user_id, work)

    async def mark_sent(self, user_id: int, draft_id: str) -> SavedDraft | None:
        """Record "I sent it" once; a second tap keeps the first send time."""
        now = self._clock.now()

        def work(tx: Transaction) -> SavedDraft | None:
            table = tx.table(DRAFTS)
            record = table.get(draft_id)
            if record is None:
                return None
            saved = from_json(SavedDraft, record)
            if saved.sent_at is None:
                saved = replace(saved, sent_at=now)
                table.put(to_json(saved))
                nudges.draft_sent(tx, saved.kind.value, saved.contact_id, now)
            return saved

        return await self._store.run(user_id, work)

    async def for_contact(self, user_id: int, contact_id: str) -> list[SavedDraft]:
        """Drafts for the contact, oldest first."""

        def work(tx: Transaction) -> list[SavedDraft]:
            records = tx.table(DRAFTS).find(lambda r: r.get("contact_id") == contact_id)
            return sorted((from_json(SavedDraft, r) for r in records), key=lambda d: d.created_at)

        return await self._store.run(user_id, work)

    async def all(self, user_id: int) -> list[SavedDraft]:
        """Every kept draft, oldest first (for anonymous /stats)."""

        def work(tx: Transaction) -> list[SavedDraft]:
            records = tx.table(DRAFTS).all()
            return sorted((from_json(SavedDraft, r) for r in records), key=lambda d: d.created_at)

        return await self._store.run(user_id, work)

    async def sent_count(self, user_id: int, contact_id: str, kind: DraftKind) -> int:
        """How many drafts of a kind were sent; a second follow-up is one too many."""
        drafts = await self.for_contact(user_id, contact_id)
        return sum(1 for d in drafts if d.kind is kind and d.sent_at is not None)
