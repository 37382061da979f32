"""The student's typed words as a careful writer would put them in a message someone else reads.

Students type on a phone the way they text friends: "priya shah" at "intuit", "hear how u moved
into payments", "CS senior @ UC Davis". Spliced into a draft as typed, that reads as careless
("Hello priya,", "your work at intuit"), and the student would have to fix it before sending.
Only what can be known is changed: a name typed all in lower case gets its capitals (one with any
capital is left exactly as typed, since "danah boyd" or "bell hooks" are choices only the student
knows), and chat shorthand becomes the plain word it stands for.
"""

from __future__ import annotations

import re

# The capitals of a name typed in lower case live with the contacts, which store them that way.
from bot.features.contacts.domain.capitals import display_name, display_organization
from bot.shorthand import expand_shorthand

__all__ = ["display_name", "display_organization", "written", "written_field", "written_role"]


# Chat words a reader of a professional message would trip on, beyond the shorthand table the
# pitch coach already keeps (expand_shorthand: "w/", "@", "bc", "esp", "dept", "psych", ...).
_CHAT = {
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "tho": "though",
    "b4": "before",
    "w/o": "without",
    "msg": "message",
    "approx": "approximately",
    "wanna": "want to",
    "gonna": "going to",
}
_CHAT_TOKEN = re.compile(r"(?<![\w/@&'’.-])(w/o|[a-z][a-z0-9]*)(?![\w/@&'’-]|\.\w)")
# "sr software eng": the abbreviations of a job title, said in full inside a sentence.
_ROLE = {"sr": "senior", "jr": "junior", "mgr": "manager", "assoc": "associate"}
_ROLE_TOKEN = re.compile(r"(?<![\w.])(sr|jr|mgr|assoc)\b\.?")
_ENGINEER = re.compile(r"(?<=\w )eng\.?$")  # "eng manager" could be engineering: only at the end
# Initialisms a field or title is written with ("ux research" is "UX research"); "it" is left,
# since "head of it" may be a typo for anything.
_INITIALISM_TEXT = "ux ui ai ml hr qa seo pm cs vc esg gis sre devops"
_INITIALISMS = frozenset(_INITIALISM_TEXT.split())
_INITIALISM = re.compile(r"(?<![\w'’-])([a-z]+)(?![\w'’-])")


def written(text: str) -> str:
    """Student text in the register of a letter: "how u moved w/ ur team" -> "how you moved
    with your team", "CS senior @ UC Davis" -> "CS senior at UC Davis". Only lower-case tokens are
    read as shorthand, so names and acronyms ("U.S.", "UR") stay."""
    plain = _CHAT_TOKEN.sub(lambda m: _CHAT.get(m.group(1), m.group(1)), text)
    plain = expand_shorthand(plain)
    return " ".join(plain.split())


def _initialisms(text: str) -> str:
    def upper(m: re.Match[str]) -> str:
        word = m.group(1)
        if word == "devops":
            return "DevOps"
        return word.upper() if word in _INITIALISMS else word

    return _INITIALISM.sub(upper, text)


def written_role(role: str) -> str:
    """A job title as a sentence says it: "sr software eng" -> "senior software engineer",
    "ux research mgr" -> "UX research manager"."""
    role = _ROLE_TOKEN.sub(lambda m: _ROLE[m.group(1)], written(role))
    return _initialisms(_ENGINEER.sub("engineer", role))


def written_field(field: str) -> str:
    """A field of work as a sentence says it: "ux research" -> "UX research"."""
    return _initialisms(written(field))
