"""The coach's own fixed wording: every word its templates, shipped data and coaching code may
say by themselves. The ``traceable`` grader allows these and the case's data, nothing else."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_SUFFIXES = ("'s", "’s", "ing", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A crude stem, so "tested" matches "test" and "Stryker's" matches "Stryker"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _literals(path: Path) -> Iterator[str]:
    """String constants in code, docstrings aside (they describe, the student never reads them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.value


def _texts() -> Iterator[str]:
    for path in sorted((ROOT / "prompts").rglob("*")):
        if path.is_file() and "system" not in path.name and "_user" not in path.name:
            yield re.sub(r"\{[{%#].*?[}%#]\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
    for path in sorted((ROOT / "data").glob("*.json")):
        yield from _strings(json.loads(path.read_text(encoding="utf-8")))
    shared = [ROOT / "bot" / "wording.py", ROOT / "bot" / "shorthand.py"]  # every feature's words
    for path in [*sorted((ROOT / "bot" / "features").rglob("*.py")), *shared]:
        yield from _literals(path)


@cache
def fixed_words() -> frozenset[str]:
    """Folded, stemmed words of the coach's own wording."""
    from evals.graders.base import fold

    return frozenset(stem(fold(w)) for text in _texts() for w in _WORD.findall(text))
