"""The student's contacts, stored as records in their own "contacts" table.

Every method is one store transaction, so a change and its log entry (and, for a delete or merge,
the introduction links that pointed at the old record) land together or not at all. Listing and
search load only this user's records and run the pure rules from ``bot.features.contacts.domain``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from bot.clock import Clock
from bot.features.contacts.cache import VERSION_KEY, ContactCache, Snapshot, WriteTx, updated
from bot.features.contacts.domain import (
    LOG_EDITED,
    LOG_INTRO_ASK,
    NO_CIRCLE,
    Contact,
    ContactDraft,
    Stage,
    add_log,
    attention_order,
    attention_reason,
    change_stage,
    circles,
    find_duplicates,
    fold,
    intro_chain,
    introduced_by_contact,
    merge,
    new_contact,
    search,
)
from bot.features.contacts.domain import log_interaction as _log_interaction
from bot.features.nudges import sync as nudges
from bot.store.base import Store, Table, Transaction
from bot.store.records import from_json, to_json

TABLE = "contacts"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ContactPage:
    """One screen of the contact list; ``reasons`` maps a shown contact's id to why it needs you."""

    items: tuple[Contact, ...]
    total: int
    offset: int
    limit: int
    reasons: dict[str, str]

    @property
    def has_previous(self) -> bool:
        """Whether a "◀" button makes sense."""
        return self.offset > 0

    @property
    def has_next(self) -> bool:
        """Whether a "▶" button makes sense."""
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True, slots=True)
class ContactCard:
    """What a contact's card shows: the person, who led to them, and whom they led you to."""

    contact: Contact
    chain: tuple[Contact, ...]  # [first introducer, ..., contact]
    introduced: tuple[Contact, ...]


def _table(tx: Transaction) -> Table:
    return tx.table(TABLE)


def _load(table: Table, contact_id: str) -> Contact | None:
    record = table.get(contact_id)
    return from_json(Contact, record) if record else None


def _insert(table: Table, contact: Contact) -> Contact:
    """Let the store pick the short id (it writes it into the stored record, per the contract)."""
    record = to_json(contact)
    del record["id"]
    return replace(contact, id=table.insert(record))


def _unlink(table: Table, old_id: str, new_id: str | None) -> None:
    """Re-point (or clear) introductions that named a contact that is going away."""
    for record in table.find(lambda r: r.get("introduced_by") == old_id):
        target = None if record["id"] == new_id else new_id
        table.put({**record, "introduced_by": target})


