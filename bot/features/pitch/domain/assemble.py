"""The offline builder: the student's answers picked, ordered and trimmed to the time.

Templates in ``prompts/pitch/`` add the spoken frames. Anything missing stays out (or a visible
placeholder): the coach never invents a fact about the student or an organization. Fitting the
time is a loop of small moves, cheapest first, judged on the rendered words at the student's
pace: shorten the longest answer by a sentence or a clause, then drop the element the handout
can spare most. Words are never cut from inside a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from bot.features.outreach.domain.display import display_name, display_organization
from bot.features.pitch.domain.answers import PitchAnswers, undecided
from bot.features.pitch.domain.compose import compose_answer
from bot.features.pitch.domain.elements import (
    CORE,
    DEFAULT_WPM,
    DROP_ORDER,
    ORDER,
    TIER_ELEMENTS,
    Element,
    tier,
)
from bot.features.pitch.domain.language import PitchLanguage
from bot.features.pitch.domain.naming import named_once, spoken_organization
from bot.features.pitch.domain.parts import (
    Part,
    PartKind,
    PitchParts,
    spoken_position,
    tidy,
)
from bot.features.pitch.domain.text import (
    count_words,
    normalize,
    split_sentences,
    word_budget,
)
from bot.shorthand import expand_shorthand

_CLAUSE = re.compile(
    r",\s+|;\s+|\s+(?:and|but|where|which|who|because|with|including|so|while|"
    r"through|at|in|for|on|during|from|versus)\s+",
    re.IGNORECASE,
)
_OPENS_WITH_INTRO = re.compile(r"^(?:I'm|I am|My name)\b")
_TOPIC_WORDS = 3  # a longer focus echoed in the closing question is heard twice


_EVIDENCE = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|sixty|hundred|thousand|percent|half|doubled|tripled)\b",
    re.IGNORECASE,
)


def _shorten(text: str, sentence: bool) -> str | None:
    """Drop the last sentence, else the last clause; None when nothing sensible is left to cut.

    A sentence with a number in it ("cut assembly time by twenty percent") is the strongest
    evidence a student has, so the last sentence *without* one goes first.
    """
    sentences = split_sentences(text)
    if len(sentences) > 1:
        plain = [i for i, s in enumerate(sentences) if not _EVIDENCE.search(s)]
        drop = plain[-1] if plain else len(sentences) - 1
        return " ".join(s for i, s in enumerate(sentences) if i != drop)
    body = text.rstrip(".!?… ")
    cuts = [
        m.start()
        for m in _CLAUSE.finditer(body)
        if count_words(body[: m.start()]) >= (3 if sentence else 2)
        and _whole(body[: m.start()], m.group(0))
    ]
    if not cuts:
        return None
    return _listed(body[: cuts[-1]].rstrip(",;: ")) + ("." if sentence else "")


_NEEDS_MORE = re.compile(
    r"(?:,\s*\w+ing|\b(?:minor|degree|background|interest|experience|focus|focusing"
    r"|working|looking|interested|drawn|passionate|how|to))$",
    re.IGNORECASE,
)


def _whole(kept: str, cut: str) -> bool:
    """Whether what a cut keeps still says something whole: not "..., focusing" (cut before
    "on housing") nor "a major with a minor" (cut before "in statistics")."""
    kept = kept.rstrip(",;: ")
    return not _NEEDS_MORE.search(kept) and not _DANGLING_END.search(kept)


_DANGLING_END = re.compile(
    r"\b(?:a|an|the|and|or|but|to|of|in|on|at|for|with|from|by|as|my|your|our|their|its|that"
    r"|who|which|where|while|because|versus)$",
    re.IGNORECASE,
)
_LIST_TAIL = re.compile(r"^(.+\w),\s+((?:[\w'-]+\s+){0,2}[\w'-]+)$")
_CLAUSE_ITEM = re.compile(
    r"\w+ing\s+(?:on|in|at|with|for|to|the|a|an|my|our)\b|(?:how|what|why|where|which|who|when"
    r"|because|especially|including)\b",
    re.IGNORECASE,
)


def _listed(kept: str) -> str:
    """ "housing affordability, zoning reform" -> "housing affordability and zoning reform": a
    cut that leaves a list leaves it with its "and"."""
    m = _LIST_TAIL.match(kept)
    if not m or re.search(r"\b(?:and|or)\b", kept, re.IGNORECASE):
        return kept
    last = m.group(2)
    if _CLAUSE_ITEM.match(last):
        return kept  # "the Goldman School, focusing on housing" is no list
    return f"{m.group(1)} and {last}"


_SUBJECT_VERB = re.compile(
    r"\b(?:I|I'm|I've|I'd|we|we're|you|it|this|that|they|he|she)\b|\b(?:is|are|was|were|has|have"
    r"|had|can|could|will|would|should|do|does|did)\b",
    re.IGNORECASE,
)

#: How long a set of parts is once said with its frames: the rendered text is the judge.
Measure = Callable[["PitchParts"], int]


@dataclass(slots=True)
class _Draft:
    """The answers being fitted: their tidied texts and kinds, and what was dropped so far."""

    texts: dict[Element, str]
    kinds: dict[Element, PartKind]
    more: dict[Element, list[str]] = field(default_factory=dict)
    dropped: list[Element] = field(default_factory=list)
    brief_close: bool = False

    def words(self, element: Element) -> int:
        """Spoken words of one part, its further sentences included."""
        return count_words(" ".join([self.texts[element], *self.more.get(element, ())]))

    def longest(self) -> list[Element]:
        """Parts by length, longest first (later in the spoken order first on ties)."""
        return sorted(self.texts, key=lambda e: (-self.words(e), -ORDER.index(e)))

    def shorten_one(self) -> bool:
        """Cut a sentence or clause off the longest part that has one to spare."""
        for element in self.longest():
            if more := self.more.get(element):
                plain = [i for i, s in enumerate(more) if not _EVIDENCE.search(s)]
                del more[plain[-1] if plain else -1]  # the sentence with a number goes last
                return True
            short = _shorten(self.texts[element], self.kinds[element] == PartKind.SENTENCE)
            if short:
                self.texts[element] = short
                if self.kinds[element] == PartKind.SENTENCE and not _SUBJECT_VERB.search(short):
                    # cut down to a noun phrase ("Housing affordability, zoning reform."): it
                    # needs its frame again ("Lately I've been drawn to ...")
                    self.kinds[element] = PartKind.PHRASE
                    self.texts[element] = tidy(short, PartKind.PHRASE)
                return True
        return False

    def drop_one(self) -> bool:
        """Leave out the element the handout can spare most (never the 15-second core)."""
        drop = next((e for e in DROP_ORDER if e in self.texts), None)
        if drop is None:
            drop = next((e for e in reversed(ORDER) if e in self.texts and e not in CORE), None)
        if drop is None:
            return False
        del self.texts[drop]
        self.dropped.append(drop)
        return True

    def trim(self) -> bool:
        """One move towards the time, cheapest first; False when none is left.

        Only whole sentences and clauses are cut and whole elements dropped, never words from
        the middle of one ("I interned at the Green Valley Water District, where I mapped."):
        a pitch that still runs long is shown with its honest time instead.
        """
        if self.shorten_one() or self.drop_one():
            return True
        if not self.brief_close:
            self.brief_close = True  # "How did you get started?" rather than a whole answer cut
            return True
        return False

    def topic(self) -> str | None:
        """A short focus phrase the closing question can name ("How did you get into ...?")."""
        focus = self.texts.get(Element.FOCUS)
        if not focus or self.kinds[Element.FOCUS] not in (PartKind.PHRASE, PartKind.ING):
            return None
        if "," in focus:
            return None  # "How did you get into fintech, especially payments?" asks two things
        return focus if count_words(focus) <= _TOPIC_WORDS else None


def _draft(answers: PitchAnswers, wanted: list[Element], language: PitchLanguage) -> _Draft:
    texts: dict[Element, str] = {}
    kinds: dict[Element, PartKind] = {}
    more: dict[Element, list[str]] = {}
    for element in wanted:
        raw = expand_shorthand(normalize(answers.get(element) or "").replace("\n", " "))
        if element == Element.POSITION and undecided(raw):
            raw = ""  # "I'm looking for not sure yet." helps nobody
        if raw:
            texts[element], kinds[element], more[element] = compose_answer(element, raw, language)
    return _Draft(texts=texts, kinds=kinds, more=more)


def assemble_pitch(
    answers: PitchAnswers,
    target_seconds: int,
    wpm: int = DEFAULT_WPM,
    *,
    language: PitchLanguage,
    measure: Measure,
) -> PitchParts:
    """Pick, order and trim the student's answers until ``measure`` says they fit the time."""
    t = tier(target_seconds)
    budget = word_budget(target_seconds, wpm)
    wanted = [e for e in ORDER if e in TIER_ELEMENTS[t]]
    draft = _draft(answers, wanted, language)
    while True:
        parts = _parts(draft, answers, t, target_seconds, budget, wanted)
        if measure(parts) <= budget or not draft.trim():
            return parts


