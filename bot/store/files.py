"""File-system hygiene for ``DATA_DIR``: private folders and secrets written safely.

Each student's file is already 0600; the folders around them must not be listable by other
accounts on the machine either (a file name is a Telegram user id), and a secret must never
exist on disk, even for an instant, with the default umask's permissions.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def secure_data_dir(data_dir: Path) -> None:
    """Create ``DATA_DIR`` and ``users/`` as 0700, tightening them if they already exist."""
    for folder in (data_dir, data_dir / "users"):
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        folder.chmod(PRIVATE_DIR)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, created 0600 and fsynced (file and folder)."""
    temp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    temp.replace(path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
