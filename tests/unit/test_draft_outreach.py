"""From records to draft facts: referrer permission, objective, stage after "I sent it"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.contacts import Contact, Stage
from bot.domain.drafts import DraftKind
from bot.domain.interviews import Interview
from bot.domain.outreach import (
    DraftFacts,
    ObjectiveError,
    clean_objective,
    draft_context,
    stage_after_sent,
)
from bot.domain.profile import Profile

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
    assert draft_context(PROFILE, DANA).connection == "the alumni network"
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
