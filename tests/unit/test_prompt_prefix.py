"""The cached system prefix: one, stable, long enough to be cached, and task blocks without data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.features.outreach.coach_offline import claude_variables
from bot.features.outreach.domain.kinds import DraftKind
from bot.llm.prompts import estimated_tokens, system_prefix
from bot.render.templates import render
from tests.support.drafts import BASE

#: The largest minimum cacheable prompt among the models we may configure (Haiku 4.5, Opus 4.5
#: and 4.6 need 4,096 tokens; Sonnet 4.6 2,048; Sonnet 5 and later 1,024 or less).
LARGEST_CACHE_MINIMUM = 4096
TASKS = [
    "ask/task.txt.j2",
    "profile/welcome_system.txt.j2",
    "interviews/tailor_system.txt.j2",
    "pitch/build_task.txt.j2",
    "pitch/tailor_task.txt.j2",
    "pitch/review_system.txt.j2",
    "pitch/practice_task.txt.j2",
]


def test_the_prefix_is_long_enough_to_be_cached_by_every_listed_model() -> None:
    assert estimated_tokens(system_prefix()) > LARGEST_CACHE_MINIMUM


def test_the_prefix_is_rendered_once_and_carries_no_variables() -> None:
    assert system_prefix() is system_prefix()
    assert render("llm/prefix.txt.j2") == system_prefix()
    assert "{{" not in system_prefix() and "{%" not in system_prefix()


@pytest.mark.parametrize("template", TASKS)
def test_task_blocks_need_no_per_request_values(template: str) -> None:
    assert render(template)  # StrictUndefined: a per-request variable here would raise


def test_the_draft_task_block_is_the_same_for_every_student_and_kind() -> None:
    a = claude_variables(DraftKind.REQUEST_EMAIL, BASE)
    b = claude_variables(DraftKind.THANK_YOU, replace(BASE, student_name="Zoe Park", minutes=15))
    task = "outreach/drafts/system.txt.j2"
    assert render(task, **a) == render(task, **b)
    assert "Zoe" in render("outreach/drafts/user.txt.j2", **b)