class ContactLimitReached(Exception):
    """Saving would take a student past ``MAX_CONTACTS``; the message says so, nothing is lost."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"contact limit {limit} reached")
        self.limit = limit


class ContactRepository:
    """Contacts for handlers: add, import, list, search, change stage, merge, delete.

    Lists and searches need every contact, and copying plus parsing 2,000 records costs more than
    the ranking itself, so the parsed contacts of recently active users are kept in memory and
    updated by each write with just the records it changed. Each write stores a fresh random
    version token in the same transaction; a read reuses the cache only when the stored token
    still matches, so a write through another repository instance on the same store, or
    /deletedata, is never answered from stale data.
    """

    def __init__(self, store: Store, clock: Clock, *, max_contacts: int | None = None) -> None:
        self._store = store
        self._clock = clock
        self.max_contacts = max_contacts
        self._cache = ContactCache()

    async def _contacts(self, user_id: int) -> tuple[Contact, ...]:
        """Every contact, parsed; from the cache when the stored version token still matches."""
        cached = self._cache.get(user_id)

        def work(tx: Transaction) -> Snapshot:
            version = tx.get_value(VERSION_KEY)
            if cached is not None and cached.version == version:
                return cached
            return Snapshot(version, tuple(_all(tx)))

        snapshot = await self._store.run(user_id, work)
        if snapshot is not cached:
            self._cache.remember(user_id, snapshot)
        else:
            self._cache.touch(user_id)
        return snapshot.contacts

    async def _write(self, user_id: int, work: Callable[[Transaction], T]) -> T:
        """Run a write and stamp a new version in the same commit; the cache gets the changes."""
        cached = self._cache.get(user_id)

        def stamped(tx: Transaction) -> tuple[T, Snapshot | None]:
            current = cached is not None and cached.version == tx.get_value(VERSION_KEY)
            recording = WriteTx(tx, TABLE)
            result = work(recording)
            version = secrets.token_hex(8)
            tx.set_value(VERSION_KEY, version)
            if not current:
                return result, None
            assert cached is not None
            return result, Snapshot(version, updated(cached.contacts, recording.contacts))

        try:
            result, snapshot = await self._store.run(user_id, stamped)
        except BaseException:
            self._cache.forget(user_id)
            raise
        if snapshot is None:
            self._cache.forget(user_id)
        else:
            self._cache.remember(user_id, snapshot)
        return result

    # -- reading ---------------------------------------------------------------------------

    async def get(self, user_id: int, contact_id: str) -> Contact | None:
        """One contact, or None when it doesn't exist (e.g. deleted from another device)."""
        return await self._store.run(user_id, lambda tx: _load(_table(tx), contact_id))

    async def all(self, user_id: int) -> list[Contact]:
        """Every contact in the order they were added."""
        return list(await self._contacts(user_id))

    async def card(self, user_id: int, contact_id: str) -> ContactCard | None:
        """The contact, its introduction chain and the people it introduced."""

        contacts = await self._contacts(user_id)
        by_id = {c.id: c for c in contacts}
        contact = by_id.get(contact_id)
        if contact is None:
            return None
        return ContactCard(
            contact=contact,
            chain=tuple(intro_chain(contact, by_id)),
            introduced=tuple(introduced_by_contact(contact_id, contacts)),
        )

    async def page(
        self,
        user_id: int,
        *,
        stage: Stage | None = None,
        circle: str | None = None,
        query: str | None = None,
        offset: int = 0,
        limit: int = 5,
    ) -> ContactPage:
        """One page of the list: attention order, or best match first when searching.

        ``circle=NO_CIRCLE`` ("") selects contacts whose circle is unknown.
        """
        now = self._clock.now()
        contacts: Sequence[Contact] = await self._contacts(user_id)
        if stage is not None:
            contacts = [c for c in contacts if c.stage is stage]
        if circle is not None:
            contacts = [c for c in contacts if (c.circle or NO_CIRCLE) == circle]
        if query and query.strip():
            ordered = search(contacts, query, limit=len(contacts))
        else:
            ordered = attention_order(contacts, now)
        offset = max(0, offset)
        items = tuple(ordered[offset : offset + max(1, limit)])
        reasons = {c.id: r for c in items if (r := attention_reason(c, now)) is not None}
        return ContactPage(items, len(ordered), offset, limit, reasons)

    async def count_by_circle(self, user_id: int) -> dict[str, int]:
        """Contacts per circle key: every circle in order (zeros too), then NO_CIRCLE if any."""
        counts = dict.fromkeys((c.key for c in circles()), 0)
        for contact in await self._contacts(user_id):
            key = contact.circle or NO_CIRCLE
            counts[key] = counts.get(key, 0) + 1
        return counts

    async def duplicates(self, user_id: int, candidate: Contact | ContactDraft) -> list[Contact]:
        """Existing contacts that look like the same person, to offer merge / keep both."""
        return find_duplicates(candidate, await self._contacts(user_id))

    # -- writing ---------------------------------------------------------------------------

    async def add(self, user_id: int, draft: ContactDraft) -> Contact:
        """Save one confirmed draft; ``InvalidField`` for an unusable name (nothing saved)."""
        return (await self.add_many(user_id, [draft]))[0]

    async def add_many(self, user_id: int, drafts: Sequence[ContactDraft]) -> list[Contact]:
        """Save a whole import or brainstorm batch in ONE transaction (all or nothing).

        Introductions are resolved within the batch first (by the file's ids, then by unique
        name), then against contacts already saved; a link that can't be resolved is dropped.
        """
        now = self._clock.now()

        def work(tx: Transaction) -> list[Contact]:
            table = _table(tx)
            limit = self.max_contacts
            if limit is not None and len(table.all()) + len(drafts) > limit:
                raise ContactLimitReached(limit)  # nothing of the batch is saved
            linked = any(d.introduced_by or d.introduced_by_name for d in drafts)
            before = [from_json(Contact, r) for r in table.all()] if linked else []
            saved = [_insert(table, new_contact(d, "", now)) for d in drafts]
            pairs = zip(drafts, saved, strict=True)
            by_source = {d.source_id: c.id for d, c in pairs if d.source_id}
            names = {**_unique_names(before), **_unique_names(saved)} if linked else {}
            existing_ids = {c.id for c in before}
            result: list[Contact] = []
            for draft, contact in zip(drafts, saved, strict=True):
                link = _resolve(draft, by_source, existing_ids, names)
                if link == contact.id:
                    link = None
                if link != contact.introduced_by:
                    contact = replace(contact, introduced_by=link)
                    table.put(to_json(contact))
                result.append(contact)
                if contact.stage is not Stage.TO_CONTACT:  # e.g. imported as "request sent"
                    nudges.contact_changed(tx, None, contact, now)
            return result

        if not drafts:
            return []
        return await self._write(user_id, work)

    async def introduce(
        self, user_id: int, introducer_id: str, draft: ContactDraft, may_use_name: bool | None
    ) -> Contact | None:
        """Add someone a contact named, linked to them, and note the introduction on both logs.

        None when the introducer no longer exists.
        """
        now = self._clock.now()

        def work(tx: Transaction) -> Contact | None:
            table = _table(tx)
            introducer = _load(table, introducer_id)
            if introducer is None:
                return None
            person = replace(
                draft,
                introduced_by=introducer_id,
                may_use_name=may_use_name,
                circle=draft.circle or "introduced",
            )
            contact = new_contact(person, "", now)
            use = {True: " (may use their name)", False: " (don't use their name)", None: ""}
            contact = add_log(contact, now, LOG_INTRO_ASK, f"Introduced by {introducer.name}")
            contact = _insert(table, contact)
            note = f"Suggested {contact.name}{use[may_use_name]}"
            table.put(to_json(add_log(introducer, now, LOG_INTRO_ASK, note)))
            return contact

        return await self._write(user_id, work)

    async def save(self, user_id: int, contact: Contact) -> Contact | None:
        """Store an edited contact (e.g. a fixed field), stamping ``updated_at``.

        None when it was deleted meanwhile: an old edit screen must not bring it back.
        """
        now = self._clock.now()
        return await self._update(user_id, contact.id, lambda _: replace(contact, updated_at=now))

    async def set_field(
        self, user_id: int, contact_id: str, field: str, value: str | None
    ) -> Contact | None:
        """Change one already-checked field (a typed edit), noted in the log; None when missing."""
        now = self._clock.now()

        def change(contact: Contact) -> Contact:
            updated = replace(contact, **{field: value}, updated_at=now)  # type: ignore[arg-type]
            return add_log(updated, now, LOG_EDITED, f"Changed {field}")

        return await self._update(user_id, contact_id, change)

    async def delete(self, user_id: int, contact_id: str) -> bool:
        """Remove a contact and clear introductions that pointed at it; True when it existed."""

        now = self._clock.now()

        def work(tx: Transaction) -> bool:
            table = _table(tx)
            before = _load(table, contact_id)
            if before is None or not table.remove(contact_id):
                return False
            _unlink(table, contact_id, None)
            nudges.contact_changed(tx, before, None, now)
            return True

        return await self._write(user_id, work)

    async def set_stage(
        self,
        user_id: int,
        contact_id: str,
        stage: Stage,
        *,
        note: str = "",
        scheduled_for: datetime | None = None,
    ) -> Contact | None:
        """Move a contact along the path (logged with the date); None when it doesn't exist."""
        now = self._clock.now()
        return await self._update(
            user_id,
            contact_id,
            lambda c: change_stage(c, stage, now, note=note, scheduled_for=scheduled_for),
        )

    async def log_interaction(
        self, user_id: int, contact_id: str, text: str, *, happened: datetime | None = None
    ) -> Contact | None:
        """Record a call, email or meeting; None when the contact doesn't exist."""
        now = self._clock.now()
        return await self._update(
            user_id, contact_id, lambda c: _log_interaction(c, now, text, happened=happened)
        )

    async def add_log(self, user_id: int, contact_id: str, kind: str, text: str) -> Contact | None:
        """Append any other dated entry (e.g. ``LOG_INTRO_ASK``); None when missing."""
        now = self._clock.now()
        return await self._update(user_id, contact_id, lambda c: add_log(c, now, kind, text))

    async def merge(self, user_id: int, keep_id: str, drop_id: str) -> Contact | None:
        """Fold ``drop_id`` into ``keep_id``; introductions to the dropped record move over."""
        now = self._clock.now()

        def work(tx: Transaction) -> Contact | None:
            table = _table(tx)
            keep, drop = _load(table, keep_id), _load(table, drop_id)
            if keep is None or drop is None or keep_id == drop_id:
                return None
            merged = merge(keep, drop, now)
            table.remove(drop_id)
            table.put(to_json(merged))
            _unlink(table, drop_id, keep_id)
            nudges.contact_changed(tx, drop, None, now)
            nudges.contact_changed(tx, keep, merged, now)
            return _load(table, keep_id)

        return await self._write(user_id, work)

    async def merge_draft(
        self, user_id: int, contact_id: str, draft: ContactDraft
    ) -> Contact | None:
        """Fill an existing contact's gaps from a new draft (the "merge" answer on a duplicate)."""
        now = self._clock.now()
        return await self._update(user_id, contact_id, lambda c: merge(c, draft, now))

    async def _update(
        self, user_id: int, contact_id: str, change: Callable[[Contact], Contact]
    ) -> Contact | None:
        now = self._clock.now()

        def work(tx: Transaction) -> Contact | None:
            table = _table(tx)
            contact = _load(table, contact_id)
            if contact is None:
                return None
            updated = change(contact)
            table.put(to_json(updated))
            nudges.contact_changed(tx, contact, updated, now)
            return updated

        return await self._write(user_id, work)


def _all(tx: Transaction) -> list[Contact]:
    return [from_json(Contact, r) for r in _table(tx).all()]


def _unique_names(contacts: Iterable[Contact]) -> dict[str, str]:
    """Folded name -> id, only for names that occur once (an ambiguous name links nobody)."""
    ids: dict[str, str | None] = {}
    for c in contacts:
        key = fold(c.name)
        ids[key] = None if key in ids else c.id
    return {k: v for k, v in ids.items() if v is not None}


def _resolve(
    draft: ContactDraft,
    by_source: dict[str, str],
    existing_ids: set[str],
    names: dict[str, str],
) -> str | None:
    if draft.introduced_by:
        if draft.introduced_by in by_source:
            return by_source[draft.introduced_by]
        if draft.introduced_by in existing_ids and not by_source:
            return draft.introduced_by
    if draft.introduced_by_name:
        return names.get(fold(draft.introduced_by_name))
    return None
