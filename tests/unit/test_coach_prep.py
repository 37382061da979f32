"""Tailored questions: Claude's are validated; the bank's rules answer otherwise."""

from __future__ import annotations

from bot.features.interviews.coach import tailor_questions, valid_questions
from bot.features.interviews.content import shipped_question_bank
from tests.fakes.llm import ScriptedLLM


def test_valid_questions_drop_non_questions_job_asks_and_repeats() -> None:
    raw = ["What changed?", "what changed?", "Are you hiring?", "Tell me more", 3, "x" * 400 + "?"]
    assert valid_questions(raw, avoid=[]) == ["What changed?"]
    assert valid_questions(raw, avoid=["What changed?"]) == []
    assert valid_questions("nope", avoid=[]) == []


async def test_offline_rules_when_claude_gives_nothing_usable() -> None:
    bank = shipped_question_bank()
    llm = ScriptedLLM().script({"questions": ["Are you hiring?"]})
    got = await tailor_questions(
        llm,
        bank,
        field="health informatics",
        role="Clinical Informatics Lead",
        organization="Kaiser Permanente",
        objective="learn the field",
        already=[],
    )
    assert got and all(q.endswith("?") for q in got)
    assert "Are you hiring?" not in got
    prompt = llm.calls[0].user_text
    data = prompt[prompt.index("<data>") : prompt.index("</data>")]
    assert "Kaiser Permanente" in data  # contact text travels as data
    assert "Kaiser Permanente" not in prompt.replace(data, "")  # and nowhere else
