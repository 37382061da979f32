"""The chat eval seam: the same cases and graders run against either coach."""

from __future__ import annotations

from bot.features.ask.evaluation import Case, grade, load_cases, run_cases, table
from bot.llm.base import NoLLM
from tests.fakes.llm import ScriptedLLM


async def test_the_offline_coach_passes_every_grader_on_every_case() -> None:
    scores = await run_cases(load_cases(), NoLLM())
    failed = {s.case: s.checks for s in scores if s.passed != len(s.checks)}
    assert not failed and len(scores) >= 10
    assert "offline" in table({"offline": scores})


async def test_claude_answers_are_graded_on_using_the_students_data() -> None:
    case = Case("x", "what next?", {"interests": "health informatics"}, (), ("pitch",), ("health",))
    llm = ScriptedLLM().script("Polish your pitch first.", "Ask them if they are hiring you.")
    good, bad = await run_cases([case, case], llm)
    assert good.by_claude and good.checks == {
        "fits_a_phone": True,
        "reads_as_sentences": True,
        "grounded": True,
        "no_job_ask_advice": True,
        "uses_their_data": False,
    }
    assert bad.checks["no_job_ask_advice"] is False and bad.checks["grounded"] is False


def test_graders_catch_rambling() -> None:
    assert grade(Case("x", "q"), "word " * 200, by_claude=False)["fits_a_phone"] is False


def test_graders_catch_list_items_that_are_no_sentences() -> None:
    shorthand = (
        "Write your questions down.\n"
        "• closing: whom else to speak with (and may you use their name), and may you "
        "contact them again."
    )
    assert grade(Case("x", "q"), shorthand, by_claude=False)["reads_as_sentences"] is False
    fragment = "A balanced set:\n- the field: a typical day;\n- the future."
    assert grade(Case("x", "q"), fragment, by_claude=False)["reads_as_sentences"] is False
    sentences = "A balanced set:\n• Ask how they got into it.\n• Ask what a typical day is like."
    assert grade(Case("x", "q"), sentences, by_claude=False)["reads_as_sentences"] is True
