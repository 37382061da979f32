"""Every Claude call site through the real gateway and SDK, against the fake API at the HTTP edge.

And every structured-output model through the SDK's own schema transformation, so a schema
feature the API refuses (numeric bounds, string lengths, ``maxItems``) can never reach it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from anthropic.lib._parse._transform import transform_schema
from pydantic import BaseModel

from bot.features.interviews.coach import TailoredQuestions
from bot.features.outreach.coach import DraftReply, draft_problems, write_draft
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.rules import check_draft
from bot.features.pitch import coach as pitch_coach
from bot.llm import build_llm
from bot.llm.base import LLM
from bot.llm.prompts import system_prefix
from bot.settings import Settings
from tests.fakes.claude import FakeClaude
from tests.support.drafts import BASE, GOOD_EMAIL
from tests.support.pitch import ANSWERS

MODELS: list[type[BaseModel]] = [
    TailoredQuestions,
    DraftReply,
    pitch_coach.PitchReview,
    pitch_coach.PitchVersions,
    pitch_coach.OnePitch,
]
#: What structured outputs refuse (live reports: "property 'minimum' is not supported").
REFUSED = {
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "maxItems",
    "pattern",
}


def llm_for(fake: FakeClaude) -> LLM:
    settings = Settings(_env_file=None, anthropic_api_key="sk-test", anthropic_max_retries=0)
    return build_llm(settings, http_client=fake.client())


def walk(schema: Any):
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from walk(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from walk(value)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_schema_after_the_sdks_transformation_has_only_accepted_features(model) -> None:
    schema = transform_schema(model.model_json_schema())
    for node in walk(schema):
        assert not REFUSED & set(node), (model.__name__, node)
        assert node.get("minItems", 0) in (0, 1)
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, (model.__name__, node)


def test_the_prefix_states_the_draft_rules_the_domain_checks() -> None:
    from bot.features.outreach.domain.kinds import (
        LINKEDIN_NOTE_LIMIT,
        MAX_ASK_MINUTES,
        MIN_ASK_MINUTES,
        WORD_LIMITS,
    )
    from bot.features.pitch.domain.elements import Element
    from bot.render.templates import render

    prefix = system_prefix()
    assert f"between {MIN_ASK_MINUTES} and {MAX_ASK_MINUTES}" in prefix
    assert f"at most {WORD_LIMITS[DraftKind.REQUEST_EMAIL]} words" in prefix
    assert f"at most {LINKEDIN_NOTE_LIMIT} characters" in prefix
    review_task = render("pitch/review_system.txt.j2")
    assert all(f'"{e.value}"' in review_task for e in Element)


async def test_a_draft_with_a_job_ask_and_an_invented_school_is_repaired_naming_both() -> None:
    bad_body = GOOD_EMAIL.body.replace(
        "I'm Maya Chen, studying BS Computer Science.",
        "I'm Maya Chen, a student at Stanford. Are you hiring interns?",
    )
    fake = (
        FakeClaude()
        .reply_json({"subject": "20 minutes of your advice?", "body": bad_body})
        .reply_json({"subject": GOOD_EMAIL.subject, "body": GOOD_EMAIL.body})
    )
    draft = await write_draft(llm_for(fake), DraftKind.REQUEST_EMAIL, BASE)
    assert draft.source == "claude" and check_draft(draft, BASE) == []
    assert "Stanford" not in draft.body
    repair = fake.requests[1]["messages"][2]["content"]
    assert "job_ask:" in repair and "facts: Stanford not in the data" in repair
    first = fake.requests[0]
    assert first["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert "Maya" not in json.dumps(first["system"])  # per-student values only in the user turn
    assert first["output_config"]["format"]["schema"]["required"] == ["subject", "body"]


async def test_a_referrer_without_permission_is_an_invented_name() -> None:
    ctx = replace(BASE, may_use_referrer_name=False)
    problems = draft_problems(GOOD_EMAIL, ctx)
    assert any(p.startswith("facts: Shah") for p in problems)  # "Priya" opens a sentence


async def test_pitch_build_is_one_request_for_three_lengths() -> None:
    versions = {
        "seconds_15": "Hi, I'm Maya Chen, a computer science major into health informatics. "
        "How did you get into it?",
        "seconds_30": "Hi, I'm Maya Chen, a third-year computer science major. I cleaned 40,000 "
        "vaccination records for the county health department. I'm looking for a summer "
        "internship. How did you get into health informatics?",
        "seconds_60": "Hi, I'm Maya Chen. I worked at NASA for 5 years. How did you start?",
    }
    fake = (
        FakeClaude()
        .reply_json(versions)
        .reply_json({**versions, "seconds_60": versions["seconds_30"]})
    )
    built = await pitch_coach.build(llm_for(fake), ANSWERS, 150)
    assert built[15] == versions["seconds_15"] and built[60] == versions["seconds_30"]
    assert len(fake.requests) == 2  # one request and one repair, not three in a row
    repair = fake.requests[1]["messages"][2]["content"]
    assert "seconds_60: facts: NASA, 5 not in the student's data" in repair
