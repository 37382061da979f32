"""Where shipped content lives, whether the bot runs from a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """Return the ``prompts`` or ``data`` folder that ships with the bot."""
    for candidate in (Path(__file__).resolve().parent / "_shipped" / name, _REPO_ROOT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped folder {name!r} not found next to the bot package")
