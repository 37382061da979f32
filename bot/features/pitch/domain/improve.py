"""The offline "cleaner version" of a pasted pitch: the student's own sentences, tidied.

Fillers go, hedges are rewritten, long sentences are split and each sentence is filed under the
element it speaks to, so the builder can reorder and trim it like build answers. A vague claim
keeps a visible placeholder asking for the student's example instead of an invented one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import LONG_SENTENCE_WORDS, TIE_PREFERENCE, Element
from bot.features.pitch.domain.language import PitchLanguage, phrase_regex
from bot.features.pitch.domain.review import PitchAnalysis
from bot.features.pitch.domain.text import (
    count_words,
    find_hits,
    normalize,
    split_sentences,
    unsplice,
)

_TIDY_RULES = (
    (re.compile(r"\s+([,.!?;:])"), r"\1"),
    (re.compile(r"([,;:])\s*([,.!?;:])"), r"\2"),
    (re.compile(r"^[\s,;:.]+"), ""),
    (re.compile(r"\s{2,}"), " "),
)
_LONG_SPLIT = re.compile(
    r"(?:,\s+|;\s+|\s+)(and|so|but)\s+(?=(?:i|i'm|i've|i'd|we|my|it|they|"
    r"that|this|the|there)\b)|;\s+()",
    re.IGNORECASE,
)


def _clean_punctuation(text: str) -> str:
    for pattern, repl in _TIDY_RULES:
        text = pattern.sub(repl, text)
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def strip_fillers(sentence: str, language: PitchLanguage) -> str:
    """Drop fillers and rewrite hedges that have a rewrite; keep everything else as said."""
    out = sentence
    hits = find_hits(
        (*language.fillers, *(h for h in language.hedges if h.rewrite is not None)), sentence
    )
    for matcher, hit in reversed(hits):
        start, end = hit.start(), hit.end()
        repl = matcher.rewrite or ""
        if not repl:
            left = re.search(r",\s*$", out[:start])
            right = re.match(r"\s*,", out[end:])
            question = re.match(r"\s*\?\s*$", out[end:])
            if question and left:
                start, end, repl = left.start(), end + question.end(), "."
            elif right:
                end += right.end()
                if left:
                    start = left.start()
        out = f"{out[:start]} {repl} {out[end:]}" if repl != "." else out[:start] + repl
    return _clean_punctuation(out)


def _split_long(sentence: str) -> list[str]:
    if count_words(sentence) <= LONG_SENTENCE_WORDS:
        return [sentence]
    middle = len(sentence) / 2
    cuts = sorted(_LONG_SPLIT.finditer(sentence), key=lambda m: abs(m.start() - middle))
    for cut in cuts:
        head, tail = sentence[: cut.start()].rstrip(",; "), sentence[cut.end() :]
        if count_words(head) >= 4 and count_words(tail) >= 4:
            conj = (cut.group(1) or "").lower()
            tail = f"But {tail}" if conj == "but" else tail
            return _split_long(_clean_punctuation(head) + ".") + _split_long(
                _clean_punctuation(tail)
            )
    return [sentence]


def classify(sentence: str, language: PitchLanguage) -> Element | None:
    """The element a sentence mostly speaks to, or None when it speaks to none."""
    scores = {e: len(find_hits(language.cues[e], sentence)) for e in Element}
    best = max(scores.values())
    return next(e for e in TIE_PREFERENCE if scores[e] == best) if best else None


def improve(text: str, analysis: PitchAnalysis, *, language: PitchLanguage) -> PitchAnswers:
    """The student's own sentences per element, cleaned up, for the offline improved version.

    Fillers go, hedges are rewritten, long sentences split; a vague claim keeps a visible
    placeholder asking for their example instead of an invented one, and a sentence asking for a
    job is left out. Nothing else comes in: an element the pitch lacks stays a marked gap, never a
    saved build answer (the pasted pitch may be someone else's, or for another organization).
    """
    vague = [v.lower() for v in analysis.vague_claims]
    job_asks = {normalize(s) for s in analysis.job_asks}
    by_element: dict[Element, list[str]] = {}
    ask: str | None = None
    current: Element | None = None
    seen: set[str] = set()
    for raw in split_sentences(normalize(text)):
        if raw in job_asks:
            continue  # a job request has no place in an informational conversation
        # Greetings go wherever they are; the template says hello once, at the start.
        cleaned = _drop_greeting(strip_fillers(raw, language))
        if not cleaned or cleaned.lower() in seen:
            continue
        seen.add(cleaned.lower())
        if cleaned.endswith("?") or any(m.regex.search(cleaned) for m in language.asks):
            ask = cleaned if count_words(cleaned) >= 3 else ask
            continue
        if count_words(cleaned) < 3:
            continue
        for piece in (p for s in unsplice(cleaned) for p in _split_long(s)):
            element = classify(piece, language) or current or Element.IDENTITY
            current = element
            by_element.setdefault(element, []).append(_with_placeholder(piece, vague, language))
    by_element = {e: _without_restated(v) for e, v in by_element.items()}
    if Element.EXPERIENCE not in by_element and Element.LEADERSHIP in by_element:
        # The handout counts volunteering and projects as experience; shorter pitches keep it.
        by_element[Element.EXPERIENCE] = by_element.pop(Element.LEADERSHIP)
    # Only the pasted words: saved answers and the profile belong to the student's own pitch,
    # and pasting someone else's (or an older one) must not pull them in.
    return PitchAnswers(**{e.value: " ".join(v) for e, v in by_element.items()}, ask=ask)


def _without_restated(pieces: list[str]) -> list[str]:
    """Drop a sentence that a later one says again and goes on from: "I love data journalism."
    before "I love data journalism because numbers tell stories." is said once, the longer way."""

    def core(text: str) -> str:
        return " ".join(text.lower().rstrip(".!").split())

    return [
        piece
        for i, piece in enumerate(pieces)
        if not any(
            j != i and core(other).startswith(core(piece) + " ") for j, other in enumerate(pieces)
        )
    ]


_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey)(?: there| everyone| all| again)?|good (?:morning|afternoon|evening)|"
    r"(?:it's |it is )?(?:so |really )?(?:nice|great|good|lovely) to (?:meet|see) you(?: too)?|"
    r"how are you(?: doing)?(?: today)?|thanks for (?:having me|your time))"
    r"(?:\s*[,!.?;:—-]+\s*|\s+|$)",
    re.IGNORECASE,
)


def _drop_greeting(sentence: str) -> str:
    """ "Hi, I'm a student." -> "I'm a student."; "Nice to meet you!" -> "" (said once, first)."""
    rest, previous = sentence, None
    while rest and rest != previous:
        previous, rest = rest, _GREETING.sub("", rest, count=1).strip()
    return rest[:1].upper() + rest[1:] if rest else ""


def _with_placeholder(sentence: str, vague: Sequence[str], language: PitchLanguage) -> str:
    claims = [v for v in vague if re.search(phrase_regex(v), sentence, re.IGNORECASE)]
    if not claims:
        return sentence
    body, end = (sentence[:-1], sentence[-1]) if sentence[-1] in ".!" else (sentence, ".")
    placeholder = language.example_placeholder.format(phrase='", "'.join(claims))
    return f"{body} {placeholder}{end}"
