"""Regressions from the counselor's audit (issue 10), checked on what the student reads.

They drive the coach through the eval suite's adapter (``evals/coach.py``), the one seam that
stays put while features move, with plain case data.
"""

from __future__ import annotations

import re

import pytest

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

    from bot.render.templates import render

    interview = SimpleNamespace(questions=("What changed?", "What next?"))
    fill = {"interview": interview, "name": "Dana", "which": None, "moving": None}
    one = render("interviews/questions.html.j2", tailored=1, **fill)
    assert "The first is made for Dana and your objective." in one and "first 1" not in one
    two = render("interviews/questions.html.j2", tailored=2, **fill)
    assert "The first 2 are made for Dana and your objective." in two


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


AUDIT_JOB_ASKS = [
    "join Spotify's data team",
    "get hired at Google",
    "see if you could refer me",
    "be considered for your summer analyst program",
    "discuss potential roles for me",
    "talk about my application",
]


@pytest.mark.parametrize("objective", AUDIT_JOB_ASKS)
def test_the_audits_job_asks_are_refused_as_job_asks(objective: str) -> None:
    refusal = coach.objective_refusal(objective)
    assert refusal and "asking for a job" in refusal


def test_what_it_takes_to_land_a_role_like_yours_is_a_fine_objective() -> None:
    assert coach.objective_refusal("understand what it takes to land a role like yours") is None


@pytest.mark.parametrize(
    ("objective", "ask"),
    [
        ("i want advice on breaking into UX", "time to get your advice on breaking into UX?"),
        ("pick your brain about fintech", "time to pick your brain about fintech?"),
        (
            "what does a typical day look like for a PM?",
            "time to hear what a typical day looks like for a PM?",
        ),
    ],
)
async def test_everyday_objectives_read_as_part_of_the_ask(objective: str, ask: str) -> None:
    draft = await coach.write_draft(LLM, "request_email", {**NEIGHBOUR, "objective": objective})
    assert ask in draft.text and "learn about i" not in draft.text


AUNT = {
    "profile": {"name": "Maya Chen", "degree": "BA Psychology, minor in Sociology"},
    "contact": {"name": "Lakshmi Iyer", "circle": "family", "role": "nurse manager"},
    "objective": "hear how you moved into management",
}
PROFESSOR = {
    "profile": {"name": "Grace Kim", "degree": "BS Accounting"},
    "contact": {
        "name": "Dr. Alan Brooks",
        "circle": "faculty",
        "organization": "San José State University",
        "notes": "I took his auditing class",
    },
    "objective": "get your advice on when to take the CPA exam",
    "highlight": "the CPA exam is easier to pass while coursework is fresh",
    "referrals": [{"name": "Dr. Kenji Sato", "may_use_name": True}],
}


async def test_people_the_student_knows_are_not_written_to_as_strangers() -> None:
    for kind in ("request_email", "linkedin_message", "phone_script"):
        text = (await coach.write_draft(LLM, kind, AUNT)).text
        assert "came across" not in text and "found you through" not in text, text
        text = (await coach.write_draft(LLM, kind, PROFESSOR)).text
        assert "my department" not in text and "I took your auditing class." in text, text


async def test_titles_names_roles_and_minors_read_as_a_person_would_write_them() -> None:
    email = (await coach.write_draft(LLM, "request_email", PROFESSOR)).text
    assert "Hello Dr. Brooks," in email and "Dr.," not in email
    script = (await coach.write_draft(LLM, "phone_script", PROFESSOR)).text
    assert "is this Dr. Brooks?" in script
    stranger = {**AUNT, "contact": {**AUNT["contact"], "circle": None}}
    message = (await coach.write_draft(LLM, "linkedin_message", stranger)).text
    assert "a BA Psychology student with a minor in Sociology" in message
    # her aunt knows what she studies: no self-introduction at all
    assert "Psychology" not in (await coach.write_draft(LLM, "linkedin_message", AUNT)).text
    assert (
        "your work as a nurse manager"
        in (await coach.write_draft(LLM, "request_email", stranger)).text
    )


async def test_a_thank_you_names_the_point_and_the_referral() -> None:
    text = (await coach.write_draft(LLM, "thank_you", PROFESSOR)).text
    assert "your point that the CPA exam is easier to pass while coursework is fresh" in text
    assert "suggesting I speak with Dr. Kenji Sato" in text


@pytest.mark.parametrize("mode", ["video", "phone"])
async def test_the_prep_sheet_for_a_call_does_not_say_meet_face_to_face(mode: str) -> None:
    case = {"contact": {"name": "Priya Shah", "organization": "Duolingo"}, "mode": mode}
    sheet = (await coach.prepare(LLM, case, "learn how you run research")).sheet
    assert "face to face" not in sheet and "copy of your resume" not in sheet
    assert "thank-you note the same day" in sheet


async def test_a_freelancer_is_not_asked_about_this_organization() -> None:
    consultant = {"name": "Helen Foster", "role": "independent consultant"}
    assert "this organization" not in await _questions(consultant)


async def test_a_follow_up_restates_who_the_student_is_who_referred_them_and_thanks_them() -> None:
    case = {
        **NEIGHBOUR,
        "contact": {**NEIGHBOUR["contact"], "circle": "introduced", "may_use_name": True},
        "introducer": {"name": "Sam Ortiz"},
    }
    text = (await coach.write_draft(LLM, "follow_up", case)).text
    assert "I'm Ravi Patel, a BS Electrical Engineering student" in text
    assert "Sam Ortiz suggested I get in touch" in text and "Thank you" in text
