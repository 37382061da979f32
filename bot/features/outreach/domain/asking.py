"""How the student's objective reads inside the ask: "May I have 20 minutes of your time to ...".

Students type objectives in everyday words: "i want advice on breaking into UX", "what does a
typical day look like for a PM?", "pick your brain about fintech". Gluing "learn about" onto each
gave "to learn about i want advice on breaking into UX?". Each shape is turned into a verb phrase
instead: a verb phrase stays as typed, a wish loses its "I want", a question becomes an indirect
one ("hear what a typical day looks like for a PM"), and only a bare topic gets "learn about".
"""

from __future__ import annotations

import re

DEFAULT = "hear your advice"

_LEAD = re.compile(
    r"^(?:i(?:\s+would|'d|’d)\s+(?:really\s+)?(?:like|love)\s+to|i\s+(?:really\s+)?want\s+to"
    r"|i\s+(?:hope|plan|need|wish)\s+to|i'm\s+hoping\s+to|i\s+am\s+hoping\s+to"
    r"|my\s+(?:goal|aim|objective|hope)\s+is\s+to|the\s+goal\s+is\s+to|to)\s+",
    re.IGNORECASE,
)
# "i want advice on X", "I'd like some tips about X": a wish for something they can give.
_WISH = re.compile(
    r"^(?:i(?:\s+would|'d|’d)\s+(?:like|love)|i\s+(?:want|need)|i'm\s+looking\s+for"
    r"|i\s+am\s+looking\s+for|i'm\s+hoping\s+for|looking\s+for|hoping\s+for)\s+"
    r"(?:(?:some|a\s+little|a\s+bit\s+of|your|any)\s+)?"
    r"(advice|guidance|tips|insights?|perspective|input|feedback|thoughts|help|pointers)\b",
    re.IGNORECASE,
)
_VERB_TEXT = (
    "learn hear understand get ask discuss explore find gain talk know see better chat "
    "compare seek build pick go walk review share gather research figure decide plan "
    "prepare improve meet connect check clarify confirm brainstorm identify map test "
    "sound bounce run reflect look dig work weigh choose navigate practice practise "
    "develop strengthen start begin make take read study follow keep help"
)
_VERBS = frozenset(_VERB_TEXT.split())
#: Verbs of a career goal ("break into UX", "become a data scientist"): typed as the objective,
#: they are what the student wants advice on, since no conversation can do them.
_GOAL_TEXT = "break become switch move transition pivot land enter pursue"
_GOALS = frozenset(_GOAL_TEXT.split())
_GOAL_PHRASE = re.compile(r"^(?:get into|prepare for|get started in)\b", re.IGNORECASE)
_WH_TEXT = "what how why where when which who whether if"
_WH = frozenset(_WH_TEXT.split())
_AUX = {"does": "s", "do": "", "did": "ed", "is": None, "are": None, "can": None, "should": None}
_IRREGULAR_PAST = {
    "get": "got",
    "make": "made",
    "take": "took",
    "become": "became",
    "find": "found",
    "go": "went",
    "choose": "chose",
    "know": "knew",
    "begin": "began",
    "come": "came",
    "break": "broke",
    "build": "built",
    "leave": "left",
    "land": "landed",
    "decide": "decided",
    "feel": "felt",
    "think": "thought",
    "say": "said",
    "spend": "spent",
    "grow": "grew",
    "keep": "kept",
    "see": "saw",
    "learn": "learned",
}
#: Verbs that follow the subject in the questions students ask ("what does a day look like").
_Q_VERB_TEXT = (
    "look mean work help matter involve take change feel get make need want like keep start "
    "go do know wish think handle choose decide become find use spend prepare hire fill see "
    "expect recommend balance manage stay learn deal love enjoy miss say suggest advise "
    "break land move grow pick measure test run plan hope end"
)
_Q_VERBS = frozenset(_Q_VERB_TEXT.split())
_FILLER = re.compile(r"^(?:(?:so|and|well|basically|honestly|ok|okay|um|hi)[,\s]+)+", re.I)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> str:
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    return verb + ("d" if verb.endswith("e") else "ed")


def indirect_question(question: str) -> str:
    """ "What does a typical day look like?" -> "what a typical day looks like".

    Handles a wh-word with do/does/did (the verb takes the tense) and with is/are/can/should
    (moved after the subject's first noun phrase is not attempted: those keep "ask you ...").
    """
    text = question.strip().rstrip("?").strip()
    words = text.split()
    if len(words) < 3:
        return text[0].lower() + text[1:]
    # "what does ...", "what skills do ...": the wh-phrase runs to the auxiliary, if there is one
    at = next((k for k in range(1, min(4, len(words))) if words[k].lower() in _AUX), None)
    if at is None:  # "how you got started", "which skills matter most": already indirect
        return words[0].lower() + " " + " ".join(words[1:])
    wh = " ".join([words[0].lower(), *words[1:at]])
    aux = words[at].lower()
    suffix = _AUX[aux]
    rest = words[at + 1 :]
    if not rest:
        return ""
    if suffix is None:  # "what are the hardest parts" -> "what the hardest parts are"
        if aux in ("is", "are") and not any(w.lower() in _Q_VERBS for w in rest):
            return " ".join([wh, *rest, aux])
        return ""
    if rest[0].lower() == "i" and suffix == "" and len(rest) > 1:
        return " ".join([wh, "to", *rest[1:]])  # "how do I break in" -> "how to break in"
    # the subject runs to the first verb after it: "a typical day | look like"
    for i in range(1, min(len(rest), 7)):
        verb = rest[i].lower()
        if verb in _Q_VERBS:
            subject = " ".join(rest[:i])
            if suffix == "ed":
                form = _past(verb)
            elif suffix == "s":
                form = _third_person(verb)
            else:
                form = verb
            return " ".join([wh, subject, form, *rest[i + 1 :]])
    return ""


def objective_clause(objective: str) -> str:
    """The objective as a verb phrase that reads after "20 minutes of your time to"."""
    text = _FILLER.sub("", " ".join(objective.split())).strip().rstrip(".!").strip()
    if not text:
        return DEFAULT
    if wish := _WISH.match(text):
        noun = wish.group(1).lower()
        rest = text[wish.end() :].strip()
        return f"get your {noun} {rest}".strip() if noun != "help" else f"ask for your help {rest}"
    text = _LEAD.sub("", text).strip().rstrip("?").strip() if not text.endswith("?") else text
    if not text:
        return DEFAULT
    first = text.split()[0]
    low = first.lower().strip(",")
    if text.endswith("?") or (low in _WH and low not in ("if", "whether")):
        if low in _WH:
            indirect = indirect_question(text)
            if indirect:
                return f"hear {indirect}"
        return f"ask you: {text[0].upper()}{text[1:]}" if text.endswith("?") else f"hear {text}"
    if low in ("if", "whether"):
        return f"find out {text[0].lower()}{text[1:]}"
    if low in _GOALS or _GOAL_PHRASE.match(text):
        # "break into UX" is the student's goal, not what 20 minutes can do: ask how
        return f"get your advice on how to {low}{text[len(first) :]}"
    if low in _VERBS:
        return low + text[len(first) :]
    if first.isupper() and len(first) > 1:  # an acronym stays as written
        return f"learn about {text}"
    if first[:1].isupper() and first[1:].islower() and len(text.split()) > 1:
        text = first.lower() + text[len(first) :]  # "Career paths in ..." -> "career paths ..."
    return f"learn about {text}"
