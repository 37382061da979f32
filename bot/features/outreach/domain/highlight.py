"""The grammar of a debrief highlight, so a thank-you sentence around it reads naturally."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.wording import pronouns_to_you

_HIGHLIGHT_LEAD = re.compile(
    r"^(?:(?P<who>she|he|they|[A-Z][\w'-]+)\s+)?(?:said|says|told\s+me|mentioned|explained"
    r"|suggested|recommended|advised(?:\s+me)?|pointed\s+out|thinks|believes)\s+(?:that\s+)?",
    re.IGNORECASE,
)
_TOPIC_TEXT = "about how what why when where which who whether the a an your their her his my own"
_PRONOUN_TEXT = "she he they it you we there this that these"
_TOPIC_STARTS = frozenset(_TOPIC_TEXT.split())
_LOWER_STARTS = _TOPIC_STARTS | frozenset(_PRONOUN_TEXT.split())


@dataclass(frozen=True, slots=True)
class Highlight:
    """What the student remembered, shaped so a thank-you sentence around it stays grammatical.

    ``form`` is "topic" (reads after "what you said about"), "point" (a clause that reads after
    "your point that"), "advice" (reads after "your advice", as in "to join AMIA") or "quote"
    (anything else, which reads after a colon).
    """

    text: str
    form: Literal["topic", "point", "advice", "quote"]


_HAS_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|matters?|helps?|takes?|comes?|starts?|needs?|makes?"
    r"|counts?|pays?|works?|can|should|will|would)\b",
    re.IGNORECASE,
)
_CLAUSE_STARTS = frozenset({"the", "a", "an", "your", "their", "my", "networking", "it", "this"})


def highlight_phrase(raw: str) -> Highlight:
    """Turn "She said SQL matters most" into a clause a thank-you can address to her."""
    text = " ".join(raw.split()).strip().rstrip(".!").strip().strip("\"“”'")
    lead = _HIGHLIGHT_LEAD.match(text)
    form: Literal["topic", "point", "advice", "quote"] = "quote"
    if lead and lead.end() < len(text):
        text, form = text[lead.end() :], "point"
        if re.match(r"to\s", text, re.IGNORECASE):
            form = "advice"
        if lead.group("who") and lead.group("who").lower() != "they":
            text = pronouns_to_you(text, ("she", "he"))
    first = text.split()[0] if text.split() else ""
    if form == "quote" and _HAS_VERB.search(text) and first.lower() in _CLAUSE_STARTS:
        form = "point"  # "the CPA exam is easier ..." reads after "your point that"
    elif form == "quote" and (
        first.lower() in _TOPIC_STARTS or first.lower().endswith("ing") or len(text.split()) <= 2
    ):
        form = "topic"
        text = re.sub(r"^about\s+", "", text, flags=re.IGNORECASE)
        first = text.split()[0] if text.split() else ""
    if first and first.lower() in _LOWER_STARTS and first[0].isupper() and not first.isupper():
        text = first.lower() + text[len(first) :]
    elif form == "topic" and first.endswith("ing") and first[:1].isupper() and not first.isupper():
        text = first[0].lower() + text[1:]
    return Highlight(text, form)
