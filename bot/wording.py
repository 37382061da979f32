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


# --- said to them ----------------------------------------------------------------------------
# A note about someone is written about them ("She wrote a post on her team's work"); asked or
# thanked aloud it is said to them ("you wrote a post on your team's work"). The drafts' thank-you
# highlight and the prep sheet's research question both turn one into the other.

_OWN = {"she": "her", "he": "his", "they": "their"}
_OBJECT = {"she": "her", "he": "him", "they": "them"}
_SELF = {"she": ("herself",), "he": ("himself",), "they": ("themselves", "themself")}
# "taught her more than any course": "her" as the object is "you", not "your". It is an object
# when what follows cannot be the thing she owns: an adverb, article, preposition, or the end.
_OBJECT_HER = re.compile(
    r"\bher\b(?=\s*(?:$|[,.;:!?]|\s(?:more|most|less|a|an|the|that|this|to|how|what|why|about"
    r"|so|too|much|everything|nothing|something|anything|again|back|up|out|off|in|on|at|for"
    r"|with|from|into|over|when|if|and|or|but)\b))",
    re.IGNORECASE,
)


def _cased(word: str, said: str) -> str:
    return said[0].upper() + said[1:] if word[:1].isupper() else said


def pronouns_to_you(
    text: str, people: tuple[str, ...] = ("she", "he"), *, objects: bool = True
) -> str:
    """ "her team hired her" -> "your team hired you": the pronouns of ``people`` ("she", "he",
    "they") said to that person.

    ``objects=False`` leaves the object pronouns alone, for a clause whose subject is the person:
    in "She mentored her" the second "her" is someone else (she herself would be "herself").
    """
    said: dict[str, str] = {}
    for who in people:
        if objects:
            said[_OBJECT[who]] = "you"
        said[_OWN[who]] = "your"  # "her" is both: the object reads as one below
        said |= dict.fromkeys(_SELF[who], "yourself")
    if not said:
        return text
    words = re.compile(rf"\b(?:{'|'.join(sorted(said, key=len, reverse=True))})\b", re.IGNORECASE)

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        lower = word.lower()
        if lower == "her" and _OBJECT_HER.match(text, m.start()):  # the object, not "her team"
            return _cased(word, "you") if objects else word
        return _cased(word, said[lower])

    return words.sub(one, text)


_YOU_FORM = {
    "is": "are", "was": "were", "has": "have", "does": "do", "goes": "go",
    "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't",
}  # fmt: skip
# One-syllable stems that end in "s": "focuses" is "focus", where "uses" is "use".
_ES_STEMS = frozenset({"focuses", "biases", "canvases", "gasses"})
_PAST_TEXT = (
    "wrote spoke gave led ran won made built took began became said left grew taught went got "
    "had did sold found met drew held kept lost paid put read sent set shut spent stood thought "
    "told understood brought bought caught chose fought flew forgot rode rose saw sang sat "
    "shot slept split swam threw woke wore"
)
_PARTICIPLE_TEXT = (
    "been done gone written spoken given taken begun become grown known shown seen run won "
    "drawn driven eaten fallen flown forgotten hidden ridden risen sung swum thrown worn"
)
_MODAL_TEXT = "can can't cannot could will won't would should may might must"
_ADVERB_TEXT = (
    "just recently also always often now still usually sometimes never currently already even "
    "only really mostly once"
)
# "She's based in Austin" is "is": an -ed word that says what someone is, not what they have done.
_STATE_TEXT = (
    "based interested involved focused excited located known retired married certified licensed "
    "trained employed featured quoted listed ranked considered called named committed dedicated "
    "devoted obsessed passionate qualified registered skilled talented experienced"
)
_STATES = frozenset(_STATE_TEXT.split())
_PAST = frozenset(_PAST_TEXT.split())
_PARTICIPLES = _PAST | frozenset(_PARTICIPLE_TEXT.split())
_MODALS = frozenset(_MODAL_TEXT.split())
_ADVERBS = frozenset(_ADVERB_TEXT.split())  # "She also runs …": the verb comes after
_CONTRACTION = re.compile(r"^(?:she|he|they)['’](?P<tail>s|re|ve|d|ll)\s+(?P<rest>.+)$", re.I)
_SUBJECT = re.compile(r"^(?P<who>she|he|they)\s+(?P<rest>.+)$", re.IGNORECASE)


def _present_you(verb: str) -> str | None:
    """ "runs" -> "run", "studies" -> "study", "teaches" -> "teach"; None if not "-s" present."""
    lower = verb.lower()
    if lower in _YOU_FORM:
        return _YOU_FORM[lower]
    if not lower.endswith("s") or lower.endswith(("ss", "us", "is")) or len(lower) < 3:
        return None
    if lower.endswith("ies") and len(lower) > 4:
        return verb[:-3] + "y"  # "studies" -> "study", but "lies" -> "lie"
    if lower.endswith(("ches", "shes", "sses", "xes", "zzes")) or lower in _ES_STEMS:
        return verb[:-2]  # "teaches" -> "teach", "focuses" -> "focus"
    return verb[:-1]  # "uses" -> "use", "tweets" -> "tweet"


# After "they", a plain verb looks like any other word ("They run a podcast"); one followed by
# an article or a preposition is taken as the verb.
_OPENS_PHRASE_TEXT = (
    "a an the their his her our my this that these those every each two three many some "
    "at in on for with about to from"
)
_OPENS_PHRASE = frozenset(_OPENS_PHRASE_TEXT.split())


def _verb_for_you(verb: str, who: str, following: str = "") -> str | None:
    lower = verb.lower()
    if lower in _MODALS or lower in _PAST or re.fullmatch(r"[\w-]+ed", lower):
        return verb
    if who == "they":
        if lower in ("are", "were", "have", "do", "don't", "aren't"):
            return verb
        return verb if following.lower() in _OPENS_PHRASE and verb.isalpha() else None
    return _present_you(verb)


def clause_to_you(note: str) -> str | None:
    """ "She's the head of UX" -> "you're the head of UX", "He uses R" -> "you use R"; None when
    the note doesn't open with "she", "he" or "they" and a verb.

    The verb agrees with "you"; later pronouns of the same person are said to them
    ("She taught herself to code" -> "you taught yourself to code") and object pronouns left, as
    "her" in "She mentored her" is someone else.
    """
    who = note.split()[0].split("'")[0].split("’")[0].lower() if note.split() else ""
    if m := _CONTRACTION.match(note):
        rest = m.group("rest")
        tail = m.group("tail").lower()
        if tail == "s":  # "She's written" is "has", "She's the head" is "is"
            first = rest.split()[0].lower()
            done = first in _PARTICIPLES or re.fullmatch(r"[\w-]+ed", first)
            tail = "ve" if done and first not in _STATES else "re"
        return f"you'{tail} " + pronouns_to_you(rest, (who,), objects=False)
    if not (m := _SUBJECT.match(note)):
        return None
    words = m.group("rest").split()
    at = 0
    while at < len(words) - 1 and words[at].lower() in _ADVERBS:
        at += 1
    verb = _verb_for_you(words[at], who, words[at + 1] if at + 1 < len(words) else "")
    if verb is None:
        return None
    tail = pronouns_to_you(" ".join(words[at + 1 :]), (who,), objects=False)
    return " ".join(filter(None, ["you", *words[:at], verb, tail]))
