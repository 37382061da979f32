"""Every catalogue key the domain names exists, so a typo fails here and not in a student's chat."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.tone import Adjustment
from bot.features.profile.domain.profile import InvalidAnswer, clean_answer
from bot.features.profile.domain.timezones import Timezones
from bot.render.messages import explain, message

ROOT = Path(__file__).resolve().parents[2]
FEATURES = {p.name for p in (ROOT / "prompts").iterdir() if (p / "messages.toml").exists()}
_KEY = re.compile(rf"^(?:{'|'.join(sorted(FEATURES))})\.[a-z][a-z0-9_]*$")


def _named_keys() -> list[str]:
    keys: set[str] = set()
    for path in sorted((ROOT / "bot" / "features").glob("*/domain/*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if id(node) in parts:
                continue  # the fixed head of an f-string key; tested through its enum below
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _KEY.match(node.value)
            ):
                keys.add(node.value)
    return sorted(keys)


def test_the_domain_names_catalogue_keys() -> None:
    assert len(_named_keys()) >= 6


@pytest.mark.parametrize("key", _named_keys())
def test_each_key_the_domain_names_is_in_the_catalogue(key: str) -> None:
    feature, _, name = key.partition(".")
    text = (ROOT / "prompts" / feature / "messages.toml").read_text(encoding="utf-8")
    assert re.search(rf"^{name}\s*=", text, re.MULTILINE), key


def test_a_refusal_reads_as_before() -> None:
    with pytest.raises(InvalidAnswer) as info:
        clean_answer("degree", "x" * 200, Timezones({}))
    assert explain(info.value) == (
        "That's 200 characters; please keep it under 160 so it fits a pitch."
    )
    with pytest.raises(InvalidAnswer) as info:
        clean_answer("timezone", "Atlantis", Timezones({}))
    assert explain(info.value) == message("profile.timezone_unknown", typed="Atlantis")
    assert "“Atlantis”" in explain(info.value)


@pytest.mark.parametrize(
    "key", [k.label_key for k in DraftKind] + [a.label_key for a in Adjustment]
)
def test_every_draft_kind_and_button_has_a_label(key: str) -> None:
    assert message(key)


def test_explain_keeps_a_plain_error_message() -> None:
    assert explain(ValueError("Pick 1 to 7.")) == "Pick 1 to 7."
