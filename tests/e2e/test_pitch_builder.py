"""/pitch → Build as a student sees it: honest timing at their own pace, and corrections typed
while building that reach the profile (and so the drafts signed later)."""

from __future__ import annotations

import re

from bot.features.pitch.pace import set_student_pace
from tests.fakes.harness import Harness
from tests.support.pitch import repo

SLOW = 110


async def _build(chat) -> None:  # type: ignore[no-untyped-def]
    await chat.send("/pitch")
    await chat.press("Build one with me")
    for answer in (
        "Grace Kim",
        "a senior accounting major at San José State",
        "forensic accounting",
        "an audit or forensic internship for next summer",
        "prepared 40 tax returns for low-income families with VITA",
    ):
        await chat.send(answer)
    for _ in range(3):
        await chat.press("Skip")


def _labels(shown: str) -> dict[int, int]:
    """Seconds the result screen says each version takes, by slot (the "~N s" under it)."""
    found: dict[int, int] = {}
    for block in re.split(r"\n(?=.*\b(?:15|30|60) s\b)", shown):
        slot = re.search(r"\b(15|30|60) s\b", block)
        said = re.search(r"~(\d+) s\b(?! slot)", block)
        if slot and said and "version:" not in block.split("\n", 1)[0]:
            found.setdefault(int(slot.group(1)), int(said.group(1)))
    return found


async def test_the_time_under_a_built_version_is_the_time_it_is_saved_with(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await set_student_pace(harness.store, chat.user_id, SLOW)
    await _build(chat)
    labels = _labels(chat.last.plain)
    assert set(labels) == {15, 30}, chat.last.plain  # the 60 s build is the 30 s one
    assert labels[15] <= 15  # fits the slot at her slow pace
    await chat.press("Keep 30 s")
    current = await repo(harness).current(chat.user_id)
    assert current is not None and current.target_seconds == 30
    # one measure at the student's pace: the label, the stored version and what /pitch shows
    assert labels[30] == round(current.seconds), (labels, current.seconds)
    assert f"~{labels[30]} s for a 30 s slot" in chat.last.plain
    await chat.send("/pitch")
    assert f"~{labels[30]} s for a 30 s slot" in chat.last.plain
