"""Capitals for a name or an organization typed all in lower case, as a careful writer puts them.

Students type on a phone: "priya shah" at "intuit". Kept that way, every screen and every draft
reads as careless ("Hello priya,", "your work at intuit"). Only what can be known is changed: a
name typed all in lower case gets its capitals, and one with any capital is left exactly as typed,
since "danah boyd" or "eBay" are choices only the student knows.
"""

from __future__ import annotations

import re

from bot.features.contacts.domain.name_words import PARTICLES, SUFFIXES, TITLES

# Short words that stay lower case inside an organization's name ("Bank of America").
_FUNCTION_TEXT = "of and for the at in on a an to by with de du la"
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())


def _capitalised(word: str) -> str:
    """ "o'brien" -> "O'Brien", "mary-jane" -> "Mary-Jane", "josé" -> "José"."""
    parts = re.split(r"([-'’])", word)
    out = []
    for i, part in enumerate(parts):
        after_apostrophe = i >= 2 and parts[i - 1] in "'’"
        if after_apostrophe and len(parts[i - 2]) > 1:
            out.append(part)  # "o'" and "d'" start a name part; other apostrophes do not
        else:
            out.append(part[:1].upper() + part[1:])
    return "".join(out)


def _all_lower(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.lower()


def display_name(name: str) -> str:
    """A person's name for a draft: "priya shah" -> "Priya Shah", "maria de la cruz" -> "Maria
    de la Cruz"; any name with a capital is the student's choice and stays as typed."""
    text = " ".join(name.split())
    if not _all_lower(text):
        return text
    words = text.split()
    out: list[str] = []
    for i, word in enumerate(words):
        bare = word.rstrip(".,").lower()
        tail = word[len(bare) :]
        if i == 0 and bare in TITLES:
            out.append(bare.capitalize() + tail)
        elif i > 0 and bare in SUFFIXES and i == len(words) - 1:
            out.append(SUFFIXES[bare] + tail)
        elif 0 < i < len(words) - 1 and bare in PARTICLES:
            out.append(word)
        else:
            out.append(_capitalised(word))
    return " ".join(out)


# Initialisms with a vowel, which the no-vowel rule would write "Ibm" or "Nyu": the employers and
# universities students most often type in lower case.
_ORG_INITIALISM_TEXT = (
    "ibm mit nyu ucla ucsf usc ucsd ucsb uci uva unc uiuc umich upenn ey nasa nih cdc fda epa "
    "usda noaa fbi cia aig amd bae bofa hsbc ubs idb imf oecd unicef usaid ai aws sap sas "
    "ge gm hp lg ups ba cuny suny asu osu psu lsu fiu byu"
)
_ORG_INITIALISMS = frozenset(_ORG_INITIALISM_TEXT.split())


def _read_as_letters(word: str) -> bool:
    """ "kpmg" (no vowel), "ibm" (a known initialism) and "at&t" are said letter by letter."""
    if "&" in word and len(word) <= 6:
        return True
    no_vowel = 2 <= len(word) <= 5 and word.isalpha() and not re.search(r"[aeiouy]", word)
    return word in _ORG_INITIALISMS or no_vowel


def display_organization(name: str) -> str:
    """An organization's name for a draft: "intuit" -> "Intuit", "bank of america" -> "Bank of
    America", "kpmg" -> "KPMG" (a short word without a vowel is read as letters); any name with
    a capital ("eBay", "deviantArt") stays as typed."""
    text = " ".join(name.split())
    if not _all_lower(text):
        return text
    out: list[str] = []
    for i, word in enumerate(text.split()):
        if i > 0 and word in _FUNCTION_WORDS:
            out.append(word)
        elif _read_as_letters(word):
            out.append(word.upper())
        else:
            out.append(_capitalised(word))
    return " ".join(out)
