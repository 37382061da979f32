"""What a question is about, and which flows to offer under the answer.

The offline coach answers by topic; the Claude coach uses the same topic to pick its buttons, so a
student sees the same "Draft request" button whichever coach answered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

OFF_TOPIC = "off_topic"
GENERAL = "next_step"
#: The flows a button may offer: each is a menu target (``Go(target)``) of a feature.
OFFERS: tuple[str, ...] = ("draft", "prep", "debrief", "pitch", "contacts")
#: When Claude's answer names a command, the matching flow is offered too.
_COMMAND_IN_TEXT = re.compile(r"/(draft|prep|debrief|pitch|contacts)\b")
MAX_OFFERS = 2


class TopicsError(ValueError):
    """The shipped topic list is malformed; the message names the entry."""


@dataclass(frozen=True, slots=True)
class Topic:
    """One kind of question: the cues that signal it and the flows it offers."""

    id: str
    cues: tuple[str, ...]
    offers: tuple[str, ...]

    def score(self, text: str) -> int:
        """How many of this topic's cues the normalised question contains."""
        return sum(1 for cue in self.cues if re.search(rf"(?<![a-z]){re.escape(cue)}", text))


def parse_topics(data: Mapping[str, Any], source: str = "ask_topics.json") -> tuple[Topic, ...]:
    """Validate the shipped list; a bad entry raises with its place named."""
    raw = data.get("topics")
    if not isinstance(raw, list) or not raw:
        raise TopicsError(f'{source}: needs a non-empty "topics" list')
    topics: list[Topic] = []
    for index, entry in enumerate(raw):
        where = f"{source}: topics[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise TopicsError(f'{where}: needs an "id"')
        cues, offers = entry.get("cues"), entry.get("offers", [])
        if not isinstance(cues, list) or not cues or not all(isinstance(c, str) for c in cues):
            raise TopicsError(f'{where} ({entry["id"]}): "cues" must be a list of strings')
        unknown = [o for o in offers if o not in OFFERS]
        if unknown:
            raise TopicsError(f"{where} ({entry['id']}): unknown offers {unknown}")
        topics.append(Topic(entry["id"], tuple(c.lower() for c in cues), tuple(offers)))
    ids = {t.id for t in topics}
    if not {OFF_TOPIC, GENERAL} <= ids:
        raise TopicsError(f"{source}: needs the topics {OFF_TOPIC!r} and {GENERAL!r}")
    return tuple(topics)


def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, whitespace collapsed."""
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def classify(question: str, topics: Sequence[Topic]) -> Topic:
    """The topic with most cues (earlier wins ties); off-topic only if nothing career-ish
    matched; a question with no cue at all is a general "what next" question."""
    text = normalise(question)
    scored = [(t.score(text), -i, t) for i, t in enumerate(topics)]
    career = [s for s in scored if s[2].id != OFF_TOPIC and s[0] > 0]
    if career:
        return max(career, key=lambda s: (s[0], s[1]))[2]
    off = next(t for t in topics if t.id == OFF_TOPIC)
    if off.score(text):
        return off
    return next(t for t in topics if t.id == GENERAL)


def offers_for(topic: Topic, answer: str = "") -> list[str]:
    """The flows to offer: those named in the answer first, then the topic's own, two at most."""
    named = [m.group(1) for m in _COMMAND_IN_TEXT.finditer(answer)]
    out: list[str] = []
    for offer in [*named, *topic.offers]:
        if offer in OFFERS and offer not in out:
            out.append(offer)
    return [] if topic.id == OFF_TOPIC and not named else out[:MAX_OFFERS]
