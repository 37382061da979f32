"""Turning what a student typed into words a frame can say as a sentence.

Answers arrive as chat: "junior, cognitive science w minor in CS", "interned at intuit, built
internal tool for payroll dept". Spliced into a frame as typed they read as fragments or
shorthand. Each rule here makes one small, safe repair in the student's own words (an article,
"and" for a comma between two things they did, a capital for the company they interned at); an
answer no rule can make into a phrase a frame can carry is said inside a fixed frame instead
(``studying ...``), never glued on as a fragment; who the student is reads as the drafts
say it (``self_introduction``).
"""

from __future__ import annotations

import re

from bot.features.outreach.domain.introductions import self_introduction
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.language import PitchLanguage
from bot.features.pitch.domain.parts import PartKind, part_kind, tidy
from bot.features.pitch.domain.text import split_sentences, unsplice
from bot.features.profile.domain.spelling import is_everyday_word
from bot.wording import article


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DETERMINERS = _words("a an the my our one this")
_STUDYING = re.compile(r"^(?:studying|doing|pursuing|completing|working towards?)\b", re.I)

# Leadership roles that are one of many ("a TA", "a peer mentor"), unlike a unique office
# ("treasurer of the Accounting Society"), which is said without an article.
_SHARED_ROLES = re.compile(
    r"^(?:(?-i:TA|RA)|teaching assistant|resident assistant|peer mentor|mentor|tutor|volunteer"
    r"|member|officer|organizer|coordinator|team lead|captain)\b",
    re.IGNORECASE,
)
_DURATION_TAIL = re.compile(
    r",\s*((?:\d+|one|two|three|four|five|six)\s+(?:years?|semesters?|quarters?|terms?|months?"
    r"|summers?|weeks?))$",
    re.IGNORECASE,
)

# "interned at intuit": the word after "interned at" names an organization. Places typed in
# lower case with their own article ("at the food bank") or common nouns ("at home") are left.
_ORG_AFTER = re.compile(
    r"\b(?:(?:interned|interning|internship|externship|co-op)\s+(?:at|with|for)"
    r"|(?:worked|working|job|volunteered|volunteering|employed|shadowed)\s+at)\s+(?=[a-z])",
    re.IGNORECASE,
)
_NOT_ORGS = _words(
    "a an the my our their his her this that home night school college university hospital "
    "clinic camp church lab library restaurant cafe store startup company firm nonprofit agency "
    "least most all next last this every each one two three some any summer fall spring winter "
    "autumn year semester quarter term now later"
)
_STOP_ORG = re.compile(r"^(?:[a-z]+(?:ing|ed)|and|or|but|on|in|at|for|with|to|as|where|while)$")

# "built internal tool": a thing made, said without its article.
_MADE = (
    r"(?:built|created|designed|developed|wrote|made|launched|started|founded|ran|led|planned"
    r"|organized|organised|coded|prototyped|shipped|redesigned|rebuilt)"
)
_COUNTABLE = _words(
    "tool app website site dashboard model system database pipeline project program programme "
    "club event workshop survey study report memo prototype platform bot chatbot game campaign "
    "feature library service course newsletter podcast fundraiser conference hackathon script "
    "plugin extension map tracker simulator curriculum guide proposal grant"
)
_MADE_THING = re.compile(
    rf"\b({_MADE})\s+((?:[a-z][\w-]*\s+){{0,2}}?)([a-z][\w-]*)(?=\s+(?:for|to|that|which|with|"
    rf"in|at|on)\b|[,.;]|$)",
    re.IGNORECASE,
)
# "for payroll department": a unit of an organization, said with "the".
_UNIT = re.compile(
    r"\b(for|in|with|on|across)\s+((?:[a-z][\w-]*\s+){0,2}?)(department|office|team|division"
    r"|unit|committee)\b(?!s)",
)
_THEN_DID = re.compile(r",\s+(?=(?:[a-z]+ed|built|wrote|made|ran|led|taught|grew|won)\b)")
_CASUAL_ONES = re.compile(r"\b(\w+s)\b(.*?)\b(\w+) stuff\b")
_ESPECIALLY = re.compile(r"(?<![,;])\s+(especially|particularly|mainly|mostly)\s+")


def _articles(text: str) -> str:
    """ "built internal tool for payroll department" -> "built an internal tool for the payroll
    department": countable things made and units worked for take their article."""

    def made(m: re.Match[str]) -> str:
        mods, head = m.group(2), m.group(3)
        if head.lower() not in _COUNTABLE or (mods.split() or [""])[0].lower() in _DETERMINERS:
            return m.group(0)
        thing = f"{mods}{head}"
        return f"{m.group(1)} {article(thing)} {thing}"

    def unit(m: re.Match[str]) -> str:
        mods = m.group(2)
        if (mods.split() or [""])[0].lower() in _DETERMINERS:
            return m.group(0)
        return f"{m.group(1)} the {mods}{m.group(3)}"

    return _UNIT.sub(unit, _MADE_THING.sub(made, text))


def _capitalise_orgs(text: str) -> str:
    """ "interned at intuit" -> "interned at Intuit"; "worked at the food bank" stays."""
    out, at = [], 0
    for m in _ORG_AFTER.finditer(text):
        out.append(text[at : m.end()])
        rest = text[m.end() :]
        tokens = re.match(r"([a-z][\w&'-]*)((?:\s+[a-z][\w&'-]*){0,2})", rest)
        at = m.end()
        if not tokens or tokens.group(1).lower() in _NOT_ORGS:
            continue
        words = [tokens.group(1), *tokens.group(2).split()]
        named = [words[0][:1].upper() + words[0][1:]]
        for word in words[1:]:
            if _STOP_ORG.match(word) or is_everyday_word(word):
                break
            named.append(word[:1].upper() + word[1:])
        out.append(" ".join(named))
        at = m.end() + len(" ".join(words[: len(named)]))
    out.append(text[at:])
    return "".join(out)


