"""Plain English every feature's texts share: the article a phrase takes when said aloud.

It lives outside any feature because the pitch builder, the drafts and the prep sheet all say
"a"/"an" before words the student typed, and none of them should import another to do it.
"""

from __future__ import annotations

import re

_AN_LETTERS = frozenset("AEFHILMNORSX")  # letters whose spoken name starts with a vowel sound


def article(phrase: str) -> str:
    """ "a" or "an" by sound: "an MBA", "a BS", "an Economics major", "a third-year"."""
    first = re.split(r"[\s\-/]", phrase, maxsplit=1)[0].strip(".")
    if not first:
        return "a"
    letters = first.replace(".", "")
    if len(letters) > 1 and letters[:2].isupper():  # read as letters: MBA, MS, BS, RN
        return "an" if letters[0] in _AN_LETTERS else "a"
    low = first.lower()
    if low.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    if low.startswith(("hon", "hour")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"
