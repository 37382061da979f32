"""The student's own words as questions: their objective, and one thing their research found.

The handout: "most questions you ask will come from your own research and curiosity". A student
who types "learn how to move from psych research into UX" should find that exact wish on the
list, asked the way they would ask it ("What would you suggest I do to move from psych research
into UX?"), not only questions picked by keyword. Objectives come in a few shapes (see
``objective_clause``); each shape has a frame in the bank (``from_objective``), and a shape we
can't phrase well gives no question rather than a clumsy one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.features.outreach.domain.asking import DEFAULT, objective_clause
from bot.wording import clause_to_you, pronouns_to_you

MAX_FOUND_CHARS = 160

_WH = r"how|what|why|where|when|which|who|whether|if"
_KNOW = r"learn|hear|understand|know|see|discover|find out|figure out|ask|ask you|explore"
_WH_CLAUSE = re.compile(rf"^(?:{_KNOW})\s+(?P<wh>{_WH})\s+(?P<rest>.+)$", re.IGNORECASE)
_ABOUT = re.compile(
    r"^(?:(?:learn|hear|ask(?: you)?|talk|chat|know|find out)(?: a bit| a little)?(?: more)?"
    r"\s+about|discuss|explore|pick your brain (?:about|on))\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_UNDERSTAND = re.compile(r"^understand\s+(?P<rest>.+)$", re.IGNORECASE)
_ADVICE = re.compile(
    r"^(?:get|hear|ask for|ask|seek)\s+(?:your\s+|some\s+|any\s+|a\s+little\s+)?"
    r"(?P<noun>advice|guidance|tips|pointers|feedback|recommendations)\s+"
    r"(?P<rest>(?:on|about|for|regarding|with)\s+.+)$",
    re.IGNORECASE,
)
_THOUGHTS = re.compile(
    r"^(?:get|hear|ask for)\s+(?:your\s+)?(?:thoughts|insights?|perspective|take|input|views?)"
    r"\s+(?P<rest>(?:on|about)\s+.+)$",
    re.IGNORECASE,
)
_ACTION_TEXT = (
    "break move transition switch pivot prepare build improve start plan "
    "strengthen develop grow become navigate balance pursue gain"
)
# Weighing options is something they can help with: "Could you help me choose between ...?"
_HELP = re.compile(r"^(?:decide|choose|compare|weigh|figure out|think through)\b", re.IGNORECASE)
_ACTION_VERBS = frozenset(_ACTION_TEXT.split())
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you've|you'd)\b", re.IGNORECASE)


def _question(frame: str, **values: str) -> str:
    text = frame.format(**values)
    return text[0].upper() + text[1:]


def objective_question(frames: Mapping[str, str], objective: str) -> str | None:
    """The objective asked in the student's own words, or None when its shape reads badly."""
    clause = objective_clause(objective).strip().rstrip(".!").strip()
    if not clause or clause == DEFAULT:
        return None
    if clause.startswith("ask you: "):  # they typed a question: it is already theirs
        asked = clause.removeprefix("ask you: ").strip()
        return asked if asked.endswith("?") else None
    clause = clause.rstrip("?").strip()
    if clause.startswith("get your advice on how to "):  # a goal: "break into UX"
        goal = clause.removeprefix("get your advice on how to ")
        return None if _SECOND_PERSON.search(goal) else _question(frames["how_to"], rest=goal)
    if m := _WH_CLAUSE.match(clause):
        wh, rest = m.group("wh").lower(), m.group("rest").strip()
        if wh == "how" and rest.lower().startswith("to "):
            return _question(frames["how_to"], rest=rest[3:].strip())
        return _question(frames["wh"], rest=f"{wh} {rest}")
    if m := _ADVICE.match(clause):
        return _question(frames["advice"], noun=m.group("noun").lower(), rest=m.group("rest"))
    if m := _THOUGHTS.match(clause):
        return _question(frames["thoughts"], rest=m.group("rest"))
    if m := _ABOUT.match(clause):
        return _question(frames["about"], rest=m.group("rest"))
    if m := _UNDERSTAND.match(clause):
        return _question(frames["understand"], rest=m.group("rest"))
    if _HELP.match(clause) and not _SECOND_PERSON.search(clause):
        return _question(frames["help"], rest=clause)
    first = clause.split()[0].lower()
    if first in _ACTION_VERBS and not _SECOND_PERSON.search(clause):
        return _question(frames["action"], rest=clause)
    return None


