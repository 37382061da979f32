"""Chat shorthand and clipped words said in full, in any text another person reads or hears.

A student types "w 12 people, esp design", "intro CS", "econ", "SWE role"; said aloud in a pitch or
written in a draft to a stranger, that reads as careless. Built for the pitch builder first, and
shared by the drafts (outreach/domain/display.py), so it lives outside both features.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.wording import article

# Chat shorthand said aloud would puzzle a listener ("w 12 people", "esp", "payroll dept").
_SHORTHAND = {
    "w": "with",
    "w/": "with",
    "esp": "especially",
    "dept": "department",
    "depts": "departments",
    "@": "at",
    "&": "and",
    "b/c": "because",
    "bc": "because",
    "thru": "through",
    "govt": "government",
    "mgmt": "management",
    "qtr": "quarter",
    "qtrs": "quarters",
    "yr": "year",
    "yrs": "years",
    "ppl": "people",
    "abt": "about",
    "vs": "versus",
}
_SHORTHAND_TOKEN = re.compile(r"(?<![\w/@&])(w/|b/c|@|&|[a-z]+)(?![\w/@&])")


def expand_shorthand(text: str) -> str:
    """ "ran a sprint w 12 people, esp design" -> "ran a sprint with 12 people, especially design".

    Only lower-case tokens are read as shorthand, so a name such as "W. P. Carey" stays; clipped
    words and jargon are said in full too (``say_in_full``).
    """
    text = re.sub(r"(?<![\w.])vs\.(?=\s)", "vs", text)  # "apps vs. what" is said "versus"
    text = _SHORTHAND_TOKEN.sub(lambda m: _SHORTHAND.get(m.group(1), m.group(1)), text)
    return say_in_full(text)


# Clipped words a classmate understands but a professional hears as chat ("an econ major",
# "TA for intro CS"): said in full in a spoken pitch. Matched as whole words in any case; a
# capitalised clipping ("Intro to Psych", a course) keeps its capitals in full, but one that is
# part of a name ("the Bio Club", "CHEM 101") is left as typed (``_named``).
_CLIPPED = {
    "intro cs": "introductory computer science",
    "intro to": "introduction to",
    "intro": "introductory",
    "comp sci": "computer science",
    "compsci": "computer science",
    "poli sci": "political science",
    "poli-sci": "political science",
    "polisci": "political science",
    "info sci": "information science",
    "info": "information",
    "econ": "economics",
    "psych": "psychology",
    "bio": "biology",
    "chem": "chemistry",
    "orgo": "organic chemistry",
    "o-chem": "organic chemistry",
    "chem eng": "chemical engineering",
    "mech eng": "mechanical engineering",
    "stats": "statistics",
    "calc": "calculus",
    "neuro": "neuroscience",
    "anthro": "anthropology",
    "comp lit": "comparative literature",
    "biz": "business",
    "mktg": "marketing",
    "acct": "accounting",
    "uni": "university",
    "prof": "professor",
    "profs": "professors",
}
# Industry jargon in its one spelling ("SWE"): the person, or the kind of work when a noun
# follows ("a SWE role" is "a software engineering role").
_JARGON = {
    "SWE": ("software engineer", "software engineering"),
    "SWEs": ("software engineers", "software engineering"),
    "SDE": ("software development engineer", "software development"),
}
# Two words said as one modifier before the noun they describe: "a new-grad role".
_COMPOUNDS = {
    "new grad": "new-grad",
    "entry level": "entry-level",
    "full time": "full-time",
    "part time": "part-time",
}
_ROLE_NOUNS = (
    "role roles position positions job jobs opening openings internship internships intern "
    "interns offer program programs opportunity opportunities hire team work career track "
    "software engineering engineer analyst designer developer researcher"
)


# Said in full only where the clipping can be meant: "intro" before a subject or a course ("an
# intro econ class"), not as the noun ("asked for an intro"); "bio" not as a profile's.
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_COURSE_WORDS = _word_set("course courses class classes seminar lab labs sequence")
_NOT_AFTER = {"bio": _word_set("my your their his her our linkedin author short")}
_TITLES = frozenset({"prof", "profs"})
_SUBJECTS = frozenset(w for full in _CLIPPED.values() for w in full.split() if len(w) > 3)
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w/@&'’-])", r"(?![\w/@&'’-])"


def _alternation(keys: Iterable[str]) -> str:
    ordered = sorted(keys, key=len, reverse=True)  # "intro cs" before "intro"
    return "|".join(r"\s+".join(re.escape(w) for w in key.split()) for key in ordered)


_ROLE_AHEAD = rf"(?=\s+(?:{'|'.join(_ROLE_NOUNS.split())})\b)"
_CLIPPED_WORD = re.compile(
    rf"\b(?:(an?)\s+)?{_EDGE_BEFORE}({_alternation(_CLIPPED)}){_EDGE_AFTER}",
    re.IGNORECASE,
)
_JARGON_WORD = re.compile(
    rf"\b(?:(an?)\s+)?{_EDGE_BEFORE}({_alternation(_JARGON)}){_EDGE_AFTER}({_ROLE_AHEAD})?"
)
_COMPOUND = re.compile(rf"{_EDGE_BEFORE}({_alternation(_COMPOUNDS)}){_ROLE_AHEAD}", re.IGNORECASE)


def _intro_of(word: str) -> bool:
    """Whether "intro" before ``word`` means "introductory" (a subject, a course, "ML")."""
    low = word.lower()
    return low in _COURSE_WORDS or low in _CLIPPED or low in _SUBJECTS or word.isupper()


def _named(typed: str, following: str) -> bool:
    """Whether a clipping typed with capitals is part of a name rather than chat: a course code
    in capitals ("CHEM 101"), or one capitalised word before another ("the Bio Club", "Info
    Session Day"). A whole phrase of clippings ("Intro Psych", "Intro to Psych") and a clipping
    before a lower-case word ("Econ major") are still said in full; lower case always is."""
    if typed == typed.lower():
        return False
    if len(typed) > 1 and typed.isupper():
        return True
    nxt = following.strip(",.;:!?()\"'")
    return (
        len(typed.split()) == 1
        and nxt[:1].isupper()
        and nxt.lower() not in _CLIPPED
        and nxt != "to"
    )


def _with_article(typed: str | None, said: str) -> str:
    """The article the student typed, chosen again for the word now said after it."""
    if not typed:
        return said
    chosen = article(said)  # "an SWE role" is "a software engineering role"
    return f"{chosen.capitalize() if typed[:1].isupper() else chosen} {said}"


def _cased_like(typed: str, full: str) -> str:
    """ "Intro to Psych" -> "Introduction to Psychology"; "Econ major" -> "Economics major"."""
    words = typed.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() != "to"):
        return " ".join(w if w == "to" else w[:1].upper() + w[1:] for w in full.split())
    return full[:1].upper() + full[1:] if typed[:1].isupper() else full


def say_in_full(text: str) -> str:
    """ "a new grad SWE role" -> "a new-grad software engineering role"; "TA for intro CS" ->
    "TA for introductory computer science"; "econ" -> "economics". "CS" is said as letters, so
    it stays; "Prof. Kim" is a title, not a clipping."""

    def clipped(m: re.Match[str]) -> str:
        key = " ".join(m.group(2).lower().split())
        before = m.string[: m.start(2)].split()
        after = m.string[m.end() :].split(maxsplit=1)
        if _named(m.group(2), after[0] if after else ""):
            return m.group(0)  # "the Bio Club", "CHEM 101": a name, said as typed
        if key in _TITLES and m.string[m.end() : m.end() + 1] == ".":
            return m.group(0)  # "Prof. Kim"
        if key in _NOT_AFTER and before and before[-1].lower() in _NOT_AFTER[key]:
            return m.group(0)  # "my LinkedIn bio"
        if key == "intro" and not (after and _intro_of(after[0].strip(",.;:!?"))):
            return m.group(0)  # "asked for an intro" is the noun
        return _with_article(m.group(1), _cased_like(m.group(2), _CLIPPED[key]))

    def jargon(m: re.Match[str]) -> str:
        person, work = _JARGON[m.group(2)]
        return _with_article(m.group(1), work if m.group(3) is not None else person)

    text = _JARGON_WORD.sub(jargon, _CLIPPED_WORD.sub(clipped, text))
    return _COMPOUND.sub(lambda m: _COMPOUNDS[" ".join(m.group(1).lower().split())], text)
