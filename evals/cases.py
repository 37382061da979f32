"""Loading the cases: data files under ``evals/cases/``, one per family of texts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent / "cases"
FAMILIES = ("pitches", "builds", "drafts", "objectives", "prep")


class CaseError(ValueError):
    """A case file is malformed; the message names the file and the case."""


@dataclass(frozen=True, slots=True)
class Family:
    """One case file: its cases and the settings they share (e.g. the objectives' contact)."""

    name: str
    cases: tuple[Mapping[str, Any], ...]
    shared: Mapping[str, Any]


def load(name: str, folder: Path = CASES) -> Family:
    """One family, checked: every case has a unique ``id``."""
    path = folder / f"{name}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    cases = raw.get("cases")
    if not isinstance(cases, list) or not cases:
        raise CaseError(f"{path}: 'cases' must be a non-empty list")
    ids = [c.get("id") for c in cases]
    if any(not isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        raise CaseError(f"{path}: every case needs a unique string 'id'")
    shared = {k: v for k, v in raw.items() if k not in ("cases", "_about")}
    return Family(name, tuple(cases), shared)


def load_all(folder: Path = CASES) -> dict[str, Family]:
    """Every family."""
    return {name: load(name, folder) for name in FAMILIES}


def count(families: Mapping[str, Family]) -> int:
    """How many cases there are in all."""
    return sum(len(f.cases) for f in families.values())
