"""Score the coach's chat answers, offline or with Claude, on the same cases and graders.

This is the seam for the eval suite (issue 10): ``run_cases(cases, llm)`` answers every case with
the given coach (``NoLLM()`` for the offline coach, the gateway for Claude) and grades each
answer: length for a phone, grounding in the handout's advice, reuse of the student's own data
(Claude only), no advice to ask for a job, and a short redirect off topic.

Run:  .venv/bin/python -m bot.features.ask.evaluation   (adds Claude's column with a key set)
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.features.ask.coach import answer
from bot.features.ask.domain.topics import OFF_TOPIC
from bot.features.ask.topics_data import shipped_topics
from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.features.profile.domain.profile import Profile
from bot.llm.base import LLM
from bot.resources import resource_dir

MAX_WORDS = 150
OFF_TOPIC_WORDS = 60
_LIST_ITEM = re.compile(r"^\s*(?:[•*-]|\d+[.)])\s+(.*\S)\s*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?][\"”')]?$")


@dataclass(frozen=True, slots=True)
class Case:
    """One question a student asks, with what a good answer contains."""

    id: str
    question: str
    profile: dict[str, str] = field(default_factory=dict)
    contacts: tuple[dict[str, str], ...] = ()
    grounding: tuple[str, ...] = ()
    personal: tuple[str, ...] = ()
    off_topic: bool = False


@dataclass(frozen=True, slots=True)
class _Contact:
    name: str
    organization: str = ""
    role: str = ""
    field: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Score:
    """One graded answer; ``checks`` maps grader name to pass/fail."""

    case: str
    by_claude: bool
    words: int
    checks: dict[str, bool]
    text: str

    @property
    def passed(self) -> int:
        """How many graders passed."""
        return sum(self.checks.values())


def load_cases() -> list[Case]:
    """The shipped cases (``data/ask_eval_cases.json``)."""
    raw = json.loads((resource_dir("data") / "ask_eval_cases.json").read_text(encoding="utf-8"))
    return [
        Case(
            c["id"],
            c["question"],
            c.get("profile", {}),
            tuple(c.get("contacts", ())),
            tuple(c.get("grounding", ())),
            tuple(c.get("personal", ())),
            bool(c.get("off_topic", False)),
        )
        for c in raw["cases"]
    ]


def reads_as_sentences(text: str) -> bool:
    """Every list item is a sentence a counselor would say (a capital, a full stop, not the
    shorthand "closing: whom else (and may you use their name)"), and nothing asks "may you"."""
    items = _LIST_ITEM.findall(text)
    return not re.search(r"\bmay you\b", text, re.IGNORECASE) and all(
        item[:1].isupper() and _SENTENCE_END.search(item) for item in items
    )


def grade(case: Case, text: str, *, by_claude: bool) -> dict[str, bool]:
    """The graders: each one a plain, explainable rule."""
    lower = text.lower()
    words = len(text.split())
    checks = {
        "fits_a_phone": words <= (OFF_TOPIC_WORDS if case.off_topic else MAX_WORDS),
        "reads_as_sentences": reads_as_sentences(text),
        "grounded": any(g in lower for g in case.grounding) if case.grounding else True,
        "no_job_ask_advice": not [
            s for s in job_ask_sentences(text, seeking_counts=False) if "not" not in s.lower()
        ],
    }
    if by_claude and case.personal:
        checks["uses_their_data"] = any(p in lower for p in case.personal)
    return checks


async def run_cases(cases: Sequence[Case], llm: LLM, *, student: int = 0) -> list[Score]:
    """Answer and grade every case with one coach."""
    topics = shipped_topics()
    scores = []
    for case in cases:
        result = await answer(
            llm,
            student=student,
            question=case.question,
            profile=Profile(
                name=case.profile.get("name"),
                degree=case.profile.get("degree"),
                interests=case.profile.get("interests"),
                position=case.profile.get("position"),
            ),
            contacts=[_Contact(**c) for c in case.contacts],
            memory=(),
            topics=topics,
            now=datetime.now(UTC),
        )
        checks = grade(case, result.plain, by_claude=result.by_claude)
        if case.off_topic:
            checks["redirects"] = result.topic == OFF_TOPIC or not result.offers
        scores.append(
            Score(case.id, result.by_claude, len(result.plain.split()), checks, result.plain)
        )
    return scores


def table(columns: dict[str, list[Score]]) -> str:
    """Scores per case, one column per coach, as plain text."""
    names = list(columns)
    lines = [f"{'case':18}" + "".join(f"{n:>14}" for n in names)]
    for row in zip(*columns.values(), strict=True):
        cells = "".join(f"{s.passed:>6}/{len(s.checks)} {s.words:>4}w" for s in row)
        lines.append(f"{row[0].case:18}{cells}")
    totals = "".join(
        f"{sum(s.passed for s in col):>7}/{sum(len(s.checks) for s in col):<6}"
        for col in columns.values()
    )
    lines.append(f"{'total':18}{totals}")
    return "\n".join(lines)


async def _main() -> None:
    from bot.llm import build_llm
    from bot.llm.base import NoLLM
    from bot.settings import load_settings

    cases = load_cases()
    columns: dict[str, Any] = {"offline": await run_cases(cases, NoLLM())}
    settings = load_settings()
    if settings.anthropic_api_key is not None:
        columns["claude"] = await run_cases(cases, build_llm(settings))
    print(table(columns))


if __name__ == "__main__":
    asyncio.run(_main())
