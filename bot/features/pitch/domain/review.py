"""Reviewing a one-minute commercial: the handout's checklist, timing and plain-speech habits.

Every rule the review applies lives here, pure and deterministic, so the offline coach, the
Claude-backed coach and the tests agree on what "30 seconds", "a filler" or "a vague claim" means.
Claude's structured review is accepted only where it checks out against the pitch itself.
Nothing here writes sentences for the student: results are structured, and templates in
``prompts/pitch/`` turn them into words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.features.pitch.domain.elements import (
    DEFAULT_WPM,
    LONG_SENTENCE_WORDS,
    ORDER,
    Element,
    expected_elements,
)
from bot.features.pitch.domain.language import Matcher, PitchLanguage
from bot.features.pitch.domain.spoken_language import ENGLISH, detect_language
from bot.features.pitch.domain.text import (
    WORD,
    count_words,
    find_hits,
    normalize,
    snippet,
    speaking_seconds,
    split_sentences,
    word_budget,
)


class SuggestionKind(StrEnum):
    """What a suggestion is about; templates word each kind."""

    OVER_TIME = "over_time"
    VAGUE = "vague"
    MISSING = "missing"
    FILLERS = "fillers"
    HEDGES = "hedges"
    LONG_SENTENCE = "long_sentence"
    UNDER_TIME = "under_time"
    CLOSING = "closing"
    REHEARSE = "rehearse"
    FREE = "free"  # written by Claude; ``text`` holds it


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One concrete next step, anchored in the student's words (``quotes``) where possible."""

    kind: SuggestionKind
    quotes: tuple[str, ...] = ()
    element: Element | None = None
    number: int = 0
    text: str = ""


@dataclass(frozen=True, slots=True)
class LongSentence:
    """A sentence that runs out of breath."""

    text: str
    words: int

    @property
    def opening(self) -> str:
        """Its first words, enough for the student to find it."""
        spans = list(WORD.finditer(self.text))
        return self.text if len(spans) <= 6 else self.text[: spans[5].end()] + "…"


@dataclass(frozen=True, slots=True)
class PitchAnalysis:
    """Everything the review shows; built offline by ``analyze`` or from Claude's checklist."""

    words: int
    seconds: float
    target_seconds: int
    wpm: int
    present: dict[Element, str]  # element -> the student's words that show it
    missing: tuple[Element, ...]
    expected: tuple[Element, ...]
    fillers: dict[str, int]
    hedges: dict[str, int]
    long_sentences: tuple[LongSentence, ...]
    vague_claims: tuple[str, ...]
    has_ask: bool
    suggestions: tuple[Suggestion, ...] = ()
    #: Sentences that ask the listener for a job; the review warns and the cleaner drops them.
    job_asks: tuple[str, ...] = ()
    #: The pitch's language (ISO 639-1); the checklist and word lists only know English.
    language: str = ENGLISH

    @property
    def in_english(self) -> bool:
        """Whether the English rules apply at all."""
        return self.language == ENGLISH

    @property
    def word_budget(self) -> int:
        """Words that fit the target at this speaking rate."""
        return word_budget(self.target_seconds, self.wpm)

    @property
    def delta_seconds(self) -> int:
        """Seconds over (positive) or under (negative) the target."""
        return round(self.seconds - self.target_seconds)

    @property
    def timing(self) -> str:
        """ "over", "under" or "on" target, with a tolerance of 10 % (at least 2 s)."""
        tolerance = max(2.0, self.target_seconds * 0.1)
        if self.seconds > self.target_seconds + tolerance:
            return "over"
        return "under" if self.seconds < self.target_seconds - tolerance else "on"

    @property
    def filler_count(self) -> int:
        """Fillers in total."""
        return sum(self.fillers.values())

    @property
    def missing_expected(self) -> tuple[Element, ...]:
        """Missing elements this length should have."""
        return tuple(e for e in self.missing if e in self.expected)


