"""Preparation: the questions serve what the student wants to learn, and the prep sheet fits
one phone screen (the rest waits behind its buttons)."""

from __future__ import annotations

from evals.graders.base import PASS, Grader, Output, Verdict, fail, mentions

#: The first questions asked: a 20-minute conversation may not get further.
FIRST = 3
#: One phone screen, read between classes.
SCREEN_LINES, SCREEN_CHARS = 18, 900


def serves_objective(out: Output) -> Verdict | None:
    """The first questions take up at least half of the objective's meaningful words."""
    objective = out.case.get("objective", "")
    if out.kind != "prep_questions" or not out.text or not objective:
        return None
    first = "\n".join(out.text.splitlines()[:FIRST])
    if mentions(first, objective):
        return PASS
    return fail(f"the first {FIRST} questions do not take up {objective!r}")


def fits_a_screen(out: Output) -> Verdict | None:
    """The sheet's first message fits a phone screen."""
    if out.kind != "prep_sheet" or not out.text:
        return None
    lines, chars = out.text.count("\n") + 1, len(out.text)
    if lines > SCREEN_LINES or chars > SCREEN_CHARS:
        return fail(f"{lines} lines, {chars} characters (a screen: {SCREEN_LINES}, {SCREEN_CHARS})")
    return PASS


PREP: dict[str, Grader] = {
    "serves_objective": serves_objective,
    "fits_a_screen": fits_a_screen,
}
