"""Building a pitch from the student's answers, and the offline "cleaner version" of a pasted one.

The student's own words are picked, ordered and trimmed to the time; templates in
``prompts/pitch/`` add the spoken frames. Anything missing stays a visible placeholder: the coach
never invents a fact about the student or an organization.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from bot.features.pitch.domain.elements import (
    CORE,
    DEFAULT_WPM,
    DROP_ORDER,
    LONG_SENTENCE_WORDS,
    ORDER,
    TIE_PREFERENCE,
    TIER_ELEMENTS,
    Element,
    tier,
)
from bot.features.pitch.domain.language import PitchLanguage, phrase_regex, pitch_language
from bot.features.pitch.domain.review import PitchAnalysis, analyze
from bot.features.pitch.domain.text import (
    WORD,
    count_words,
    find_hits,
    normalize,
    split_sentences,
    word_budget,
)
from bot.features.profile.domain.profile import Profile


@dataclass(frozen=True, slots=True)
class PitchAnswers:
    """The student's own words per element, plus who they are and whom the pitch is for."""

    identity: str | None = None
    focus: str | None = None
    position: str | None = None
    experience: str | None = None
    leadership: str | None = None
    fit: str | None = None
    interest: str | None = None
    name: str | None = None
    organization: str | None = None
    ask: str | None = None  # their own closing question, used instead of ours

    def get(self, element: Element) -> str | None:
        """The answer for one element."""
        value: str | None = getattr(self, element.value)
        return value

    def with_answer(self, element: Element | str, text: str | None) -> PitchAnswers:
        """A copy with one answer set; blank text means skipped."""
        key = element.value if isinstance(element, Element) else element
        return replace(self, **{key: " ".join((text or "").split()) or None})

    def filled_from(self, other: PitchAnswers | None) -> PitchAnswers:
        """Own answers first, the other's where this one has none (e.g. profile prefill)."""
        if other is None:
            return self
        return replace(
            self, **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    @property
    def answered(self) -> tuple[Element, ...]:
        """Elements with an answer."""
        return tuple(e for e in Element if self.get(e))

    @classmethod
    def from_profile(cls, profile: Profile) -> PitchAnswers:
        """What onboarding already told us, so the build flow can skip those steps."""
        position = profile.position
        if position and _UNDECIDED.match(position.strip()):
            position = None  # "Not sure yet" is an honest answer, not something to say out loud
        return cls(
            name=profile.name,
            identity=profile.degree,
            focus=spoken_list(profile.interests) if profile.interests else None,
            position=position,
        )

    def to_record(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_record(cls, d: Mapping[str, Any]) -> PitchAnswers:
        """Inverse of ``to_record``; ignores keys a newer version may add."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known and isinstance(v, str)})


def spoken_list(text: str) -> str:
    """ "robotics, product design, consulting" -> "robotics, product design and consulting".

    Onboarding answers are often typed as lists; said aloud, a list ends with "and". Text that
    already has a conjunction, or isn't a short list, is left as the student wrote it.
    """
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not 2 <= len(items) <= 4 or re.search(r"\b(and|or)\b", text, re.IGNORECASE):
        return text
    if any(len(item.split()) > 4 for item in items):
        return text
    return ", ".join(items[:-1]) + " and " + items[-1]


class PartKind(StrEnum):
    """How an answer can be spliced into speech."""

    SENTENCE = "sentence"  # "I interned at ..." -> said as written
    VERB = "verb"  # "interned at ..." -> "I interned at ..."
    ING = "ing"  # "leading the hiking club" -> "I'm leading ..."
    PHRASE = "phrase"  # "environmental policy" -> framed per element


@dataclass(frozen=True, slots=True)
class Part:
    """One element of the pitch in the student's words."""

    element: Element
    text: str
    kind: PartKind


@dataclass(frozen=True, slots=True)
class PitchParts:
    """What the offline builder chose; ``prompts/pitch/build.txt.j2`` turns it into speech."""

    tier: int
    target_seconds: int
    word_budget: int
    name: str | None
    organization: str | None
    parts: tuple[Part, ...]
    ask: str | None
    topic: str | None
    skipped: tuple[Element, ...]  # belong at this length but have no answer
    dropped: tuple[Element, ...]  # answered, left out to fit the time

    def part(self, element: Element | str) -> Part | None:
        """The part for an element, if included."""
        return next((p for p in self.parts if p.element == element), None)

    @property
    def greet_with_name(self) -> bool:
        """Whether the template should open with "Hi, I'm <name>." before the parts.

        Not when the student's own words already introduce them (by this name or another one
        they prefer): saying hello, or a name, twice sounds rehearsed in the wrong way.
        """
        identity = self.part(Element.IDENTITY)
        if not self.name:
            return False
        if identity is not None and identity.kind != PartKind.SENTENCE:
            return False  # the identity frame itself says "Hi, I'm <name>"
        first = re.compile(rf"(?<!\w){re.escape(self.name.split()[0])}(?!\w)", re.IGNORECASE)
        return not any(first.search(p.text) or _INTRODUCES.search(p.text) for p in self.parts)


#: Words a template adds around each kind of part; the coach re-checks the rendered text anyway.
FRAME_WORDS = {
    Element.IDENTITY: 3,
    Element.FOCUS: 5,
    Element.POSITION: 5,
    Element.EXPERIENCE: 6,
    Element.LEADERSHIP: 3,
    Element.FIT: 8,
    Element.INTEREST: 7,
}
ASK_WORDS = {15: 5, 30: 8, 60: 8}
_NAMES_ORG = frozenset({Element.FIT, Element.INTEREST})  # frames that say the organization
_SENTENCE_STARTS = frozenset(
    {
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "my",
        "me",
        "we",
        "we're",
        "our",
        "currently",
        "right",
        "last",
        "this",
        "since",
        "during",
        "when",
        "while",
        "outside",
        "hi",
        "hello",
        "hey",
    }
)
_UNDECIDED = re.compile(r"^(?:not sure|unsure|undecided|don't know|no idea)\b", re.IGNORECASE)
_INTRODUCES = re.compile(r"\b(?:my name(?: is|'s)|i'm|i am)\s+(?-i:[A-Z][a-z])", re.IGNORECASE)
_OPENS_WITH_INTRO = re.compile(r"^(?:I'm|I am|My name)\b")
_ROLE_NOUNS = frozenset(
    {
        "internship",
        "externship",
        "co-op",
        "coop",
        "job",
        "role",
        "position",
        "placement",
        "fellowship",
        "apprenticeship",
        "residency",
        "assistantship",
        "opportunity",
    }
)
_ROLE_WORDS = _ROLE_NOUNS | {"first", "summer", "full-time", "part-time", "entry-level", "paid"}
_DETERMINERS = frozenset(
    {"a", "an", "the", "my", "our", "some", "any", "one", "two", "more", "another", "either"}
)
_CLAUSE = re.compile(
    r",\s+|;\s+|\s+(?:and|but|where|which|who|because|with|including|so|while|"
    r"through)\s+",
    re.IGNORECASE,
)


def _first_word(text: str) -> str:
    match = WORD.search(text)
    return match.group(0).lower() if match else ""


# Enough words and a finite verb: "Hospitals need people who ..." is a sentence to say as written,
# where "a summer internship in analytics" is a phrase for a frame ("I'm looking for ...").
_FINITE_VERBS = (
    frozenset({"is", "are", "was", "were", "am", "do", "does", "did"})
    | {"need", "needs", "have", "has", "had", "want", "wants", "help", "helps"}
    | {"can", "could", "will", "would", "should", "use", "uses", "make", "makes"}
)
_CLAUSE_MIN_WORDS = 6


def _is_clause(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text)]
    return len(words) >= _CLAUSE_MIN_WORDS and any(w in _FINITE_VERBS for w in words[1:])


def part_kind(text: str, language: PitchLanguage | None = None) -> PartKind:
    """Whether the student wrote a sentence, a verb phrase or a noun phrase."""
    lang = language or pitch_language()
    first = _first_word(text)
    if len(split_sentences(text)) > 1 or first in _SENTENCE_STARTS or _is_clause(text):
        return PartKind.SENTENCE
    if first.endswith("ing") and len(first) > 4 and first not in lang.ing_nouns:
        return PartKind.ING
    return PartKind.VERB if first in lang.leading_verbs else PartKind.PHRASE


def _tidy(text: str, kind: PartKind) -> str:
    text = " ".join(text.split())
    if kind == PartKind.SENTENCE:
        text = text[0].upper() + text[1:]
        return text if text[-1] in ".!?…" else text + "."
    text = text.rstrip(".!;, ")
    words = text.split()
    plain_capital = words[0][:1].isupper() and words[0][1:].islower()
    # "Environmental policy" -> "environmental policy", but "Google Cloud" stays as written.
    if plain_capital and (kind != PartKind.PHRASE or (len(words) > 1 and words[1][:1].islower())):
        text = text[0].lower() + text[1:]
    return text


def _shorten(text: str, sentence: bool) -> str | None:
    """Drop the last sentence, else the last clause; None when nothing sensible is left to cut."""
    sentences = split_sentences(text)
    if len(sentences) > 1:
        return " ".join(sentences[:-1])
    body = text.rstrip(".!?… ")
    cuts = [m.start() for m in _CLAUSE.finditer(body) if count_words(body[: m.start()]) >= 3]
    if not cuts:
        return None
    return body[: cuts[-1]].rstrip(",;: ") + ("." if sentence else "")


def _cut_words(text: str, n: int, sentence: bool) -> str:
    spans = list(WORD.finditer(text))
    return text[: spans[n - 1].end()] + ("." if sentence else "")


def assemble_pitch(
    answers: PitchAnswers,
    target_seconds: int,
    wpm: int = DEFAULT_WPM,
    *,
    slack: int = 0,
    language: PitchLanguage | None = None,
) -> PitchParts:
    """Pick, order and trim the student's answers to fit the time; ``slack`` reserves words."""
    lang = language or pitch_language()
    t = tier(target_seconds)
    budget = word_budget(target_seconds, wpm)
    wanted = [e for e in ORDER if e in TIER_ELEMENTS[t]]
    texts: dict[Element, str] = {}
    kinds: dict[Element, PartKind] = {}
    for element in wanted:
        raw = normalize(answers.get(element) or "").replace("\n", " ")
        if raw:
            kinds[element] = part_kind(raw, lang)
            texts[element] = _tidy(raw, kinds[element])
    ask = _tidy(normalize(answers.ask), PartKind.SENTENCE) if answers.ask else None
    name_words = count_words(answers.name or "")
    org_words = count_words(answers.organization or "")
    dropped: list[Element] = []

    def frame(e: Element) -> int:
        if kinds[e] == PartKind.SENTENCE:
            return 0
        return FRAME_WORDS[e] + (org_words if e in _NAMES_ORG else 0)

    def estimate() -> int:
        body = sum(count_words(texts[e]) + frame(e) for e in texts)
        topic = min(6, count_words(texts.get(Element.FOCUS, "")))
        closing = count_words(ask) if ask else ASK_WORDS[t] + max(topic, org_words, 3)
        return body + closing + name_words + (2 if name_words else 0)

    allowed = budget - slack
    while estimate() > allowed and texts:
        longest = sorted(texts, key=lambda e: (-count_words(texts[e]), -ORDER.index(e)))
        for element in longest:
            short = _shorten(texts[element], kinds[element] == PartKind.SENTENCE)
            if short:
                texts[element] = short
                break
        else:
            drop = next((e for e in DROP_ORDER if e in texts), None)
            if drop is None:
                drop = next((e for e in reversed(ORDER) if e in texts and e not in CORE), None)
            if drop is not None:
                del texts[drop]
                dropped.append(drop)
                continue
            element = longest[0]
            keep = count_words(texts[element]) - (estimate() - allowed)
            if keep < 2:
                break
            texts[element] = _cut_words(texts[element], keep, kinds[element] == PartKind.SENTENCE)
    if Element.POSITION in texts and kinds[Element.POSITION] == PartKind.PHRASE:
        texts[Element.POSITION] = spoken_position(texts[Element.POSITION])
    focus = texts.get(Element.FOCUS)
    topic = (
        focus
        if focus
        and kinds[Element.FOCUS] in (PartKind.PHRASE, PartKind.ING)
        and (count_words(focus) <= 6)
        else None
    )
    parts = PitchParts(
        tier=t,
        target_seconds=target_seconds,
        word_budget=budget,
        name=(answers.name or "").strip() or None,
        organization=(answers.organization or "").strip() or None,
        parts=tuple(Part(e, texts[e], kinds[e]) for e in wanted if e in texts),
        ask=ask,
        topic=topic,
        skipped=tuple(e for e in Element if e in wanted and not answers.get(e)),
        dropped=tuple(dropped),
    )
    return _with_hello(parts)


def _with_hello(parts: PitchParts) -> PitchParts:
    """Open with "Hi, " when the student's first sentence introduces them and nothing else does."""
    if parts.greet_with_name or not parts.parts:
        return parts
    first = parts.parts[0]
    if first.kind != PartKind.SENTENCE or not _OPENS_WITH_INTRO.match(first.text):
        return parts
    text = first.text if first.text.startswith("I") else first.text[:1].lower() + first.text[1:]
    return replace(parts, parts=(replace(first, text=f"Hi, {text}"), *parts.parts[1:]))


def spoken_position(text: str) -> str:
    """ "Internship" -> "an internship", "First full-time role" -> "my first full-time role".

    Onboarding's buttons and terse answers name a role without an article, which can't be said
    after "I'm looking for"; plural or already-determined phrases are left as written.
    """
    words = text.split()
    if not words or words[0].lower() in _DETERMINERS or words[-1].lower() not in _ROLE_NOUNS:
        return text
    if words[0].lower() in _ROLE_WORDS:
        text = text[:1].lower() + text[1:]
    if words[0].lower() == "first":
        return f"my {text}"
    return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}"


