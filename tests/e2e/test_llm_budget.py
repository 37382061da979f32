"""Twenty presses of "Another version" cost at most CLAUDE_CALLS_PER_MINUTE Claude requests;
the rest are answered by the offline coach, at once."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.harness import start_harness, stop_harness
from tests.fakes.llm import ScriptedLLM
from tests.support.drafts import GOOD
from tests.support.students import setup_student


async def test_twenty_presses_of_another_version(tmp_path: Path) -> None:
    llm = ScriptedLLM().script(*[GOOD] * 100)
    h = await start_harness(tmp_path / "data", llm=llm, claude_calls_per_minute=5)
    try:
        await setup_student(h)
        chat = h.chat()
        await chat.send("/draft")
        await chat.press("Interview request (email)")
        await chat.press("Dana Lopez · Kaiser Permanente")
        await chat.send("learn how you moved from nursing into health informatics")
        shown = chat.last
        for _ in range(20):
            await chat.press("Another version", shown)
        assert len(llm.calls) <= 5  # without the limit: 21 here (one a press, before retries)
        assert "Dana" in shown.plain  # still a real draft, from the offline coach
        assert not h.unanswered_callbacks()
    finally:
        await stop_harness(h)
