"""Text primitives for spoken pitches: words, sentences, speaking time and where a phrase occurs.

Counting the way a listener hears (contractions and "Eco-Reps" once, bracketed notes not at all)
keeps "30 seconds" honest across the builder, the review and rehearsals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.features.pitch.domain.elements import DEFAULT_WPM
from bot.features.pitch.domain.language import Matcher
from bot.wording import article

WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_SPLIT = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|dr|mr|mrs|ms|prof|st|vs|etc|jr|sr|inc|no)|\b[A-Z])\.$", re.IGNORECASE
)


def normalize(text: str) -> str:
    """Straight quotes and single spaces, so patterns see one spelling of "I'm"."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


_NOTE = re.compile(r"\[[^\]]*\]")


def placeholders(text: str) -> list[str]:
    """The bracketed notes ("[add: …]", "[your example: …]") still to fill, in order, once each."""
    return list(dict.fromkeys(m.group(0) for m in _NOTE.finditer(text)))


def count_words(text: str) -> int:
    """Spoken words, roughly: "I'm", "Eco-Reps" and "2024" each count once.

    Bracketed notes such as "[your example: ...]" are instructions to the student, not speech.
    """
    return len(WORD.findall(_NOTE.sub(" ", text)))


def word_budget(seconds: float, wpm: int = DEFAULT_WPM) -> int:
    """How many words fit in ``seconds`` at a speaking rate of ``wpm``."""
    if seconds <= 0 or wpm <= 0:
        raise ValueError("seconds and words per minute must be positive")
    return int(seconds * wpm / 60 + 0.5)


def speaking_seconds(text: str, wpm: int = DEFAULT_WPM) -> float:
    """How long the text takes to say out loud at ``wpm``.

    The one measure of a pitch's length: the builder's label, the saved version and the review
    all call it, so a pitch never shows as "~60 s" on one screen and "~38 s" on the next.
    """
    if wpm <= 0:
        raise ValueError("words per minute must be positive")
    return count_words(normalize(text)) * 60 / wpm


def split_sentences(text: str) -> list[str]:
    """Sentences as a listener hears them; "e.g." and initials don't end one."""
    pieces = [p.strip() for p in _SPLIT.split(text.strip()) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


# "I'm Kevin Tran, I study computer science": two sentences joined by a comma. Only a head that
# is a sentence of its own ("I'm ...", "My name is ...") is split; "When I was 12, I built" and
# "Last summer, I interned" open with a clause or phrase the comma belongs to.
_SPLICE = re.compile(r",\s+(?=(?:I|I'm|I am|I've|I have|I'd|[Mm]y)\s)")
_OWN_SENTENCE = re.compile(r"^(?:I'm|I am|I've|I have|I|My name is|My \w+ is)\s+\S")
_BARE_VERB = re.compile(r"I \w+")  # "I think, I ..." is a hedge, not a sentence
_SUBORDINATE = re.compile(
    r"\b(?:when|while|because|since|if|although|though|after|before|as|once|until|unless"
    r"|whether|that|who|which)\b",
    re.IGNORECASE,
)


def unsplice(sentence: str) -> list[str]:
    """ "I'm Kevin Tran, I study computer science." -> ["I'm Kevin Tran.", "I study computer
    science."]: a comma splice made two sentences with a full stop, no word added or lost."""
    for m in _SPLICE.finditer(sentence):
        head, tail = sentence[: m.start()], sentence[m.end() :]
        own = _OWN_SENTENCE.match(head) and not _BARE_VERB.fullmatch(head)
        if own and not _SUBORDINATE.search(head) and len(tail.split()) > 2:
            return [f"{head}.", *unsplice(tail[:1].upper() + tail[1:])]
    return [sentence]


def find_hits(matchers: Iterable[Matcher], text: str) -> list[tuple[Matcher, re.Match[str]]]:
    """Non-overlapping hits in text order; a longer hit wins over one inside it."""
    hits = [(m, h) for m in matchers for h in m.regex.finditer(text) if h.group(0).strip()]
    hits.sort(key=lambda mh: (mh[1].start(), -(mh[1].end() - mh[1].start())))
    kept: list[tuple[Matcher, re.Match[str]]] = []
    for m, h in hits:
        if not kept or h.start() >= kept[-1][1].end():
            kept.append((m, h))
    return kept


_OPENERS = "\"'([{“‘¿¡"


def _starts_token(sentence: str, at: int) -> bool:
    """True where a word begins a whitespace-separated token (opening quotes and brackets aside).

    Pasted markup such as "<b>Maya</b> & I" has words inside its tags; a snippet starting at one
    would read "…b> & I".
    """
    prefix = re.split(r"\s", sentence[:at])[-1]
    return all(c in _OPENERS for c in prefix)


def snippet(sentence: str, start: int, end: int, before: int = 2, after: int = 3) -> str:
    """A few words around a hit, so the checklist shows the student's own words briefly."""
    spans = [w.span() for w in WORD.finditer(sentence)]
    inside = [i for i, (s, e) in enumerate(spans) if e > start and s < end]
    if not inside:
        return sentence[start:end].strip()
    first, last = max(0, inside[0] - before), min(len(spans) - 1, inside[-1] + after)
    while first < inside[0] and not _starts_token(sentence, spans[first][0]):
        first += 1
    text = sentence[spans[first][0] : spans[last][1]]
    return ("…" if first > 0 else "") + text + ("…" if last < len(spans) - 1 else "")


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