# --------------------------------------------------------------------------- offline improvement

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


def strip_fillers(sentence: str, language: PitchLanguage | None = None) -> str:
    """Drop fillers and rewrite hedges that have a rewrite; keep everything else as said."""
    lang = language or pitch_language()
    out = sentence
    hits = find_hits((*lang.fillers, *(h for h in lang.hedges if h.rewrite is not None)), sentence)
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


def classify(sentence: str, language: PitchLanguage | None = None) -> Element | None:
    """The element a sentence mostly speaks to, or None when it speaks to none."""
    lang = language or pitch_language()
    scores = {e: len(find_hits(lang.cues[e], sentence)) for e in Element}
    best = max(scores.values())
    return next(e for e in TIE_PREFERENCE if scores[e] == best) if best else None


def improve(
    text: str,
    analysis: PitchAnalysis,
    answers: PitchAnswers | None = None,
    *,
    language: PitchLanguage | None = None,
) -> PitchAnswers:
    """The student's own sentences per element, cleaned up, for the offline improved version.

    Fillers go, hedges are rewritten, long sentences split; a vague claim keeps a visible
    placeholder asking for their example instead of an invented one. Elements the pitch lacks are
    filled from ``answers`` (saved build answers or the profile) when those exist.
    """
    lang = language or pitch_language()
    vague = [v.lower() for v in analysis.vague_claims]
    by_element: dict[Element, list[str]] = {}
    ask: str | None = None
    current: Element | None = None
    seen: set[str] = set()
    for raw in split_sentences(normalize(text)):
        # Greetings go wherever they are; the template says hello once, at the start.
        cleaned = _drop_greeting(strip_fillers(raw, lang))
        if not cleaned or cleaned.lower() in seen:
            continue
        seen.add(cleaned.lower())
        if cleaned.endswith("?") or any(m.regex.search(cleaned) for m in lang.asks):
            ask = cleaned if count_words(cleaned) >= 3 else ask
            continue
        if count_words(cleaned) < 3:
            continue
        for piece in _split_long(cleaned):
            element = classify(piece, lang) or current or Element.IDENTITY
            current = element
            by_element.setdefault(element, []).append(_with_placeholder(piece, vague, lang))
    if Element.EXPERIENCE not in by_element and Element.LEADERSHIP in by_element:
        # The handout counts volunteering and projects as experience; shorter pitches keep it.
        by_element[Element.EXPERIENCE] = by_element.pop(Element.LEADERSHIP)
    extracted = PitchAnswers(
        **{e.value: " ".join(v) for e, v in by_element.items()},
        name=answers.name if answers else None,
        organization=answers.organization if answers else None,
        ask=ask,
    )
    return extracted.filled_from(answers)


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


