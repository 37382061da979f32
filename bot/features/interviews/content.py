"""The interviews feature's shipped content: the question bank, read from ``data/``."""

from __future__ import annotations

import json
from pathlib import Path

from bot.features.interviews.domain.questions import QuestionBank, QuestionBankError, question_bank
from bot.resources import resource_dir


def load_question_bank(path: Path | str) -> QuestionBank:
    """Read and validate a bank file; ``QuestionBankError`` names the file, entry and problem."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise QuestionBankError(path, "file", "not found") from exc
    except json.JSONDecodeError as exc:
        raise QuestionBankError(
            path, f"line {exc.lineno} column {exc.colno}", f"not valid JSON ({exc.msg})"
        ) from exc
    return question_bank(raw, path)


def shipped_question_bank() -> QuestionBank:
    """The bank in ``data/questions.json``; call at start-up so a bad edit stops the bot early."""
    return load_question_bank(resource_dir("data") / "questions.json")
