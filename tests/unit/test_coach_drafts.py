"""write_draft: Claude's text is checked, fixed or regenerated; offline when Claude is silent."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.features.outreach.coach import write_draft
from bot.features.outreach.coach_offline import claude_prompts, claude_variables
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.rules import check_draft
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.llm.base import NoLLM
from bot.render.templates import render
from tests.fakes.llm import ScriptedLLM
from tests.support.drafts import BASE, GOOD_EMAIL

GOOD = GOOD_EMAIL.text


async def test_good_claude_draft_is_kept() -> None:
    llm = ScriptedLLM().script(GOOD)
    draft = await write_draft(llm, DraftKind.REQUEST_EMAIL, BASE)
    assert draft.source == "claude" and draft.repairs == ()
    assert draft.body == GOOD_EMAIL.body


async def test_broken_claude_draft_is_regenerated_with_another_variant() -> None:
    broken = GOOD.replace("May I have 20 minutes of your time to", "Could we talk so I can")
    llm = ScriptedLLM().script(broken, GOOD)
    draft = await write_draft(llm, DraftKind.REQUEST_EMAIL, BASE, PLAIN, 1)
    assert check_draft(draft, BASE) == []
    assert "time_ask" in draft.repairs
    assert [c.variables["variant"] for c in llm.calls] == [1, 2]


async def test_silent_claude_means_offline() -> None:
    draft = await write_draft(ScriptedLLM(), DraftKind.THANK_YOU, BASE, Tone(warmer=True))
    assert draft.source == "offline" and check_draft(draft, BASE) == []
    assert (await write_draft(NoLLM(), DraftKind.THANK_YOU, BASE)).source == "offline"


def test_variables_render_the_same_prompts_as_claude_prompts() -> None:
    variables = claude_variables(DraftKind.LINKEDIN_NOTE, BASE, tone=PLAIN, variant=2)
    system, user = claude_prompts(DraftKind.LINKEDIN_NOTE, BASE, tone=PLAIN, variant=2)
    assert render("outreach/drafts/system.txt.j2", **variables) == system
    assert render("outreach/drafts/user.txt.j2", **variables) == user


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("She said SQL and Tableau matter most", "your point that SQL and Tableau matter most"),
        ("Dana told me that her team uses Epic", "your point that your team uses Epic"),
        ("He said to join AMIA.", "your advice to join AMIA"),
        ("How clinicians adopt new dashboards", "what you said about how clinicians adopt"),
        ("SQL and Tableau matter most", "stayed with me: SQL and Tableau matter most"),
    ],
)
async def test_thank_you_reads_well_whatever_the_highlight_looks_like(
    typed: str, expected: str
) -> None:
    ctx = replace(BASE, debrief_highlight=typed)
    draft = await write_draft(NoLLM(), DraftKind.THANK_YOU, ctx)
    assert expected in draft.body
    assert "about She" not in draft.body and "about Dana" not in draft.body
    assert check_draft(draft, ctx) == []
