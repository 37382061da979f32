"""A durable inbound queue: an update is on disk before Telegram is told we have it.

PTB's ``Updater`` confirms an update (the next ``getUpdates`` offset) before a handler has seen
it, and a webhook answers 200 the same way, so a crash in between would lose a button press for
good. Here each update is written atomically to ``DATA_DIR/inbox/pending/<update_id>.json``
first; only then is Telegram acknowledged, and the file is removed once the update has been
processed. After a crash the pending files are replayed in ``update_id`` order.

Telegram re-delivers a webhook call it did not see answered in time, so the same ``update_id``
can arrive twice. A small marker per finished update (``done/<update_id>``, the newest
:data:`KEEP_DONE` kept) turns a second delivery into a no-op, before and after a restart.

Plain files rather than the store: the store is per student and transactional, while this is a
single append-and-delete log that must work before we even know which student an update is for.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

KEEP_DONE = 5_000
_PRUNE_EVERY = 500


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ids(directory: Path, suffix: str) -> list[int]:
    found = []
    for path in directory.iterdir():
        stem, _, ext = path.name.partition(".")
        if ext == suffix.lstrip(".") and stem.isdigit():
            found.append(int(stem))
    return sorted(found)


class UpdateQueue(Protocol):
    """What the dispatcher needs of a durable inbound queue (files here; PostgreSQL for
    replicas, ``bot.store.postgres_shared.PostgresInbox``)."""

    def accept(self, update: dict[str, Any]) -> bool:
        """Persist the update; False when its ``update_id`` was already accepted."""
        ...

    def complete(self, update_id: int) -> None:
        """Mark it processed."""
        ...

    def pending(self) -> list[dict[str, Any]]:
        """Accepted, never finished, now to be processed here; oldest first."""
        ...

    def processing(self, update_id: int) -> contextlib.AbstractContextManager[None]:
        """Held while the update is handled (a database inbox finishes it with its commit)."""
        ...


class Inbox:
    """Pending and finished updates under one folder; safe to call from worker threads."""

    def processing(self, update_id: int) -> contextlib.AbstractContextManager[None]:
        """Nothing to do: files are finished by ``complete``."""
        return contextlib.nullcontext()

    def __init__(self, root: Path) -> None:
        self._pending = root / "pending"
        self._done = root / "done"
        for folder in (root, self._pending, self._done):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._in_flight: set[int] = set()
        self._completed = 0

    def accept(self, update: dict[str, Any]) -> bool:
        """Persist ``update`` durably; False when this ``update_id`` was already accepted.

        Returns only after the file and its directory entry are on disk, so the caller may
        acknowledge the delivery to Telegram.
        """
        update_id = int(update["update_id"])
        with self._lock:
            if update_id in self._in_flight or self._known(update_id):
                return False
            self._in_flight.add(update_id)
        try:
            self._write(update_id, json.dumps(update, separators=(",", ":")).encode())
        except BaseException:
            with self._lock:
                self._in_flight.discard(update_id)
            raise
        return True

    def complete(self, update_id: int) -> None:
        """Mark the update processed: remember its id, then drop its pending file."""
        marker = self._done / str(update_id)
        marker.touch(mode=0o600)
        with contextlib.suppress(FileNotFoundError):
            (self._pending / f"{update_id}.json").unlink()
        with self._lock:
            self._in_flight.discard(update_id)
            self._completed += 1
            prune = self._completed % _PRUNE_EVERY == 0
        if prune:
            self.prune()

    def pending(self) -> list[dict[str, Any]]:
        """Updates accepted but not finished (after a crash), oldest first; unreadable ones are
        logged and set aside as ``.bad`` rather than blocking every restart."""
        updates = []
        for update_id in _ids(self._pending, ".json"):
            path = self._pending / f"{update_id}.json"
            if (self._done / str(update_id)).exists():  # finished; killed before the unlink
                path.unlink()
                continue
            try:
                updates.append(json.loads(path.read_bytes()))
            except (OSError, ValueError):
                log.error("inbox.unreadable update_id=%s", update_id)
                path.rename(path.with_suffix(".bad"))
                continue
            with self._lock:
                self._in_flight.add(update_id)
        return updates

    def prune(self) -> None:
        """Keep only the newest :data:`KEEP_DONE` markers (Telegram re-delivers within minutes)."""
        done = [int(p.name) for p in self._done.iterdir() if p.name.isdigit()]
        done.sort()
        for update_id in done[:-KEEP_DONE]:
            with contextlib.suppress(FileNotFoundError):
                (self._done / str(update_id)).unlink()

    def _known(self, update_id: int) -> bool:
        return (self._done / str(update_id)).exists() or (
            self._pending / f"{update_id}.json"
        ).exists()

    def _write(self, update_id: int, data: bytes) -> None:
        fd, temp = tempfile.mkstemp(dir=self._pending, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            Path(temp).replace(self._pending / f"{update_id}.json")
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                Path(temp).unlink()
            raise
        _fsync_dir(self._pending)
