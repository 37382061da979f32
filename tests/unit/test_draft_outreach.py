"""From records to draft facts: referrer permission, objective, stage after "I sent it"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.features.contacts.domain import Contact, Stage
from bot.features.interviews.domain.interviews import Interview
from bot.features.outreach.domain.facts import (
    DraftFacts,
    ObjectiveError,
    clean_objective,
    draft_context,
    in_students_zone,
    name_problem,
    stage_after_sent,
)
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.profile.domain.profile import Profile
from bot.render.messages import explain

NOW = datetime(2026, 11, 27, tzinfo=UTC)
PROFILE = Profile(name="Maya Chen", degree="BS Computer Science")
DANA = Contact("d1", "Dana Lopez", NOW, NOW, circle="alumni", organization="Kaiser", role="Lead")
PRIYA = Contact("p1", "Priya Shah", NOW, NOW, introduced_by="d1", may_use_name=True)


def test_referrer_only_with_permission() -> None:
    ctx = draft_context(PROFILE, PRIYA, introducer=DANA)
    assert ctx.usable_referrer == "Dana Lopez"
    hidden = Contact("p2", "Lee Wong", NOW, NOW, introduced_by="d1", may_use_name=None)
    assert draft_context(PROFILE, hidden, introducer=DANA).usable_referrer is None


def test_objective_prefers_the_students_words_then_the_interview() -> None:
    interview = Interview("i1", "d1", "learn about EHRs", NOW, highlight="AMIA")
    ctx = draft_context(PROFILE, DANA, interview=interview)
    assert (ctx.objective, ctx.debrief_highlight) == ("learn about EHRs", "AMIA")
    ctx = draft_context(PROFILE, DANA, interview=interview, facts=DraftFacts(objective="hear X"))
    assert ctx.objective == "hear X"
    assert draft_context(PROFILE, DANA).objective.startswith("learn how you got started")
    assert draft_context(PROFILE, DANA).connection == "I found you through the alumni network"
    assert draft_context(Profile(), DANA, fallback_name="Tg Name").student_name == "Tg Name"


@pytest.mark.parametrize(
    ("kind", "current", "expected"),
    [
        (DraftKind.REQUEST_EMAIL, Stage.TO_CONTACT, Stage.REQUEST_SENT),
        (DraftKind.LINKEDIN_NOTE, Stage.SCHEDULED, None),
        (DraftKind.FOLLOW_UP, Stage.NO_REPLY, Stage.REQUEST_SENT),
        (DraftKind.THANK_YOU, Stage.INTERVIEWED, Stage.THANKED),
        (DraftKind.KEEP_IN_TOUCH, Stage.THANKED, Stage.KEEPING_IN_TOUCH),
        (DraftKind.INTRO_REQUEST, Stage.THANKED, None),
    ],
)
def test_stage_after_sent_only_moves_forward(
    kind: DraftKind, current: Stage, expected: Stage | None
) -> None:
    assert stage_after_sent(kind, current) is expected


@pytest.mark.parametrize("bad", ["hi", "x" * 201, "find out if there are any job openings"])
def test_objective_validation(bad: str) -> None:
    with pytest.raises(ObjectiveError):
        clean_objective(bad)


def test_objective_is_kept_in_the_students_words() -> None:
    assert clean_objective("  learn   how you moved into UX ") == "learn how you moved into UX"


@pytest.mark.parametrize(
    "job_ask",
    [
        "I'd like to ask if you are hiring interns",
        "find out whether Kaiser is hiring",
        "get an internship at Kaiser",
        "learn whether your team has openings for new grads",
        "tell you I'd love to work for you",
    ],
)
def test_objectives_that_ask_for_a_job_are_refused_kindly(job_ask: str) -> None:
    with pytest.raises(ObjectiveError) as info:
        clean_objective(job_ask)
    assert "asking for a job" in explain(info.value)


@pytest.mark.parametrize(
    "fine",
    [
        "learn how your organization fills job openings",  # a question from the handout
        "learn how people get a job in clinical informatics",
        "learn how you got your first job in informatics",
        "understand the role of data in nursing",
    ],
)
def test_objectives_about_how_hiring_works_are_fine(fine: str) -> None:
    assert clean_objective(fine) == fine


def test_markup_in_contact_text_never_reaches_a_draft_as_a_placeholder() -> None:
    odd = Contact("x1", "<b>Xi</b> & Y", NOW, NOW, organization="<i>Org</i> & Co", role="lead <ux>")
    ctx = draft_context(PROFILE, odd, facts=DraftFacts(objective="hear about [your] path"))
    assert (ctx.contact_name, ctx.organization, ctx.role) == ("Xi & Y", "Org & Co", "lead UX")
    assert ctx.objective == "hear about your path"


@pytest.mark.parametrize(
    "sentence", ["how clinicians adopt new dashboards", "learn how you moved into informatics"]
)
def test_a_sentence_is_not_taken_for_a_name(sentence: str) -> None:
    assert name_problem(sentence) is not None


@pytest.mark.parametrize("name", ["Dana Lopez", "Maria de la Cruz", "Dr. Sam Ortiz", "Lee"])
def test_real_names_pass(name: str) -> None:
    assert name_problem(name) is None


def test_sent_date_is_the_students_own_day() -> None:
    late_evening = datetime(2026, 11, 27, 3, 30, tzinfo=UTC)  # 19:30 on the 26th in San Jose
    assert in_students_zone(late_evening, "America/Los_Angeles").day == 26
    assert in_students_zone(late_evening, None).day == 27
    assert in_students_zone(late_evening, "Nowhere/Atlantis").day == 27