def _with_placeholder(sentence: str, vague: Sequence[str], lang: PitchLanguage) -> str:
    claims = [v for v in vague if re.search(phrase_regex(v), sentence, re.IGNORECASE)]
    if not claims:
        return sentence
    body, end = (sentence[:-1], sentence[-1]) if sentence[-1] in ".!" else (sentence, ".")
    placeholder = lang.example_placeholder.format(phrase='", "'.join(claims))
    return f"{body} {placeholder}{end}"


# --------------------------------------------------------------------------- tailoring


def tailored_answers(
    answers: PitchAnswers,
    current_pitch: str | None,
    *,
    target_seconds: int,
    wpm: int = DEFAULT_WPM,
    language: PitchLanguage | None = None,
) -> PitchAnswers:
    """What a tailored version is built from: the current pitch's own sentences first.

    A student who pasted their pitch has no build answers, so building only from ``answers``
    would throw their pitch away. Interest, fit and organization come from the tailoring answers
    (the pitch's were for someone else), and so does the closing question.
    """
    if not current_pitch or not current_pitch.strip():
        return answers
    analysis = analyze(
        current_pitch,
        target_seconds=target_seconds,
        wpm=wpm,
        profile_name=answers.name,
        language=language,
    )
    from_pitch = improve(current_pitch, analysis, None, language=language)
    return replace(
        from_pitch,
        name=answers.name,
        organization=answers.organization,
        interest=answers.interest,
        fit=answers.fit,
        ask=None,
    ).filled_from(answers)


