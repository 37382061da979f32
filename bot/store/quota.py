"""The per-student cap on stored bytes, checked by every engine at a transaction's commit.

One student's records must not grow without bound (a runaway import, a script pasting notes): the
disk and memory they take are shared with everyone. The cap applies to what a transaction leaves
behind, and only when it made the records bigger, so a student past it (the limit was lowered, or
an older file) can still read, delete and export to get back under it.
"""

from __future__ import annotations


class StoredBytesLimitReached(Exception):
    """A transaction would leave the student's records above ``MAX_STORED_BYTES``; nothing it
    wrote is kept. Not a ``StoreError``: the data is fine, the student just has too much of it."""

    def __init__(self, user_id: int, size: int, limit: int) -> None:
        super().__init__(f"user {user_id}: {size} stored bytes would exceed the limit of {limit}")
        self.user_id = user_id
        self.size = size
        self.limit = limit


def check_stored_bytes(user_id: int, *, size: int, grew: bool, limit: int | None) -> None:
    """Refuse a commit that grows the records past ``limit`` (None: no limit); the caller rolls
    back when this raises."""
    if limit is not None and grew and size > limit:
        raise StoredBytesLimitReached(user_id, size, limit)
