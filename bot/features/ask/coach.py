"""Ask the coach: Claude streams a grounded answer; otherwise the offline coach answers by topic.

Both return an :class:`Answer` with the same offers (buttons), so the student's next step does
not depend on which coach answered. A Claude failure (budget, rate limit, overload, timeout,
truncation) is never shown as an error: the offline answer comes with one short note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from bot.features.ask.domain.context import ContactLike, contact_data, mentioned
from bot.features.ask.domain.memory import Turn
from bot.features.ask.domain.topics import Topic, classify, offers_for
from bot.llm.base import LLM, Failure, OnText, Request, Task
from bot.render.html import visible_text
from bot.render.streaming import reply_html
from bot.render.templates import render

#: Room for about 120 words of answer, plus the model's (low-effort) thinking.
ANSWER_TOKENS = 1200


@dataclass(frozen=True, slots=True)
class Answer:
    """What the student is shown: HTML, the flows offered, and whether Claude wrote it."""

    html: str
    offers: list[str]
    by_claude: bool
    topic: str
    plain: str
    failure: Failure | None = None


def _profile_data(profile: object) -> dict[str, str]:
    fields = {
        "name": "name",
        "studies": "degree",
        "interests": "interests",
        "position_sought": "position",
    }
    return {k: str(v) for k, a in fields.items() if (v := getattr(profile, a, None))}


def _hours_until(resets_at: datetime | None, now: datetime) -> int:
    if resets_at is None:
        return 24
    return max(1, round((resets_at - now).total_seconds() / 3600))


async def answer(
    llm: LLM,
    *,
    student: int,
    question: str,
    profile: object,
    contacts: Sequence[ContactLike],
    memory: Sequence[Turn],
    topics: Sequence[Topic],
    now: datetime,
    on_text: OnText | None = None,
) -> Answer:
    """Claude's answer when it can give one, else the offline coach's; never raises for the API."""
    topic = classify(question, topics)
    failure: Failure | None = Failure.OFF
    resets_at: datetime | None = None
    if llm.enabled:
        request = Request(
            "ask/user.txt.j2",
            {
                "profile": _profile_data(profile),
                "contacts": [contact_data(c) for c in mentioned(question, contacts)],
                "memory": [asdict(t) for t in memory],
                "question": question,
            },
            task_template="ask/task.txt.j2",
            student=student,
            task=Task.COACH,
            max_tokens=ANSWER_TOKENS,
        )

        async def ignore(_: str) -> None:
            return None

        reply = await llm.stream(request, on_text or ignore)
        if reply.ok and reply.value:
            body = reply_html(reply.value)
            html = render("ask/answer.html.j2", body=body, note=None, hours=0)
            return Answer(html, offers_for(topic, reply.value), True, topic.id, reply.value)
        failure, resets_at = reply.failure, reply.resets_at
    body = render(f"ask/offline/{topic.id}.html.j2", profile=profile)
    note = None if failure is None else failure.value
    html = render("ask/answer.html.j2", body=body, note=note, hours=_hours_until(resets_at, now))
    return Answer(html, offers_for(topic), False, topic.id, visible_text(body), failure)
