"""Facts in a model's text that the data it was given does not contain.

Claude may write a fluent email that names a school, an employer or a number the student never
gave. The offline coach cannot invent (it only fills templates), so Claude's drafts and pitches
are held to the same standard by this check: every proper name (a capitalised word inside a
sentence) and every number must be found in the data. It errs on the side of silence at the
start of sentences (where every word is capitalised), so it flags little that is true.

Pure: no I/O, no SDK, no Telegram.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that are capitalised in ordinary outreach without being facts about anyone.
_COMMON = frozenset(
    [
        "i",
        "i'm",
        "i'd",
        "i've",
        "i'll",
        "dear",
        "hi",
        "hello",
        "hey",
        "best",
        "regards",
        "sincerely",
        "thanks",
        "thank",
        "warm",
        "warmest",
        "kind",
        "kindest",
        "cheers",
        "subject",
        "re",
        "fwd",
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "madam",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "linkedin",
        "zoom",
        "teams",
        "google",
        "meet",
        "skype",
        "email",
        "e-mail",
        "phone",
        "video",
        "open",
        "ask",
        "close",
        "voicemail",
        "note",
        "p.s",
        "ps",
        "english",
        "ok",
        "okay",
        "ama",
        "q&a",
        "ceo",
        "cto",
        "cfo",
        "hr",
        "it",
        "ai",
        "ml",
        "ui",
        "ux",
        "phd",
        "ba",
        "bs",
        "bsc",
        "ma",
        "ms",
        "msc",
        "mba",
        "mfa",
        "mph",
        "jd",
        "md",
    ]
)
_TOKEN = re.compile(r"[A-Za-z][\w'’&.-]*[\w]|[A-Za-z]|\d[\d,.]*%?")
_SENTENCE_END = re.compile(r"[.!?:;][\"”')]*$")
_OPENS = ('"', "“", "(", "'", "‘")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _vocabulary(sources: Iterable[str]) -> tuple[set[str], set[str]]:
    words: set[str] = set()
    numbers: set[str] = set()
    for source in sources:
        for token in _TOKEN.findall(source or ""):
            if token[0].isdigit():
                numbers |= {n.replace(",", "") for n in _NUMBER.findall(token)}
            else:
                words.add(_key(token))
                words |= {_key(part) for part in re.split(r"[-’'.&]", token) if part}
    return words, numbers


def _key(token: str) -> str:
    return token.lower().replace("’", "'").strip(".'").removesuffix("'s")


def unsupported_facts(
    text: str, sources: Iterable[str], *, allowed: Iterable[str] = ()
) -> list[str]:
    """Names and numbers in ``text`` that neither ``sources`` nor ``allowed`` contain.

    Placeholders in square brackets (a pitch's "[your example: ...]") are not facts. Each
    offender is listed once, in the order it appears.
    """
    words, numbers = _vocabulary([*sources, *allowed])
    found: list[str] = []
    for line in _BRACKETS.sub(" ", text).splitlines():
        start = True
        for raw in line.split():
            start = start or raw.startswith(_OPENS)
            for token in _TOKEN.findall(raw):
                if token[0].isdigit():
                    for number in _NUMBER.findall(token):
                        if number.replace(",", "") not in numbers and number not in found:
                            found.append(number)
                elif token[0].isupper() and not start:
                    key = _key(token)
                    parts = [p for p in re.split(r"[-'.&]", key) if p]
                    known = key in words or key in _COMMON or all(p in words for p in parts)
                    if not known and token not in found:
                        found.append(token)
                start = False
            start = bool(_SENTENCE_END.search(raw)) or raw in ("-", "•", "—", "*")
    return found
