"""Each rule of the draft checker on its own: one draft that breaks it, one that keeps it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.features.outreach.domain import rules as r
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import Draft
from bot.render.messages import explain

CTX = DraftContext(
    student_name="Maya Chen",
    programme="BS Computer Science",
    contact_name="Dana Lopez",
    contact_first_name="Dana",
    objective="learn how you moved from nursing into health informatics",
    connection="the alumni network",
    debrief_highlight="joining AMIA as a student member",
    progress_update="I enrolled in an intro to SQL course",
)
EMAIL = Draft(
    DraftKind.REQUEST_EMAIL,
    "20 minutes of your advice?",
    "Hello Dana,\n\nI found you through the alumni network. I'm Maya Chen.\n\n"
    "May I have 20 minutes of your time to learn how you moved from nursing into health "
    "informatics? Phone, video or in person is fine, at your convenience.\n\n"
    "Best regards,\nMaya Chen\nBS Computer Science",
)
THANKS = Draft(
    DraftKind.THANK_YOU,
    "Thank you",
    "Dear Dana,\n\nThank you for your advice about joining AMIA as a student member.\n\n"
    "Best regards,\nMaya Chen\nBS Computer Science",
)
INTRO = Draft(
    DraftKind.INTRO_REQUEST,
    "Who else?",
    "Dear Dana,\n\nWho would you recommend I speak with next, and may I mention that you "
    "suggested them?\n\nBest regards,\nMaya Chen\nBS Computer Science",
)
UPDATE = Draft(
    DraftKind.KEEP_IN_TOUCH,
    "An update",
    "Dear Dana,\n\nI enrolled in an intro to SQL course, as you suggested.\n\n"
    "Best regards,\nMaya Chen\nBS Computer Science",
)
SCRIPT = Draft(
    DraftKind.PHONE_SCRIPT,
    None,
    "Hello, this is Maya. May I have 20 minutes to learn how you moved from nursing into health "
    "informatics? If now works, I have my questions ready.",
)
NOTE = Draft(DraftKind.LINKEDIN_NOTE, None, "Hi Dana, may I have 20 minutes of your advice?")


def _body(draft: Draft, old: str, new: str) -> Draft:
    assert old in draft.body
    return replace(draft, body=draft.body.replace(old, new))


CASES: list[tuple[r.Check, Draft, Draft, DraftContext]] = [
    (r.length, NOTE, replace(NOTE, body="x " * 200), CTX),
    (r.length, EMAIL, _body(EMAIL, "Hello Dana,", "Hello Dana, " + "really " * 120), CTX),
    (r.placeholder, EMAIL, _body(EMAIL, "Maya Chen.", "[your name]."), CTX),
    (r.job_ask, EMAIL, _body(EMAIL, "at your convenience.", "Are you hiring interns?"), CTX),
    (r.pushy, EMAIL, _body(EMAIL, "at your convenience.", "ASAP please."), CTX),
    (r.subject, EMAIL, replace(EMAIL, subject=None), CTX),
    (r.time_ask, EMAIL, _body(EMAIL, "May I have 20 minutes of your time to", "Can I"), CTX),
    (
        r.objective,
        EMAIL,
        _body(EMAIL, "learn how you moved from nursing into health informatics", "chat"),
        CTX,
    ),
    (r.signature, EMAIL, _body(EMAIL, "Best regards,\nMaya Chen\nBS Computer Science", "Bye"), CTX),
    (
        r.referrer_permission,
        EMAIL,
        _body(EMAIL, "I found you", "Priya Shah said I found you"),
        replace(CTX, referrer_name="Priya Shah"),
    ),
    (
        r.opens_with_connection,
        EMAIL,
        _body(EMAIL, "I found you through the alumni network. ", ""),
        CTX,
    ),
    (r.flexibility, EMAIL, _body(EMAIL, "Phone, video or in person is fine", "Anything"), CTX),
    (r.highlight, THANKS, _body(THANKS, "about joining AMIA as a student member", ""), CTX),
    (r.progress, UPDATE, _body(UPDATE, "I enrolled in an intro to SQL course", "All good"), CTX),
    (r.intro_ask, INTRO, _body(INTRO, "may I mention that you suggested them", "thanks"), CTX),
    (r.ask_now_plan, SCRIPT, _body(SCRIPT, "If now works, ", ""), CTX),
]


@pytest.mark.parametrize(
    ("check", "kept", "broken", "ctx"), CASES, ids=lambda c: getattr(c, "__name__", "")
)
def test_each_rule_fires_on_its_break_only(
    check: r.Check, kept: Draft, broken: Draft, ctx: DraftContext
) -> None:
    assert check(kept, ctx) is None
    reason = check(broken, ctx)
    assert reason is not None
    assert explain(reason)[0].isupper()


def test_every_rule_is_in_the_table_once_and_has_a_case() -> None:
    names = [rule for rule, _ in r.RULES]
    assert sorted(names) == sorted(r.Rule)
    assert {check for check, *_ in CASES} == {check for _, check in r.RULES}


def test_rules_only_judge_the_kinds_they_are_about() -> None:
    assert r.flexibility(replace(THANKS, body="No ways to meet."), CTX) is None
    assert r.ask_now_plan(EMAIL, CTX) is None
    assert r.time_ask(THANKS, CTX) is None
