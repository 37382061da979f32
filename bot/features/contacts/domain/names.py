"""The parts of a person's name as students type it: "Dr. Alan Brooks", "Dr Brooks", "Aunt Lakshmi".

A contact keeps the name exactly as typed; these parts are read from it when something needs
structure: a vCard's N property (Family;Given;Additional;Prefix;Suffix) and recognising one
person written two ways, with or without the title's dot, surname only after a title, an
initial, accents or case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from bot.features.contacts.domain.fields import fold
from bot.features.contacts.domain.name_words import PARTICLES, RELATIONS, SUFFIXES, TITLES

_TITLES = TITLES
_RELATIONS = RELATIONS
_SUFFIXES = frozenset(SUFFIXES)
_PARTICLES = PARTICLES
# Honorifics that say different people when both sides carry one ("Mr Lee" is not "Mrs Lee").
_GENDERED = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}


def _key(word: str) -> str:
    return fold(word).replace(" ", "")


@dataclass(frozen=True, slots=True)
class PersonName:
    """One display name in its parts; each part keeps the student's own spelling."""

    prefix: str = ""  # "Dr.", "Prof"
    given: str = ""
    additional: str = ""  # middle names
    family: str = ""
    suffix: str = ""  # "Jr.", "PhD"
    relation: str = ""  # "Aunt": how the student calls them

    @property
    def core(self) -> str:
        """Folded given, middle and family names: what two spellings of one person share."""
        return fold(" ".join(p for p in (self.given, self.additional, self.family) if p))

    @property
    def gender(self) -> str:
        """ "m" or "f" when the title says so, else ""."""
        return _GENDERED.get(_key(self.prefix.split(" ")[0]) if self.prefix else "", "")


@lru_cache(maxsize=32_768)
def split_name(name: str) -> PersonName:
    """The parts of ``name``: leading titles and relations, trailing suffixes, the family name
    last (with its particles), the given name first, middle names in between.

    A title followed by a single word is a family name ("Dr Brooks"); a relation followed by a
    single word is a given name ("Aunt Lakshmi"), and so is a single word alone ("Mia").
    """
    words = name.replace(",", " ").split()
    prefixes: list[str] = []
    relation: list[str] = []
    while len(words) > 1 and (_key(words[0]) in _TITLES or _key(words[0]) in _RELATIONS):
        (relation if _key(words[0]) in _RELATIONS else prefixes).append(words.pop(0))
    suffixes: list[str] = []
    while len(words) > 1 and _key(words[-1]) in _SUFFIXES:
        suffixes.insert(0, words.pop())
    prefix, suffix, rel = " ".join(prefixes), " ".join(suffixes), " ".join(relation)
    if not words:
        return PersonName(prefix=prefix, suffix=suffix, relation=rel)
    if len(words) == 1:
        if prefixes and not relation:
            return PersonName(prefix=prefix, family=words[0], suffix=suffix)
        return PersonName(prefix=prefix, given=words[0], suffix=suffix, relation=rel)
    start = len(words) - 1
    while start > 1 and _key(words[start - 1]) in _PARTICLES:
        start -= 1
    return PersonName(
        prefix=prefix,
        given=words[0],
        additional=" ".join(words[1:start]),
        family=" ".join(words[start:]),
        suffix=suffix,
        relation=rel,
    )


@dataclass(frozen=True, slots=True)
class _Folded:
    """What matching compares, folded once per name (an import compares each name often)."""

    whole: str
    core: str
    given: str
    family: str
    gender: str
    titled: bool


@lru_cache(maxsize=32_768)
def _folded(name: str) -> _Folded:
    parts = split_name(name)
    return _Folded(
        whole=fold(name),
        core=parts.core,
        given=fold(parts.given),
        family=fold(parts.family),
        gender=parts.gender,
        titled=bool(parts.prefix),
    )


def same_name(a: str, b: str) -> bool:
    """Whether two typed names probably mean one person, title and spelling aside.

    The same names without titles ("Dr Alan Brooks" / "dr. alan brooks" / "Alan Brooks"), a
    title with the surname only ("Dr Brooks", "Prof. Brooks") against the full name, an initial
    ("A. Brooks"), or a near spelling of a full name ("Alan Brookes"). Titles that say different
    people ("Mr Lee" / "Mrs Lee") never match. Two bare first names match only when equal: the
    caller decides whether two Anas are one.
    """
    x, y = _folded(a), _folded(b)
    if not x.core or not y.core or (x.gender and y.gender and x.gender != y.gender):
        return False
    if x.core == y.core:
        return True
    if not x.family or not y.family:
        return False
    if x.family != y.family:
        near = fuzz.token_sort_ratio(x.core, y.core, score_cutoff=90)
        return bool(near) and _given_agree(x.given, y.given)
    if not x.given or not y.given:  # "Dr Brooks": a title and the surname only
        return x.titled if not x.given else y.titled
    return _given_agree(x.given, y.given)


def _given_agree(x: str, y: str) -> bool:
    """The (folded) given names are the same, one is the other's initial ("a" for "alan"), or
    they are spelled alike."""
    if not x or not y:
        return False
    return (
        x == y
        or (len(x) == 1 and y.startswith(x))
        or (len(y) == 1 and x.startswith(y))
        or fuzz.ratio(x, y) >= 85
    )


def names_alike(a: str, b: str) -> bool:
    """:func:`same_name`, or the whole names spelled alike (a typo), unless titles say two
    different people: the test duplicate detection uses."""
    if same_name(a, b):
        return True
    x, y = _folded(a), _folded(b)
    if x.gender and y.gender and x.gender != y.gender:
        return False
    return bool(fuzz.token_sort_ratio(x.whole, y.whole, score_cutoff=90))


def name_words(name: str) -> list[str]:
    """The folded words of a name without its titles and relations ("dr" would otherwise
    group every doctor together when looking for look-alikes)."""
    return split_name(name).core.split() or fold(name).split()


def has_family_name(name: str) -> bool:
    """Whether the name carries a surname ("Ana" and "Aunt Rosa" don't; "Dr Brooks" does)."""
    return bool(split_name(name).family)