def _without_fillers(sentence: str, language: PitchLanguage) -> str:
    """The sentence as it reads without its fillers: "I'm, um, after a role" is "I'm after a
    role", so a spoken or transcribed pitch shows its elements as a written one does."""
    kept, at = [], 0
    for _, hit in find_hits(language.fillers, sentence):
        start = max(at, len(sentence[: hit.start()].rstrip(" ,")))
        kept.append(sentence[at:start])
        at = len(sentence) - len(sentence[hit.end() :].lstrip(" ,"))
    kept.append(sentence[at:])
    return " ".join(" ".join(kept).split())


def _detect(
    sentences: Sequence[str], language: PitchLanguage, profile_name: str | None
) -> dict[Element, str]:
    sentences = [_without_fillers(s, language) for s in sentences]
    present: dict[Element, str] = {}
    for element in Element:
        for sentence in sentences:
            hits = find_hits(language.cues[element], sentence)
            if hits:
                present[element] = snippet(sentence, hits[0][1].start(), hits[0][1].end())
                break
    first = (profile_name or "").split()[:1]
    if Element.IDENTITY not in present and first and len(first[0]) > 1:
        name = re.compile(rf"(?<!\w){re.escape(first[0])}(?!\w)", re.IGNORECASE)
        for sentence in sentences:
            if hit := name.search(sentence):
                present[Element.IDENTITY] = snippet(sentence, hit.start(), hit.end())
                break
    return {e: present[e] for e in Element if e in present}


def _counts(matchers: Iterable[Matcher], text: str) -> dict[str, int]:
    counter = Counter(m.label for m, _ in find_hits(matchers, text))
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _has_example(sentences: Sequence[str], i: int, language: PitchLanguage) -> bool:
    if any(m.regex.search(sentences[i]) for m in language.concrete):
        return True
    nxt = sentences[i + 1] if i + 1 < len(sentences) else ""
    return bool(nxt) and any(m.regex.search(nxt) for m in language.connectors)


def _vague_claims(sentences: Sequence[str], language: PitchLanguage) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for i, sentence in enumerate(sentences):
        hits = find_hits(language.vague, sentence)
        if hits and not _has_example(sentences, i, language):
            for _, hit in hits:
                found.setdefault(hit.group(0).lower(), hit.group(0))
    return tuple(found.values())


def _has_ask(sentences: Sequence[str], language: PitchLanguage) -> bool:
    return any(
        s.endswith("?") or any(m.regex.search(s) for m in language.asks) for s in sentences[-2:]
    )


def analyze(
    text: str,
    *,
    target_seconds: int,
    wpm: int = DEFAULT_WPM,
    profile_name: str | None = None,
    language: PitchLanguage,
) -> PitchAnalysis:
    """Check a pitch against the handout, the clock and plain-speech habits; deterministic."""
    clean = normalize(text)
    sentences = split_sentences(clean)
    words = count_words(clean)
    present = _detect(sentences, language, profile_name)
    analysis = PitchAnalysis(
        words=words,
        seconds=speaking_seconds(clean, wpm),
        target_seconds=target_seconds,
        wpm=wpm,
        present=present,
        missing=tuple(e for e in Element if e not in present),
        expected=expected_elements(target_seconds),
        fillers=_counts(language.fillers, clean),
        hedges=_counts(language.hedges, clean),
        long_sentences=tuple(
            LongSentence(s, n) for s in sentences if (n := count_words(s)) > LONG_SENTENCE_WORDS
        ),
        vague_claims=_vague_claims(sentences, language),
        has_ask=_has_ask(sentences, language),
        job_asks=tuple(job_ask_sentences(clean, seeking_counts=False)),
        language=detect_language(clean),
    )
    return replace(analysis, suggestions=_suggest(analysis, sentences, language))