def tailor_gaps(
    answers: PitchAnswers, organization: str, contact_role: str | None = None
) -> list[Element]:
    """Facts the coach must ask for before tailoring, because inventing them would be lying.

    A specific interest must name the organization (or, without one, the contact's line of work);
    a fit written for a different organization doesn't transfer.
    """
    target = (organization or contact_role or "").strip().lower()
    gaps: list[Element] = []
    interest = (answers.interest or "").lower()
    if not interest or (target and target not in interest):
        gaps.append(Element.INTEREST)
    written_for = (answers.organization or "").strip().lower()
    if not answers.fit or (written_for and written_for != target):
        gaps.append(Element.FIT)
    return gaps


def distinct_lengths(texts: Mapping[int, str]) -> tuple[dict[int, str], dict[int, list[int]]]:
    """Each built text once, under its shortest length, and which longer lengths it also is.

    Thin answers make the 30 s and 60 s builds identical; showing the same words twice under
    different labels would promise a minute the student can't yet fill.
    """
    shown: dict[int, str] = {}
    same: dict[int, list[int]] = {}
    for seconds in sorted(texts):
        text = texts[seconds]
        twin = next(
            (s for s, t in shown.items() if " ".join(t.split()) == " ".join(text.split())), None
        )
        if twin is None:
            shown[seconds] = text
            same[seconds] = []
        else:
            same[twin].append(seconds)
    return shown, same
