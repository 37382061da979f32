"""Every short /pitch text the handlers name exists in the catalogue, and none is left unused."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from bot.render.messages import message

ROOT = Path(__file__).resolve().parents[2]
HANDLERS = sorted((ROOT / "bot/features/pitch/handlers").glob("*.py"))
CATALOGUE = ROOT / "prompts/pitch/messages.toml"


def named_keys() -> set[str]:
    """Keys passed as literals to note()/label(), plus "pitch.<key>" strings (step hints)."""
    keys: set[str] = set()
    for path in HANDLERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("note", "label")
            ):
                for arg in node.args[:1]:
                    keys |= {c.value for c in ast.walk(arg) if isinstance(c, ast.Constant)}
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("pitch.")
                and " " not in node.value
            ):
                keys.add(node.value.removeprefix("pitch."))
    return {k for k in keys if isinstance(k, str) and k}


def test_every_named_text_is_in_the_catalogue() -> None:
    keys = named_keys()
    assert len(keys) > 40
    with CATALOGUE.open("rb") as handle:
        known = set(tomllib.load(handle))
    assert keys - known == set()


def test_no_catalogue_text_is_left_unused() -> None:
    with CATALOGUE.open("rb") as handle:
        known = set(tomllib.load(handle))
    assert known - named_keys() == set()


def test_a_misspelled_key_raises_instead_of_rendering_nothing() -> None:
    with pytest.raises(KeyError, match="too_shrot_answer"):
        message("pitch.too_shrot_answer")
