"""A second look at the words a student's messages will be signed with.

"Comptuer Science" typed once at /start would sit under every draft and in every pitch. The coach
asks once, right after the answer, and only when a dictionary knows a common word one or two
letters away: a name it does not know ("Duolingo", "Łukasiewicz", "BArch", "UX") is left alone,
since a rare or unknown word is far more often a proper noun than a typo.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spellchecker import SpellChecker

CHECKED_FIELDS = frozenset({"degree", "interests", "position"})
MIN_LETTERS = 4
#: How common (share of running English text) a suggested word must be; "computer" is 5e-5,
#: while "dueling" (for "Duolingo") and "striker" (for "Stryker") sit below 1e-6.
MIN_FREQUENCY = 1e-6
_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")


# Words students use for fields and jobs that the shipped dictionary lacks: "health tech" was
# questioned as "health teach", which "Yes, fix it" would have signed under every draft.
_CAREER_WORDS = (
    "tech fintech edtech healthtech medtech cleantech climatetech proptech insurtech legaltech "
    "agtech foodtech biotech deeptech analytics cybersecurity infosec devops blockchain crypto "
    "esports ux ui frontend backend fullstack dataset datasets microbiology neuroscience "
    "bioinformatics informatics geospatial nonprofits startups fundraising upskilling"
)


@cache
def _checker() -> SpellChecker:
    """The English dictionary shipped with pyspellchecker, loaded once (about half a second)."""
    from spellchecker import SpellChecker

    checker = SpellChecker(distance=2)
    checker.word_frequency.load_words(_CAREER_WORDS.split())
    return checker


def _match_case(suggestion: str, typed: str) -> str:
    if typed.isupper():
        return suggestion.upper()
    if typed[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _fix(word: str) -> str | None:
    if len(word) < MIN_LETTERS or word.isupper() or any(c.isupper() for c in word[1:]):
        return None  # acronyms and names written like BArch or McKinsey
    checker = _checker()
    low = word.lower()
    if low in checker:
        return None
    best = checker.correction(low)
    if not best or best == low or best.rstrip("s") == low.rstrip("s"):
        return None
    if checker.word_usage_frequency(best) < MIN_FREQUENCY:
        return None
    return _match_case(best, word)


def spelling_suggestion(text: str) -> str | None:
    """The text with likely typos corrected, or None when nothing looks misspelt."""
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        fixed = _fix(match.group(0))
        if fixed is None:
            return match.group(0)
        changed = True
        return fixed

    suggestion = _WORD.sub(replace, text)
    return suggestion if changed else None


def is_common_word(word: str) -> bool:
    """Whether ``word`` (any case) is an everyday English word; "Duolingo" and "Gensler" are not.

    A phone capitalises the first word of every answer, so "Environmental policy" and "Duolingo"
    arrive looking alike; only a dictionary tells the word to lower-case from the name to keep.
    """
    parts = word.lower().strip(".,;:!?'’").split("-")  # "Second-year": both halves are words
    return all(part in _checker() for part in parts if part)


def is_everyday_word(word: str) -> bool:
    """A common word that is also frequent: "full" and "consulting" are, while "Sachs",
    "Morgan" or "Stanley" are in the dictionary but rare enough to be read as part of a name."""
    parts = [part for part in word.lower().strip(".,;:!?'’").split("-") if part]
    checker = _checker()
    return bool(parts) and all(
        checker.word_usage_frequency(part) >= MIN_FREQUENCY for part in parts
    )
