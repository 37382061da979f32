"""Wording every shipped text avoids, wherever it lives (templates, catalogues, data).

Issue 10 found "May you mention Dana's name…?" and "(and may you use their name)": a question
no counselor would write. Each entry is a pattern and the reason it reads badly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(
    path
    for folder in ("prompts", "data")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in {".j2", ".toml", ".json", ".txt"}
)
AVOIDED = {
    r"\bmay you\b": 'ask "did they say you may…?" instead',
}


def test_there_are_shipped_texts_to_check() -> None:
    assert len(SHIPPED) > 50


@pytest.mark.parametrize("pattern", sorted(AVOIDED))
def test_no_shipped_text_uses_avoided_wording(pattern: str) -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in SHIPPED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(pattern, line, re.IGNORECASE)
    ]
    assert not hits, f"{AVOIDED[pattern]}: {hits}"
