"""The shipped bank loads; broken banks fail loudly and precisely; selection is sensible."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from bot.features.interviews.content import load_question_bank, shipped_question_bank
from bot.features.interviews.domain.questions import (
    QuestionBank,
    QuestionBankError,
    select_questions,
    tailored_questions,
)
from bot.resources import resource_dir

SHIPPED = resource_dir("data") / "questions.json"


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank(SHIPPED)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "questions.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_shipped_bank_loads(bank: QuestionBank) -> None:
    assert set(bank.titles) == {"field", "organization", "growth", "closing"}
    assert all(len(bank.in_category(c)) >= 3 for c in bank.titles)
    salary = bank.by_id("growth.salary")
    assert salary is not None and salary.sensitive
    assert all(q.text.endswith("?") for q in bank.questions)


def _break(raw: dict[str, Any], change: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    change(data)
    return data


def _set(path: list[Any], value: Any) -> Any:
    def change(data: Any) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "entry", "problem"),
    [
        (
            _set(["categories", 0, "questions", 1, "id"], "field.path_in"),
            "field.path_in",
            "more than once",
        ),
        (_set(["categories", 0, "questions", 0, "text"], ""), "question 1", "non-empty"),
        (
            _set(["categories", 0, "questions", 0, "text"], "Tell me about it."),
            "field.path_in",
            "ending with '?'",
        ),
        (_set(["categories", 0, "id"], "career"), "categories[0]", "must be one of"),
        (
            _set(["categories", 0, "questions", 0, "tags"], "salary"),
            "field.path_in",
            "list of non-empty strings",
        ),
        (lambda d: d["categories"].pop(2), "categories", "missing ['growth']"),
        (_set(["categories", 3, "questions", 0, "tags"], []), "closing", "tagged 'referrals'"),
        (
            _set(["tailored", 0, "questions", 0], "What is {team} like?"),
            "software",
            "unknown placeholder",
        ),
        (_set(["tailored", 0, "questions", 0], "What is {role like?"), "software", "braces"),
        (_set(["tailored", 0, "keywords"], []), "software", "keywords"),
        (_set(["tailored", -1, "fallback"], False), "generic", "keywords"),
    ],
)
def test_malformed_banks_name_the_entry_and_problem(
    tmp_path: Path, raw: dict[str, Any], change: Any, entry: str, problem: str
) -> None:
    path = write(tmp_path, _break(raw, change))
    with pytest.raises(QuestionBankError) as err:
        load_question_bank(path)
    message = str(err.value)
    assert str(path) in message and entry in message and problem in message


def test_invalid_json_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{"categories": [\n  {"id": "field",}\n]}')
    with pytest.raises(QuestionBankError, match=r"line 2 column .*not valid JSON"):
        load_question_bank(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(QuestionBankError, match="not found"):
        load_question_bank(tmp_path / "nope.json")


def test_selection_per_category_with_closing_asks(bank: QuestionBank) -> None:
    chosen = select_questions(bank, field="UX design", role="Designer", organization="Acme")
    by_category = [q.category for q in chosen]
    assert by_category.count("field") == 2
    assert by_category.count("organization") == 2
    assert by_category.count("growth") == 2
    ids = {q.id for q in chosen}
    assert {"closing.referrals", "closing.follow_up"} <= ids
    assert "growth.salary" not in ids


def test_closing_asks_survive_exclusion_and_small_counts(bank: QuestionBank) -> None:
    chosen = select_questions(
        bank,
        field="",
        role="",
        organization="",
        per_category=1,
        exclude_ids=("closing.referrals", "field.path_in"),
    )
    ids = [q.id for q in chosen]
    assert "closing.referrals" in ids and "closing.follow_up" in ids
    assert "field.path_in" not in ids
    assert len(ids) == 5


def test_salary_only_when_asked(bank: QuestionBank) -> None:
    chosen = select_questions(
        bank, field="", role="", organization="", per_category=5, include_sensitive=True
    )
    assert "growth.salary" in {q.id for q in chosen}
    assert "closing.resources" in {q.id for q in chosen}


def test_field_specific_questions_come_first(tmp_path: Path, raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["categories"][0]["questions"].append(
        {"id": "field.nursing", "text": "How did clinical work prepare you?", "fields": ["nursing"]}
    )
    bank = load_question_bank(write(tmp_path, data))
    chosen = select_questions(bank, field="Nursing", role="", organization="")
    assert chosen[0].id == "field.nursing"
    other = select_questions(bank, field="Finance", role="", organization="")
    assert "field.nursing" not in {q.id for q in other}


@pytest.mark.parametrize(
    ("field", "role", "expected"),
    [
        ("software engineering", "Backend Engineer", "build next"),
        ("public health", "Nurse Manager", "patients"),
        ("", "Financial Analyst", "CPA or CFA"),
        ("education", "Teacher", "typical term"),
        ("nonprofit", "Program Manager", "impact"),
        ("UX design", "Product Designer", "portfolio"),
        ("biology", "Research Scientist", "research questions"),
        ("logistics", "Operations Lead", "success look like"),
    ],
)
def test_tailored_by_field(bank: QuestionBank, field: str, role: str, expected: str) -> None:
    questions = tailored_questions(bank, field, role, "Acme")
    assert len(questions) == 3
    assert any(expected in q for q in questions)
    assert all("{" not in q for q in questions)


def test_tailored_interpolates_and_skips_unknowns(bank: QuestionBank) -> None:
    with_org = tailored_questions(bank, "software", "Data Engineer", "Stripe")
    assert any("at Stripe" in q for q in with_org)
    assert not any("as Data Engineer" in q for q in with_org)  # "as <role>" lacked its article
    without = tailored_questions(bank, "", "", "")
    assert without and all("{" not in q and " as ?" not in q for q in without)
    assert any("this field" in q for q in without)


def test_shipped_loader_matches_file(bank: QuestionBank) -> None:
    assert shipped_question_bank() == bank
