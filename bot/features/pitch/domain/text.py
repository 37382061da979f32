"""Text primitives for spoken pitches: words, sentences, speaking time and where a phrase occurs.

Counting the way a listener hears (contractions and "Eco-Reps" once, bracketed notes not at all)
keeps "30 seconds" honest across the builder, the review and rehearsals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.features.pitch.domain.elements import DEFAULT_WPM
from bot.features.pitch.domain.language import Matcher

WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_SPLIT = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|dr|mr|mrs|ms|prof|st|vs|etc|jr|sr|inc|no)|\b[A-Z])\.$", re.IGNORECASE
)


def normalize(text: str) -> str:
    """Straight quotes and single spaces, so patterns see one spelling of "I'm"."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


_NOTE = re.compile(r"\[[^\]]*\]")


def placeholders(text: str) -> list[str]:
    """The bracketed notes ("[add: …]", "[your example: …]") still to fill, in order, once each."""
    return list(dict.fromkeys(m.group(0) for m in _NOTE.finditer(text)))


def count_words(text: str) -> int:
    """Spoken words, roughly: "I'm", "Eco-Reps" and "2024" each count once.

    Bracketed notes such as "[your example: ...]" are instructions to the student, not speech.
    """
    return len(WORD.findall(_NOTE.sub(" ", text)))


def word_budget(seconds: float, wpm: int = DEFAULT_WPM) -> int:
    """How many words fit in ``seconds`` at a speaking rate of ``wpm``."""
    if seconds <= 0 or wpm <= 0:
        raise ValueError("seconds and words per minute must be positive")
    return int(seconds * wpm / 60 + 0.5)


def speaking_seconds(text: str, wpm: int = DEFAULT_WPM) -> float:
    """How long the text takes to say out loud at ``wpm``.

    The one measure of a pitch's length: the builder's label, the saved version and the review
    all call it, so a pitch never shows as "~60 s" on one screen and "~38 s" on the next.
    """
    if wpm <= 0:
        raise ValueError("words per minute must be positive")
    return count_words(normalize(text)) * 60 / wpm


def split_sentences(text: str) -> list[str]:
    """Sentences as a listener hears them; "e.g." and initials don't end one."""
    pieces = [p.strip() for p in _SPLIT.split(text.strip()) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def find_hits(matchers: Iterable[Matcher], text: str) -> list[tuple[Matcher, re.Match[str]]]:
    """Non-overlapping hits in text order; a longer hit wins over one inside it."""
    hits = [(m, h) for m in matchers for h in m.regex.finditer(text) if h.group(0).strip()]
    hits.sort(key=lambda mh: (mh[1].start(), -(mh[1].end() - mh[1].start())))
    kept: list[tuple[Matcher, re.Match[str]]] = []
    for m, h in hits:
        if not kept or h.start() >= kept[-1][1].end():
            kept.append((m, h))
    return kept


_OPENERS = "\"'([{“‘¿¡"


def _starts_token(sentence: str, at: int) -> bool:
    """True where a word begins a whitespace-separated token (opening quotes and brackets aside).

    Pasted markup such as "<b>Maya</b> & I" has words inside its tags; a snippet starting at one
    would read "…b> & I".
    """
    prefix = re.split(r"\s", sentence[:at])[-1]
    return all(c in _OPENERS for c in prefix)


def snippet(sentence: str, start: int, end: int, before: int = 2, after: int = 3) -> str:
    """A few words around a hit, so the checklist shows the student's own words briefly."""
    spans = [w.span() for w in WORD.finditer(sentence)]
    inside = [i for i, (s, e) in enumerate(spans) if e > start and s < end]
    if not inside:
        return sentence[start:end].strip()
    first, last = max(0, inside[0] - before), min(len(spans) - 1, inside[-1] + after)
    while first < inside[0] and not _starts_token(sentence, spans[first][0]):
        first += 1
    text = sentence[spans[first][0] : spans[last][1]]
    return ("…" if first > 0 else "") + text + ("…" if last < len(spans) - 1 else "")


# Chat shorthand said aloud would puzzle a listener ("w 12 people", "esp", "payroll dept").
_SHORTHAND = {
    "w": "with",
    "w/": "with",
    "esp": "especially",
    "dept": "department",
    "depts": "departments",
    "@": "at",
    "&": "and",
    "b/c": "because",
    "bc": "because",
    "thru": "through",
    "govt": "government",
    "mgmt": "management",
    "qtr": "quarter",
    "qtrs": "quarters",
    "yr": "year",
    "yrs": "years",
    "ppl": "people",
    "abt": "about",
    "psych": "psychology",
    "vs": "versus",
}
_SHORTHAND_TOKEN = re.compile(r"(?<![\w/@&])(w/|b/c|@|&|[a-z]+)(?![\w/@&])")


def expand_shorthand(text: str) -> str:
    """ "ran a sprint w 12 people, esp design" -> "ran a sprint with 12 people, especially design".

    Only lower-case tokens are read as shorthand, so a name such as "W. P. Carey" stays.
    """
    text = re.sub(r"(?<![\w.])vs\.(?=\s)", "vs", text)  # "apps vs. what" is said "versus"
    return _SHORTHAND_TOKEN.sub(lambda m: _SHORTHAND.get(m.group(1), m.group(1)), text)