def _parts(
    draft: _Draft,
    answers: PitchAnswers,
    t: int,
    target_seconds: int,
    budget: int,
    wanted: list[Element],
) -> PitchParts:
    """The draft as it stands, with the spoken touches its frames need."""
    texts, kinds = dict(draft.texts), draft.kinds
    if Element.POSITION in texts and kinds[Element.POSITION] == PartKind.PHRASE:
        texts[Element.POSITION] = spoken_position(texts[Element.POSITION])
    if Element.EXPERIENCE in texts and kinds[Element.EXPERIENCE] == PartKind.PHRASE:
        texts[Element.EXPERIENCE] = _owned(texts[Element.EXPERIENCE])
    organization = display_organization((answers.organization or "").strip())
    if organization:  # "epic systems" is said "Epic Systems", as the drafts write it
        organization = spoken_organization(organization, answers.given().values())
        if kinds.get(Element.INTEREST) in (PartKind.PHRASE, PartKind.ING):
            # "What draws me to the Urban Institute is its work ...", the name said once
            texts[Element.INTEREST] = named_once(texts[Element.INTEREST], organization)
    parts = PitchParts(
        tier=t,
        target_seconds=target_seconds,
        word_budget=budget,
        name=display_name(answers.name or "") or None,  # "kevin tran" -> "Kevin Tran"
        organization=organization or None,
        parts=tuple(
            Part(e, texts[e], kinds[e], " ".join(draft.more.get(e, ())))
            for e in wanted
            if e in texts
        ),
        ask=tidy(normalize(answers.ask), PartKind.SENTENCE) if answers.ask else None,
        topic=draft.topic(),
        skipped=tuple(e for e in Element if e in wanted and not answers.get(e)),
        dropped=tuple(draft.dropped),
        brief_close=draft.brief_close,
    )
    return _with_hello(parts)


_DETERMINED_TEXT = "a an the my our this that one two three four five"
_DETERMINED = frozenset(_DETERMINED_TEXT.split())


def _owned(phrase: str) -> str:
    """ "clinical rotation at Lucile Packard" -> "my clinical rotation at Lucile Packard"."""
    first = phrase.split()[0] if phrase.split() else ""
    if not first or first.lower() in _DETERMINED or first[:1].isdigit() or first[:1].isupper():
        return phrase
    return f"my {phrase}"


def _with_hello(parts: PitchParts) -> PitchParts:
    """Open with "Hi, " when the student's first sentence introduces them and nothing else does."""
    if parts.greet_with_name or not parts.parts:
        return parts
    first = parts.parts[0]
    if first.kind != PartKind.SENTENCE or not _OPENS_WITH_INTRO.match(first.text):
        return parts
    text = first.text if first.text.startswith("I") else first.text[:1].lower() + first.text[1:]
    return replace(parts, parts=(replace(first, text=f"Hi, {text}"), *parts.parts[1:]))


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
