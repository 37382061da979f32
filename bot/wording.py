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


# "the University of Michigan", "the City of Oakland": a name built as "<body> of <place>" takes
# "the" in a sentence; "Bank of America" or "Kaiser Permanente" do not.
_THE_BODIES = (
    "University|City|County|State|Town|Village|Port|Department|Ministry|Office|Bureau|Institute"
    "|College|Museum|Library|Government|Commonwealth|Province|Republic|School|Academy|Society"
    "|Federal Reserve Bank|Board|Council|Court|Hospital"
)
_NEEDS_THE = re.compile(rf"^(?:{_THE_BODIES}) of\b")


def in_a_sentence(organization: str) -> str:
    """An organization as a sentence says it: "the City of Oakland", "Intuit" as it is."""
    name = organization.strip()
    return f"the {name}" if _NEEDS_THE.match(name) else name
