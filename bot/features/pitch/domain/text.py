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


# "I'm Kevin Tran, I study computer science": two sentences joined by a comma. Only a head that
# is a sentence of its own ("I'm ...", "My name is ...") is split; "When I was 12, I built" and
# "Last summer, I interned" open with a clause or phrase the comma belongs to.
_SPLICE = re.compile(r",\s+(?=(?:I|I'm|I am|I've|I have|I'd|[Mm]y)\s)")
_OWN_SENTENCE = re.compile(r"^(?:I'm|I am|I've|I have|I|My name is|My \w+ is)\s+\S")
_BARE_VERB = re.compile(r"I \w+")  # "I think, I ..." is a hedge, not a sentence
_SUBORDINATE = re.compile(
    r"\b(?:when|while|because|since|if|although|though|after|before|as|once|until|unless"
    r"|whether|that|who|which)\b",
    re.IGNORECASE,
)


def unsplice(sentence: str) -> list[str]:
    """ "I'm Kevin Tran, I study computer science." -> ["I'm Kevin Tran.", "I study computer
    science."]: a comma splice made two sentences with a full stop, no word added or lost."""
    for m in _SPLICE.finditer(sentence):
        head, tail = sentence[: m.start()], sentence[m.end() :]
        own = _OWN_SENTENCE.match(head) and not _BARE_VERB.fullmatch(head)
        if own and not _SUBORDINATE.search(head) and len(tail.split()) > 2:
            return [f"{head}.", *unsplice(tail[:1].upper() + tail[1:])]
    return [sentence]


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
