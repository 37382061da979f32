"""Durable files for the embedded engine: atomic replace, fsync, and the small state file.

Kept apart from ``tinydb_store`` (which owns the TinyDB side) so the rules that make a commit
survive a power cut, and the shape of the state file, read in one place.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot.store.base import StoreError

T = TypeVar("T")


def clone(value: Any) -> Any:
    """A JSON round trip, so callers never share objects with the cache.

    It also makes memory hold exactly what a fresh read of the file would give (tuples become
    lists) and makes a non-JSON value fail at the call that stores it, not at commit.
    """
    return json.loads(json.dumps(value, ensure_ascii=False))


@dataclass
class IOStats:
    """What reached the disk, so tests can assert "no write for a read-only update"."""

    commits: int = 0  # durable commits: one directory fsync closes each
    files_written: int = 0
    fsyncs: int = 0


def fsync_dir(directory: Path, io: IOStats) -> None:
    """Make a rename or unlink durable: without it a power cut can forget the directory entry."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    io.fsyncs += 1


def write_files(files: list[tuple[Path, bytes]], io: IOStats) -> None:
    """Replace each file atomically, in order, then make the renames durable with one fsync.

    Readers see the old file or the new one, never a mix, whatever moment the process dies. The
    order matters when records and the small state change together: records go first, so a crash
    between the two renames can only repeat a step whose answer is already saved (the same answer
    then lands in the same place), never skip one whose answer was lost.
    """
    if not files:
        return
    for path, data in files:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            io.fsyncs += 1
            Path(tmp).replace(path)
            io.files_written += 1
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    fsync_dir(files[0][0].parent, io)
    io.commits += 1


def sweep_temp_files(directory: Path) -> None:
    """Temp files are only ever left behind by a crash; the main file is still the truth.

    Done once, when the store opens, in one pass over the folder's names: a write in progress
    holds its student's lock and leaves nothing behind unless the process dies.
    """
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                Path(entry.path).unlink(missing_ok=True)


def read_state(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path} is not valid JSON ({exc}); left untouched") from exc
    if not isinstance(document, dict) or not isinstance(document.get("state"), dict):
        raise StoreError(f"{path} does not hold a saved state; left untouched")
    if document.get("version") != 1:
        raise StoreError(f"{path} has state version {document.get('version')!r}; left untouched")
    return document["state"]  # type: ignore[no-any-return]


async def in_thread(function: Callable[..., T], *args: Any) -> T:
    """Run in a worker thread; if the caller is cancelled, wait for the thread anyway.

    A thread cannot be stopped, so the student stays locked until it commits or rolls back.
    """
    task = asyncio.ensure_future(asyncio.to_thread(function, *args))
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        while not task.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait({task})
        if not task.cancelled():
            task.exception()  # mark it retrieved; our caller only wants the cancellation
        raise
