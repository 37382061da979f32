"""The preparation graders fail on the defects they exist for: first questions that ignore the
student's objective, and a prep sheet longer than a phone screen."""

from __future__ import annotations

from evals.graders import ALL, Output

OBJECTIVE = {"objective": "learn how to move from psych research into UX"}


def _passed(grader: str, kind: str, text: str) -> bool | None:
    verdict = ALL[grader](Output("t", kind, text, OBJECTIVE))
    return None if verdict is None else verdict.passed


def test_serves_objective_reads_the_first_questions() -> None:
    generic = "How did you get started?\nWhat is a typical day?\nWhat do you enjoy?\n"
    tailored = "What would you suggest I do to move from psych research into UX?\n" + generic
    assert _passed("serves_objective", "prep_questions", generic) is False
    assert _passed("serves_objective", "prep_questions", tailored)
    assert _passed("serves_objective", "prep_questions", generic + tailored) is False  # too late
    assert _passed("serves_objective", "prep_sheet", generic) is None


def test_fits_a_screen_counts_lines_and_characters() -> None:
    assert _passed("fits_a_screen", "prep_sheet", "\n".join(["A short line."] * 18))
    assert _passed("fits_a_screen", "prep_sheet", "\n".join(["A short line."] * 19)) is False
    assert _passed("fits_a_screen", "prep_sheet", "A long line. " * 80) is False
    assert _passed("fits_a_screen", "prep_questions", "x\n" * 40) is None
