"""The pieces a spoken pitch is assembled from: each answer as a sentence, verb or phrase.

How an answer can be spliced into speech decides which frame a template puts around it
("I interned at ..." is said as written; "environmental policy" needs "I'm into ..."), and how
many words those frames add decides what fits the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.language import PitchLanguage
from bot.features.pitch.domain.text import WORD, split_sentences
from bot.features.profile.domain.spelling import is_common_word


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
    more: str = ""  # further sentences of the answer, said as written after the framed one


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
    brief_close: bool = False  # the shortest closing question, when nothing else is left to cut

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
_INTRODUCES = re.compile(r"\b(?:my name(?: is|'s)|i'm|i am)\s+(?-i:[A-Z][a-z])", re.IGNORECASE)
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
_SUBORDINATE_TEXT = "how what why where which who whom whose that when whether if because while as"
_SUBORDINATE = frozenset(_SUBORDINATE_TEXT.split())


def _is_clause(text: str) -> bool:
    """A subject, then its verb: "Hospitals need people who ...". A verb that only comes after a
    comma or inside a "how ..." clause belongs to a noun phrase ("housing affordability, zoning
    reform and how eviction data can guide ..."), which needs a frame around it."""
    words = [w.lower() for w in WORD.findall(text.split(",")[0])]
    if len(WORD.findall(text)) < _CLAUSE_MIN_WORDS:
        return False
    for word in words[1:]:
        if word in _SUBORDINATE:
            return False
        if word in _FINITE_VERBS:
            return True
    return False


# "As treasurer of the society I rebuilt ...", "Before graduate school I spent ...": an opening
# phrase, then the student as subject. Framed as a phrase it read "Outside class, I'm as ...".
_SUBJECT_LATER = re.compile(
    r"^(?:as|for|before|after|during|at|in|with|since|when|while|over|through|outside)\b"
    r"[^.!?]{0,80}?(?<![\w'’])(?:I|we)\s+(?!am\b)[a-z]{2,}",
    re.IGNORECASE,
)


_WH_CLAUSE = frozenset({"how", "what", "why", "where", "which", "whether"})
# "prepared 40 tax returns", "rebuilt the budget tracker": a past action, said with "I". Not
# "mixed methods research skills", where the -ed word describes the noun after it.
_PAST_ACTION = re.compile(
    r"^[a-z][a-z-]{2,}ed\s+(?:a|an|the|my|our|\d+|two|three|four|five|ten|over|more|at|with|for"
    r"|on)\b",
    re.IGNORECASE,
)


def part_kind(text: str, language: PitchLanguage) -> PartKind:
    """Whether the student wrote a sentence, a verb phrase or a noun phrase."""
    first = _first_word(text)
    if first in _WH_CLAUSE and not text.rstrip().endswith("?"):
        return PartKind.PHRASE  # "how people actually use apps" reads after "drawn to"
    if _PAST_ACTION.match(text) and len(split_sentences(text)) == 1:
        return PartKind.VERB  # "co-founded a clinic that has helped 300 renters" -> "I co-founded"
    if (
        len(split_sentences(text)) > 1
        or first in _SENTENCE_STARTS
        or _is_clause(text)
        or _SUBJECT_LATER.match(text)
    ):
        return PartKind.SENTENCE
    if first.endswith("ing") and len(first) > 4 and first not in language.ing_nouns:
        return PartKind.ING
    if first in language.leading_verbs or _PAST_ACTION.match(text):
        return PartKind.VERB  # "prepared 40 tax returns" -> "I prepared ..."
    return PartKind.PHRASE


def tidy(text: str, kind: PartKind) -> str:
    text = " ".join(text.split())
    if kind == PartKind.SENTENCE:
        text = text[0].upper() + text[1:]
        return text if text[-1] in ".!?…" else text + "."
    text = text.rstrip(".!;, ")
    words = text.split()
    plain_capital = (
        words[0][:1].isupper()
        and words[0][1:].islower()
        and is_common_word(words[0])
        and not words[0].endswith(",")  # "Stripe, especially ...": a name standing on its own
    )
    # "Environmental policy" -> "environmental policy", but "Google Cloud" stays as written.
    if plain_capital and (kind != PartKind.PHRASE or (len(words) > 1 and words[1][:1].islower())):
        text = text[0].lower() + text[1:]
    return text


def spoken_position(text: str) -> str:
    """ "Internship" -> "an internship", "First full-time role" -> "my first full-time role".

    Onboarding's buttons and terse answers name a role without an article, which can't be said
    after "I'm looking for"; plural or already-determined phrases are left as written.
    """
    words = text.split()
    # the role noun heads the phrase: "policy analyst role in a city housing office"
    head = re.split(r"\s+(?:in|at|with|for|on|near)\s+|,\s*", text, maxsplit=1)[0].split()
    if not words or words[0].lower() in _DETERMINERS or head[-1].lower() not in _ROLE_NOUNS:
        return text
    if words[0].lower() in _ROLE_WORDS:
        text = text[:1].lower() + text[1:]
    if words[0].lower() == "first":
        return f"my {text}"
    return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}"
