"""The layering the README promises, checked on every run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules() -> list[Path]:
    return sorted(BOT.rglob("*.py"))


DOMAIN = sorted(BOT.glob("features/*/domain/*.py"))


def test_every_feature_has_its_domain_checked() -> None:
    assert len(DOMAIN) >= 20


@pytest.mark.parametrize("path", DOMAIN, ids=lambda p: p.relative_to(BOT).as_posix())
def test_domain_is_pure(path: Path) -> None:
    assert not imported_modules(path) & {"telegram", "tinydb", "anthropic", "jinja2", "httpx2"}


@pytest.mark.parametrize(
    ("library", "only_in"),
    [("tinydb", "store/tinydb_store.py"), ("anthropic", "llm/gateway.py")],
)
def test_one_module_per_external_system(library: str, only_in: str) -> None:
    users = [p.relative_to(BOT).as_posix() for p in modules() if library in imported_modules(p)]
    assert users == [only_in]