def _suggest(
    a: PitchAnalysis, sentences: Sequence[str], language: PitchLanguage
) -> tuple[Suggestion, ...]:
    """Two or three next steps, most useful first, each pointing at the student's own words."""
    out: list[Suggestion] = []
    if a.timing == "over":
        longest = max(sentences, key=count_words, default="")
        out.append(
            Suggestion(
                SuggestionKind.OVER_TIME,
                (LongSentence(longest, 0).opening,),
                number=a.words - a.word_budget,
            )
        )
    if a.vague_claims:
        out.append(Suggestion(SuggestionKind.VAGUE, a.vague_claims[:2]))
    if a.missing_expected:
        first = next(e for e in ORDER if e in a.missing_expected)
        out.append(Suggestion(SuggestionKind.MISSING, element=first))
    if a.filler_count:
        out.append(
            Suggestion(SuggestionKind.FILLERS, tuple(list(a.fillers)[:3]), number=a.filler_count)
        )
    hedged = next(((s, h) for s in sentences for _, h in find_hits(language.hedges, s)), None)
    if hedged:
        sentence, hit = hedged
        out.append(
            Suggestion(SuggestionKind.HEDGES, (snippet(sentence, hit.start(), hit.end(), 0, 4),))
        )
    if a.long_sentences:
        first_long = a.long_sentences[0]
        out.append(
            Suggestion(SuggestionKind.LONG_SENTENCE, (first_long.opening,), number=first_long.words)
        )
    if a.timing == "under" and a.seconds < a.target_seconds * 0.7:
        room = next((e for e in ORDER if e in a.missing), None)
        out.append(
            Suggestion(SuggestionKind.UNDER_TIME, element=room, number=a.word_budget - a.words)
        )
    if not a.has_ask:
        out.append(Suggestion(SuggestionKind.CLOSING))
    out.append(Suggestion(SuggestionKind.REHEARSE))
    return tuple(out[:3])


# --------------------------------------------------------------------------- Claude's review

REVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "elements": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "element": {"type": "string", "enum": [e.value for e in Element]},
                    "present": {"type": "boolean"},
                    "evidence": {"type": "string"},
                },
                "required": ["element", "present", "evidence"],
                "additionalProperties": False,
            },
        },
        "vague_claims": {"type": "array", "items": {"type": "string"}},
        "suggestions": {"type": "array", "items": {"type": "string"}},
        "improved": {"type": "string"},
    },
    "required": ["elements", "vague_claims", "suggestions", "improved"],
    "additionalProperties": False,
}


def _squash(text: str) -> str:
    return " ".join(normalize(text).lower().split()).strip(" .…\"'")


def from_claude_review(
    data: Mapping[str, Any], text: str, offline: PitchAnalysis
) -> tuple[PitchAnalysis, str] | None:
    """Claude's checklist and rewrite, trusted only where they check out against the pitch.

    Timing, fillers, hedges and long sentences stay measured. An element counts as present only
    if Claude quotes words that really are in the pitch; otherwise the offline verdict stands.
    None means "use the offline review".
    """
    pitch = _squash(text)
    present = dict(offline.present)
    for item in data.get("elements") or ():
        try:
            element = Element(item["element"])
        except (KeyError, TypeError, ValueError):
            return None
        evidence = str(item.get("evidence") or "").strip()
        if item.get("present") is True and evidence and _squash(evidence) in pitch:
            present[element] = evidence
        elif item.get("present") is False:
            present.pop(element, None)
    suggestions = [
        s.strip()
        for s in data.get("suggestions") or ()
        if isinstance(s, str) and 0 < len(s.strip()) <= 400
    ][:3]
    improved = data.get("improved")
    if not suggestions or not isinstance(improved, str) or not improved.strip():
        return None
    if count_words(improved) > offline.word_budget * 1.25:
        return None
    if job_ask_sentences(improved, seeking_counts=False):
        return None  # the cleaner version must not keep (or add) a request for a job
    vague = tuple(
        v
        for v in data.get("vague_claims") or ()
        if isinstance(v, str) and v.strip() and _squash(v) in pitch
    )
    analysis = replace(
        offline,
        present={e: present[e] for e in Element if e in present},
        missing=tuple(e for e in Element if e not in present),
        vague_claims=vague,
        suggestions=tuple(Suggestion(SuggestionKind.FREE, text=s) for s in suggestions),
    )
    return analysis, improved.strip()
