"""A built version from Claude fits the student's pace as closely as the offline one must."""

from __future__ import annotations

from bot.features.pitch import coach
from bot.features.pitch.coach_offline import build_text
from bot.features.pitch.domain.text import count_words, word_budget
from tests.fakes.llm import ScriptedLLM
from tests.support.pitch import ANSWERS

SLOW = 110
# 33 words: fine for 15 s at 150 wpm, a fifth over the 28 that fit at 110 wpm
LONG_15 = (
    "Hi, I'm Maya Chen, a third-year computer science major who cares about health "
    "informatics and clean, open public health data. I'm looking for a summer internship. How did "
    "you get into your field?"
)


async def test_a_claude_version_over_the_students_pace_gives_way_to_the_offline_one() -> None:
    assert count_words(LONG_15) > word_budget(15, SLOW) * 1.1
    llm = ScriptedLLM().script({"seconds_15": LONG_15, "seconds_30": "", "seconds_60": ""})
    versions = await coach.build(llm, ANSWERS, SLOW)
    assert versions[15] == build_text(ANSWERS, 15, SLOW)
    assert count_words(versions[15]) <= word_budget(15, SLOW)


async def test_a_claude_version_within_what_a_listener_hears_is_kept() -> None:
    llm = ScriptedLLM().script({"seconds_15": LONG_15, "seconds_30": "", "seconds_60": ""})
    versions = await coach.build(llm, ANSWERS, 150)
    assert versions[15] == LONG_15
