"""The layering the README promises, checked on every run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"
DOMAIN = sorted(BOT.glob("features/*/domain/*.py"))
HANDLERS = sorted(BOT.glob("features/*/handlers/*.py")) + sorted(BOT.glob("features/*/handlers.py"))
COACHES = sorted(BOT.glob("features/*/coach*.py"))
_FILE_IO = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "resource_dir"}
_RAW_TABLES = {"table", "get_value", "set_value", "delete_value", "run"}


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, in full dotted form."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imports(path)}


def called(path: Path) -> set[str]:
    """Names of every function or method ``path`` calls."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def feature_of(path: Path) -> str:
    return path.relative_to(BOT / "features").parts[0]


def rel(path: Path) -> str:
    return path.relative_to(BOT).as_posix()


def test_every_feature_keeps_its_layers_where_the_checks_look() -> None:
    assert len(DOMAIN) >= 20
    assert len(HANDLERS) >= 15
    assert len(COACHES) >= 5


@pytest.mark.parametrize("path", DOMAIN, ids=rel)
def test_domain_is_pure(path: Path) -> None:
    assert not roots(path) & {"telegram", "tinydb", "anthropic", "jinja2", "httpx", "httpx2"}
    assert not {m for m in imports(path) if m.startswith(("bot.store", "bot.llm", "bot.flow"))}
    assert not {m for m in imports(path) if m.startswith(("bot.render", "bot.resources"))}


@pytest.mark.parametrize("path", DOMAIN, ids=rel)
def test_domain_reads_no_files(path: Path) -> None:
    assert not called(path) & _FILE_IO


@pytest.mark.parametrize("path", HANDLERS, ids=rel)
def test_a_features_handlers_never_import_another_features_handlers(path: Path) -> None:
    own = feature_of(path)
    foreign = {
        m
        for m in imports(path)
        if m.startswith("bot.features.")
        and m.split(".")[2] != own
        and len(m.split(".")) > 3
        and m.split(".")[3] == "handlers"
    }
    assert not foreign


@pytest.mark.parametrize("path", COACHES, ids=rel)
def test_coaching_never_touches_raw_tables(path: Path) -> None:
    assert not {m for m in imports(path) if m.startswith("bot.store")}
    assert not called(path) & _RAW_TABLES


@pytest.mark.parametrize(
    ("library", "only_in"),
    [
        ("tinydb", ["store/tinydb_tables.py"]),  # under the embedded engine, tinydb_store.py
        ("anthropic", ["llm/gateway.py"]),
        # PostgreSQL: the engine, and what replicas share in the same database.
        (
            "psycopg",
            ["store/postgres_shared.py", "store/postgres_store.py", "store/postgres_tx.py"],
        ),
        ("psycopg_pool", ["store/postgres_store.py"]),
    ],
)
def test_one_module_per_external_system(library: str, only_in: list[str]) -> None:
    users = [rel(p) for p in sorted(BOT.rglob("*.py")) if library in roots(p)]
    assert users == only_in


TESTS = sorted((BOT.parent / "tests").rglob("test_*.py"))


@pytest.mark.parametrize("path", TESTS, ids=lambda p: p.relative_to(BOT.parent).as_posix())
def test_a_test_file_never_imports_another_test_file(path: Path) -> None:
    """Shared helpers live in tests/support/ (or tests/fakes/), so no test depends on another."""
    assert not {m for m in imports(path) if m.startswith(("tests.unit", "tests.e2e"))}


def _top_level_bot_imports(path: Path) -> set[str]:
    """The bot modules ``path`` imports when it is loaded (not inside functions or
    TYPE_CHECKING), resolved to module files that exist."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bot."):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                is_module = (BOT.parent / Path(*sub.split("."))).with_suffix(".py").exists()
                found.add(sub if is_module else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("bot.")}
    return found


def test_no_import_cycle_between_domain_modules() -> None:
    """A cycle breaks only when one side is imported first: outreach's introductions needed
    pitch's shorthand, which needed outreach's "a"/"an"; evals imported them in the order that
    fails, the suite in the order that works. Shared wording lives in bot/wording.py instead."""

    def name(p: Path) -> str:
        return ".".join(p.relative_to(BOT.parent).with_suffix("").parts)

    graph = {name(p): _top_level_bot_imports(p) for p in DOMAIN}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            assert state.get(nxt) != 1, " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
