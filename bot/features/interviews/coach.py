"""Interview questions tailored to one contact: Claude when configured, the bank's rules otherwise.

Claude's suggestions are data like any other: each must be a real question, short enough for a
phone, new to the list and never a job request, or it is dropped; if none survive, the offline
rules by field answer instead.
"""

from __future__ import annotations

import json
from typing import Any

from bot.features.interviews.domain.interviews import MAX_QUESTION_CHARS
from bot.features.interviews.domain.questions import QuestionBank, tailored_questions
from bot.features.outreach.domain.rules import job_ask_sentences
from bot.features.pitch.repository import PitchRepository
from bot.llm.base import LLM

TAILORED_LIMIT = 2  # with one question per topic and the closing asks: 7, about 3 min each
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "questions": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
    },
    "required": ["questions"],
    "additionalProperties": False,
}


def valid_questions(raw: object, *, avoid: list[str], limit: int = TAILORED_LIMIT) -> list[str]:
    """The usable questions from a model's answer: questions, short, new, never a job ask."""
    if not isinstance(raw, list):
        return []
    seen = {" ".join(q.lower().split()) for q in avoid}
    out: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            continue
        text = " ".join(item.split())
        key = text.lower()
        if (
            not text.endswith("?")
            or len(text) > MAX_QUESTION_CHARS
            or key in seen
            or job_ask_sentences(text)
        ):
            continue
        seen.add(key)
        out.append(text)
    return out[:limit]


async def tailor_questions(
    llm: LLM,
    bank: QuestionBank,
    *,
    field: str,
    role: str,
    organization: str,
    objective: str,
    already: list[str],
    limit: int = TAILORED_LIMIT,
) -> list[str]:
    """Up to ``limit`` questions about this contact's own work, not already on the list."""
    data = {"field": field, "role": role, "organization": organization, "objective": objective}
    data_json = json.dumps({k: v for k, v in data.items() if v}, indent=2)
    data_json = data_json.replace("<", "\\u003c").replace(">", "\\u003e")
    answer = await llm.json(
        "interviews/tailor_system.txt.j2",
        "interviews/tailor_user.txt.j2",
        schema=SCHEMA,
        data_json=data_json,
        already=already,
        limit=limit,
    )
    if answer is not None:
        good = valid_questions(answer.get("questions"), avoid=already, limit=limit)
        if good:
            return good
    offline = tailored_questions(bank, field, role, organization, limit=limit + len(already))
    return valid_questions(offline, avoid=already, limit=limit)


async def saved_pitch(pitches: PitchRepository, user_id: int) -> str | None:
    """The student's own one-minute commercial: their newest saved pitch version, if any."""
    current = await pitches.current(user_id)
    if current is None:
        return None
    return current.text.strip() or None