def _and_between_actions(text: str) -> str:
    """ "interned at Intuit, built a tool" -> "interned at Intuit and built a tool": two things
    done, joined as one sentence says them (the last comma of a longer list becomes "and")."""
    commas = list(_THEN_DID.finditer(text))
    if not commas or re.search(r"\band\b", text[commas[-1].end() :]):
        return text  # "cleaned data, built models, and presented" has its "and" already
    last = commas[-1]
    return text[: last.start()] + " and " + text[last.end() :]


_HEADCOUNT = re.compile(
    r",\s*((?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\s+(?:members|people"
    r"|students|volunteers|kids|children|participants|attendees))$",
    re.IGNORECASE,
)


def _register(text: str) -> str:
    """ "backend systems especially distributed stuff" -> "backend systems, especially
    distributed ones", "payments stuff" -> "payments": chat words a listener would hear as
    careless, said in the student's own terms."""
    text = _CASUAL_ONES.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)} ones", text)
    text = re.sub(r"\b(\w+) stuff\b", r"\1", text)
    text = _HEADCOUNT.sub(r" with \1", text)  # "the robotics club, 20 members"
    return _ESPECIALLY.sub(lambda m: f", {m.group(1)} ", text)


def _identity(text: str) -> tuple[str, PartKind]:
    """Who the student is, as the drafts introduce them (``self_introduction``): "a CS senior at
    UC Davis" (said after "Hi, I'm Kevin —") or, for a subject alone, "studying economics"
    ("Hi, I'm Ria, and I'm studying economics."). One rule for both, so a pitch and an email
    never introduce the same student two ways."""
    said = self_introduction(text)
    return said, PartKind.ING if _STUDYING.match(said) else PartKind.PHRASE


def _leadership(text: str) -> tuple[str, PartKind]:
    """ "TA for intro CS, 2 quarters" -> "have been a TA for intro CS for 2 quarters" (said as
    "I have been ..."; "I'm a TA ... for 2 quarters" mixes tenses)."""
    lasted = _DURATION_TAIL.search(text)
    text = _DURATION_TAIL.sub(r" for \1", text)
    if _SHARED_ROLES.match(text):
        text = f"{article(text)} {text}"
    return (f"have been {text}", PartKind.VERB) if lasted else (text, PartKind.PHRASE)


# An experience or leadership answer that opens with a past tense says what the student did;
# elsewhere "mixed methods research skills" is a noun phrase.
_DONE = frozenset({Element.EXPERIENCE, Element.LEADERSHIP})
_PAST_TENSE = re.compile(r"^[a-z]{2,}ed\s+\w", re.IGNORECASE)
_IRREGULAR_PAST = re.compile(
    r"^(?:got|ran|led|built|made|wrote|taught|won|began|took|became|found|met|spent|grew|gave"
    r"|sold|kept|held|brought|drove|set up)\s+\w",
    re.IGNORECASE,
)


def compose(
    element: Element, text: str, kind: PartKind, language: PitchLanguage
) -> tuple[str, PartKind]:
    """The answer repaired for its frame, and the kind of frame it now needs."""
    if kind == PartKind.PHRASE and (
        _IRREGULAR_PAST.match(text) or (element in _DONE and _PAST_TENSE.match(text))
    ):
        kind = PartKind.VERB  # "counted cyclists at 14 intersections" -> "I counted ..."
    if kind != PartKind.SENTENCE:
        text = _register(text)
    if kind in (PartKind.VERB, PartKind.ING, PartKind.SENTENCE):
        text = _and_between_actions(_articles(_capitalise_orgs(text)))
    if kind == PartKind.PHRASE and element == Element.IDENTITY:
        return _identity(text)
    if kind == PartKind.PHRASE and element == Element.LEADERSHIP:
        return _leadership(text)
    return text, kind


def _continued(pieces: list[str], language: PitchLanguage) -> list[str]:
    """ "AI. Especially safety." -> "AI, especially safety": a later piece that is no sentence
    of its own goes on the one before, as if the student had typed a comma."""
    merged: list[str] = []
    for piece in pieces:
        if merged and part_kind(piece, language) == PartKind.PHRASE:
            rest = tidy(piece, PartKind.PHRASE)
            merged[-1] = f"{merged[-1].rstrip('.!?… ')}, {rest}"
        else:
            merged.append(piece)
    return merged


def _as_sentence(element: Element, piece: str, language: PitchLanguage) -> str:
    """A later piece of an answer, said as a sentence with the student as its subject."""
    kind = part_kind(piece, language)
    text, kind = compose(element, tidy(piece, kind), kind, language)
    if kind == PartKind.VERB:
        return f"I {text}."
    if kind == PartKind.ING:
        return f"I'm {text}."
    return text if text[-1:] in ".!?…" else f"{text}."


def compose_answer(
    element: Element, answer: str, language: PitchLanguage
) -> tuple[str, PartKind, list[str]]:
    """An answer as its frame will say it: the first piece of it (text and kind of frame) and
    any further sentences, each a sentence of its own ("Interned at Intuit last summer. Built a
    tool." -> "I interned at Intuit last summer." + "I built a tool.")."""
    pieces = _continued([p for s in split_sentences(answer) for p in unsplice(s)], language)
    kind = part_kind(pieces[0], language)
    text, kind = compose(element, tidy(pieces[0], kind), kind, language)
    more = [_as_sentence(element, p, language) for p in pieces[1:]]
    if kind == PartKind.SENTENCE:
        return " ".join([text, *more]), kind, []  # all said as written; any may be trimmed
    return text, kind, more
