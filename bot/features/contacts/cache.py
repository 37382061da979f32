"""The contacts cache: parsed contacts kept per student and updated on write, not rebuilt.

A write goes through :class:`WriteTx`, whose contacts table notes which records changed, so the
cached tuple is patched with just those (:func:`updated`) instead of re-parsing 2,000 contacts.
A version token stored with the contacts tells a read whether the cached copy is still current.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.features.contacts.domain import Contact
from bot.store.base import Record, Table, Transaction
from bot.store.records import from_json


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A student's parsed contacts and the stored version token they were read at."""

    version: str | None
    contacts: tuple[Contact, ...]


VERSION_KEY = "contacts_version"
#: The cache is bounded by what it holds (parsed contacts), not by how many students it holds.
CACHED_CONTACTS = 20_000


class RecordingTable:
    """The contacts table as a write sees it, noting which records changed, so the cache can be
    updated with just those instead of re-reading and re-parsing every contact."""

    def __init__(self, table: Table) -> None:
        self._table = table
        self.changed: dict[str, Record | None] = {}  # id -> new record, or None when removed
        self.cleared = False

    def all(self) -> list[Record]:
        return self._table.all()

    def get(self, record_id: str) -> Record | None:
        return self._table.get(record_id)

    def find(self, predicate: Callable[[Record], bool]) -> list[Record]:
        return self._table.find(predicate)

    def insert(self, record: Record) -> str:
        record_id = self._table.insert(record)
        self.changed[record_id] = {**record, "id": record_id}
        return record_id

    def put(self, record: Record) -> None:
        self._table.put(record)
        self.changed[record["id"]] = record

    def remove(self, record_id: str) -> bool:
        removed = self._table.remove(record_id)
        if removed:
            self.changed[record_id] = None
        return removed

    def clear(self) -> None:
        self._table.clear()
        self.cleared = True
        self.changed.clear()


class WriteTx:
    """A transaction whose contacts table records changes (everything else passes through)."""

    def __init__(self, tx: Transaction, name: str) -> None:
        self._tx = tx
        self._name = name
        self.contacts = RecordingTable(tx.table(name))

    @property
    def user_id(self) -> int:
        return self._tx.user_id

    def table(self, name: str) -> Table:
        return self.contacts if name == self._name else self._tx.table(name)

    def get_value(self, key: str, default: Any = None) -> Any:
        return self._tx.get_value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self._tx.set_value(key, value)

    def delete_value(self, key: str) -> None:
        self._tx.delete_value(key)


def updated(old: tuple[Contact, ...], table: RecordingTable) -> tuple[Contact, ...]:
    """``old`` with a write's changes, in table order (replaced in place, new ones at the end)."""
    changed = table.changed
    base = () if table.cleared else old
    result: list[Contact] = []
    for contact in base:
        if contact.id not in changed:
            result.append(contact)
        elif (record := changed[contact.id]) is not None:
            result.append(from_json(Contact, record))
    seen = {c.id for c in base}
    result += [from_json(Contact, r) for i, r in changed.items() if r and i not in seen]
    return tuple(result)


class ContactCache:
    """Parsed contacts per student, least recently used first out, bounded by contacts held."""

    def __init__(self, limit: int = CACHED_CONTACTS) -> None:
        self._limit = limit
        self._entries: OrderedDict[int, Snapshot] = OrderedDict()
        self._held = 0

    def get(self, user_id: int) -> Snapshot | None:
        """The student's snapshot, if cached."""
        return self._entries.get(user_id)

    def touch(self, user_id: int) -> None:
        """Mark as recently used."""
        self._entries.move_to_end(user_id)

    def remember(self, user_id: int, snapshot: Snapshot) -> None:
        """Keep ``snapshot``, evicting the least recently used students past the limit."""
        self.forget(user_id)
        if snapshot.version is None:  # never written by us yet: nothing to key a cache on
            return
        self._entries[user_id] = snapshot
        self._held += len(snapshot.contacts)
        while self._held > self._limit and len(self._entries) > 1:
            _, evicted = self._entries.popitem(last=False)
            self._held -= len(evicted.contacts)

    def forget(self, user_id: int) -> None:
        """Drop the student's snapshot (after a failed write, or when it went stale)."""
        old = self._entries.pop(user_id, None)
        if old is not None:
            self._held -= len(old.contacts)
