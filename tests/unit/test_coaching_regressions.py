"""Regressions from the counselor's audit (issue 10), checked on what the student reads.

They drive the coach through the eval suite's adapter (``evals/coach.py``), the one seam that
stays put while features move, with plain case data.
"""

from __future__ import annotations

import re

from evals import coach

LLM = coach.offline_llm()
NEIGHBOUR = {
    "profile": {"name": "Ravi Patel", "degree": "BS Electrical Engineering"},
    "contact": {
        "name": "Omar Haddad",
        "circle": "neighbors",
        "organization": "Apple",
        "role": "hardware engineer",
    },
    "objective": "learn what hardware teams look for in new graduates",
}


def _sentences(body: str) -> list[str]:
    lines = [ln for ln in body.splitlines()[1:] if ln.strip()]  # after the greeting
    return re.split(r"(?<=[.!?])\s+", " ".join(lines))


async def test_linkedin_message_asks_for_the_time_up_front_and_names_the_role_once() -> None:
    draft = await coach.write_draft(LLM, "linkedin_message", NEIGHBOUR)
    ask = next(i for i, s in enumerate(_sentences(draft.text)) if "20 minutes" in s)
    assert ask <= 2, draft.text
    assert draft.text.count("Apple") <= 1, draft.text


async def test_phone_voicemail_leaves_a_way_to_call_back() -> None:
    draft = await coach.write_draft(LLM, "phone_script", NEIGHBOUR)
    voicemail = draft.text.split("If you reach voicemail:")[1]
    assert "reach me at this number" in voicemail


def test_one_tailored_question_is_counted_in_the_singular() -> None:
    from types import SimpleNamespace

    from bot.llm.prompts import render

    interview = SimpleNamespace(questions=("What changed?", "What next?"))
    one = render("interviews/questions.html.j2", interview=interview, tailored=1)
    assert "The first is about their own work." in one
    two = render("interviews/questions.html.j2", interview=interview, tailored=2)
    assert "The first 2 are about their own work." in two


async def test_thank_you_has_no_stock_line_about_suggestions_already_in_practice() -> None:
    case = {**NEIGHBOUR, "highlight": "build one project end to end rather than five halfway"}
    draft = await coach.write_draft(LLM, "thank_you", case)
    assert "putting your suggestions into practice" not in draft.text
    assert "one project end to end" in draft.text


async def _questions(contact: dict[str, str], objective: str = "learn about your path") -> str:
    prep = await coach.prepare(LLM, {"contact": contact, "mode": "video"}, objective)
    return "\n".join(prep.questions)


async def test_an_informatics_lead_is_not_asked_about_patients_or_clinical_hours() -> None:
    lead = {
        "name": "Lakshmi Iyer",
        "organization": "Kaiser Permanente",
        "role": "clinical informatics lead",
        "field": "health informatics",
    }
    questions = await _questions(lead)
    assert "patients" not in questions and "clinical hours" not in questions
    assert "clinicians" in questions


async def test_an_independent_consultant_is_asked_about_clients_and_roles_keep_articles() -> None:
    consultant = {"name": "Helen Foster", "role": "independent consultant", "field": "strategy"}
    questions = await _questions(consultant)
    assert "clients" in questions
    ux = {"name": "Priya Shah", "organization": "Duolingo", "role": "UX researcher"}
    assert "as UX researcher" not in await _questions(ux)