_NOTHING = re.compile(
    r"^(?:skip|later|n/?a|nope|no|none|nothing|not yet|not really|nothing yet|nothing really"
    r"|no time|not now|i didn'?t find anything|didn'?t find anything|haven'?t looked(?: yet)?"
    r"|i haven'?t looked(?: yet)?)[\s.!]*$",
    re.IGNORECASE,
)


def found_nothing(text: str) -> bool:
    """Whether the student typed that they have nothing yet ("skip", "nothing", "not yet"),
    which is a skip, not a find to ask about."""
    return bool(_NOTHING.match(" ".join(text.split()).strip("\"“”'‘’ ")))


def clean_found(text: str) -> str:
    """What the student found, as one line to quote: no wrapping quotes or final full stop.

    Raises ``ValueError`` (a sentence for the student) when it is empty or longer than a line.
    """
    found = " ".join(text.split()).strip("\"“”'‘’ ").rstrip(".!").strip()
    if len(found) < 3:
        raise ValueError("Type one thing you found, in a few words.")
    if len(found) > MAX_FOUND_CHARS:
        raise ValueError(f"Keep it to one line (under {MAX_FOUND_CHARS} characters).")
    return found


# A note about the person is written about them ("She wrote a post on diary studies"); asked
# aloud it is said to them ("I saw that you wrote…"): ``bot.wording.clause_to_you``.
_POSSESSIVE = re.compile(r"^(?:her|his|their)\s+(?P<rest>.+)$", re.IGNORECASE)
_PAST = re.compile(
    r"^(?:\w+ed|wrote|spoke|gave|led|ran|won|made|built|took|began|became|said|left|grew|"
    r"taught|went|got|had|was|were|did|just|recently|also|has|is|are|runs|leads|writes|"
    r"teaches|hosts|works|manages|posts|speaks)\b",
    re.IGNORECASE,
)
# "Duolingo launched a chess course": news about their organisation or field, said as it is.
_NEWS = re.compile(
    r"^[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*\s+(?:\w+ed|is|are|has|have|won|made|built|grew|began|opened|acquired|raised|announced)\b"
)

# "Kaiser's new virtual-care program", "the AMIA keynote": a thing, named the way one says it.
_THING = re.compile(r"^(?:[A-Z][\w.&-]*['’]s|the|a|an)\s", re.IGNORECASE)
_WHOSE = {"her": ("she",), "his": ("he",), "their": ("they",)}


def research_question(frames: Mapping[str, str], found: str) -> str:
    """A question built on what the student found; one they typed as a question stays theirs.

    Said to the person, a find about them is about "you" ("I saw that you wrote…"), news is asked
    about ("How does that touch your own work?"), and anything else is quoted as it was typed.
    """
    if found.endswith("?"):
        return found[0].upper() + found[1:]
    if said := clause_to_you(found):
        return _question(frames["research_you"], rest=said)
    if m := _POSSESSIVE.match(found):
        whose = _WHOSE[found.split()[0].lower()]
        told = pronouns_to_you(found, whose)
        if any(_PAST.match(word) for word in found.split()[2:4]):  # "Her team won an award"
            return _question(frames["research_news"], found=told[0].lower() + told[1:])
        return _question(frames["research_yours"], rest=pronouns_to_you(m.group("rest"), whose))
    if _NEWS.match(found):
        return _question(frames["research_news"], found=found)
    if _THING.match(found):
        first_word = found.split()[0]
        named = first_word[:1].isupper() and ("'" in first_word or "’" in first_word)
        thing = pronouns_to_you(
            found if named else found[0].lower() + found[1:], ("she", "he", "they")
        )
        return _question(frames["research_thing"], found=thing)
    return _question(frames["research"], found=found)
