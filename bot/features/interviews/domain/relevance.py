"""How well a question serves what the student wants to learn: shared words, roughly stemmed.

The offline coach has no model to judge relevance, so it counts the meaningful words an
objective and a question share ("the CPA path" and "certifications such as the CPA"), after a
crude stem so "moved", "moving" and "move" meet. Function words and the words every objective
and question uses ("learn", "work", "field") count for nothing, or everything would match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9+#]+(?:['’][a-z]+)?")
_SUFFIXES = ("ing", "ies", "ed", "es", "s", "e", "y")
_STOP_TEXT = (
    "a an the and or but for with about from into onto to of in on at by as is are was were be "
    "been being am do does did have has had will would could should can may might must not "
    "how what why who whom whose which when where whether if that this these those there here "
    "i me my mine we us our you your yours they them their he him his she her it its "
    "some any more most much many very also just than then so such "
    "learn hear understand get know find out see ask tell talk chat discuss explore "
    "advice guidance tips insight insights help idea ideas thoughts perspective "
    "work working job career field role line people someone person thing things way like "
    "look looks really well good best great new today now"
)
STOPWORDS = frozenset(_STOP_TEXT.split())


def stem(word: str) -> str:
    """A rough stem: "moving", "moved" and "moves" all become "mov"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def stems(text: str) -> list[str]:
    """The stems of ``text``'s words, in order, function words included (for phrases)."""
    return [stem(w.split("'")[0]) for w in _tokens(text)]


def content_stems(text: str) -> set[str]:
    """The stems of ``text``'s meaningful words."""
    return {stem(w.split("'")[0]) for w in _tokens(text) if w.split("'")[0] not in STOPWORDS}


def overlap(objective: str, question: str) -> int:
    """How many meaningful words the objective and the question share."""
    if not objective.strip():
        return 0
    return len(content_stems(objective) & content_stems(question))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def topic_hits(objective: str, topics: Iterable[str]) -> int:
    """How many of a question's topic words or phrases the objective mentions."""
    if not objective.strip():
        return 0
    words = stems(objective)
    return sum(_contains(words, stems(topic)) for topic in topics)


# Only function words: the verbs and nouns of the ask ("find", "clients") are what two questions
# asking the same thing share.
_FUNCTION_TEXT = _STOP_TEXT.split("learn hear understand")[0] + "could tell"
_FUNCTION = frozenset(_FUNCTION_TEXT.split())


def says_the_same(question: str, other: str) -> bool:
    """Whether two questions ask the same thing in other words: "how you find clients as an
    independent consultant" and "How do you find new clients, and what keeps them coming back?"
    share the ask ("find", "clients"), though neither shares many topic words."""
    mine, theirs = (
        {stem(w.split("'")[0]) for w in _tokens(t) if w.split("'")[0] not in _FUNCTION}
        for t in (question, other)
    )
    shared = len(mine & theirs)
    return shared >= 2 and shared >= 0.4 * min(len(mine), len(theirs))


def similar(question: str, other: str, share: float = 0.5) -> bool:
    """Whether ``question`` says much the same as ``other``: at least ``share`` of its
    meaningful words are there too (so the bank's "typical day or week" gives way to the
    student's own "what a typical week looks like in your work")."""
    mine = content_stems(question)
    return bool(mine) and len(mine & content_stems(other)) >= share * len(mine)
