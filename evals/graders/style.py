"""How the text sounds: the register of a careful counselor (no chat shorthand or slang in a
message a professional reads), and lists whose items are built alike, so a phone screen of
bullets reads as one list and not as notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from evals.graders.base import (
    PASS,
    Output,
    Verdict,
    fail,
    prose_sentences,
    split_sentences,
)
from evals.graders.english import IMPERATIVES, has_main_verb

#: Written the way students type to friends; each has a plain word a counselor would use.
SHORTHAND = tuple(
    re.compile(p)
    for p in (
        r"(?i)(?<![\w@/&])(?:w/o?|b/c|b4|@)(?![\w@/])",
        r"(?<![\w@/&.])(?:u|ur)(?![\w@/&'’.-])",  # lower case only: "U.S." and "UR" are names
        r"(?i)(?<![\w@/&])(?:w|esp|dept|depts|thru|pls|plz|tho|govt|qtrs?|yrs?|mgmt|approx"
        r"|ppl|abt|msg|thx|ty|tbh|imo|imho|idk|btw|fyi|asap|lol|omg|haha|bc)"
        r"(?![\w@/&'’-])",
        r"(?i)\bvs\.?(?!\w)",
    )
)
#: Clipped words and jargon fine in the student's own notes ("move from psych research into
#: UX" on a prep sheet) but not in what someone else reads or hears as a pitch.
CLIPPED = tuple(
    re.compile(p)
    for p in (
        r"(?i)(?<![\w@/&])(?:psych|econ|uni|info|poli sci|comp sci)(?![\w@/&'’-])",
        r"\bSWE\b|\bprof\b|\bintro (?:[A-Z]{2,}|to)\b",
    )
)
#: Read only by the student, before a meeting.
_NOTES = frozenset({"prep_questions", "prep_sheet"})
SLANG = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:gonna|wanna|gotta|kinda|sorta|dunno|lemme|gimme|y'all|ya)\b",
        r"\b(?:yeah|yep|yup|nope|nah)\b|\bok\b",
        r"\bstuff\b|\band things like that\b|\band so on and so forth\b",
        r"\b(?:a bunch of|tons of|a ton of|loads of)\b",
        r"\bsuper (?:excited|interested|passionate|cool|keen|into)\b|\b(?:pretty|really) cool\b",
        r"\bawesome\b|\bamazing stuff\b|\bcrazy\b",
    )
)


def register(out: Output) -> Verdict | None:
    """No chat shorthand ("esp", "w/", "dept", "vs.") or slang ("stuff", "gonna") in prose."""
    if not out.text or out.kind == "objective" or out.case.get("language", "en") != "en":
        return None
    text = out.text if out.kind == "pitch_cleaner" else " ".join(prose_sentences(out))
    text = re.sub(r"\[[^\]]*\]", " ", text)
    patterns = (*SHORTHAND, *SLANG) if out.kind in _NOTES else (*SHORTHAND, *CLIPPED, *SLANG)
    hits = [m.group(0) for pattern in patterns for m in pattern.finditer(text)]
    if hits:
        return fail(f"chat register: {', '.join(repr(h) for h in dict.fromkeys(hits))}")
    return PASS


_ITEM = re.compile(r"^\s*(?:[•*·‣◦-]|\d{1,2}[.)])\s+(.*\S)\s*$")
_LABEL = re.compile(r"^(\w[\w'-]*(?: [\w'-]+){0,2}):\s+(\S.*)$")  # "the field: ..."


@dataclass(frozen=True, slots=True)
class _Item:
    text: str

    @property
    def lower(self) -> bool:
        return self.text[:1].islower()

    @property
    def labelled(self) -> bool:
        m = _LABEL.match(self.text)
        return bool(m) and m.group(1).split()[0].lower() not in IMPERATIVES

    @property
    def body(self) -> str:
        m = _LABEL.match(self.text)
        return m.group(2) if m else self.text

    @property
    def imperative(self) -> bool:
        head = re.match(r"[\w']+", self.body)
        return bool(head) and head.group(0).lower() in IMPERATIVES if head else False

    @property
    def fragment(self) -> str | None:
        """The item's first sentence without a main verb (a lower-case instruction or
        "label: ..." continues the lead-in and needs none)."""
        for i, sentence in enumerate(split_sentences(self.text)):
            if i == 0 and self.lower and (self.imperative or self.labelled):
                continue
            if not sentence.endswith("?") and not has_main_verb(sentence):
                return sentence
        return None


def lists(text: str) -> list[list[str]]:
    """Runs of consecutive list items ("• ...", "- ...", "1. ..."), each run one list."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if m := _ITEM.match(line):
            current.append(m.group(1))
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def _list_problem(items: Sequence[_Item]) -> str | None:
    if len({i.lower for i in items}) > 1:
        return "mixes lower-case and capitalised items"
    if items[0].lower:
        for item in items[:-1]:
            if not item.text.endswith((";", ",")):
                return f"item does not end with ';': {item.text[:60]!r}"
        if not items[-1].text.endswith("."):
            return f"last item does not end with '.': {items[-1].text[:60]!r}"
        for item in items:
            if re.search(r"[.!?]\s+[A-Z]", item.text):
                return f"a sentence tacked onto an item: {item.text[:60]!r}"
        for shape in ("labelled", "imperative"):  # items that continue the lead-in, alike
            if 2 * sum(getattr(i, shape) for i in items) > len(items):
                odd = [i for i in items if not getattr(i, shape)]
                if odd:
                    return f"item breaks the list's pattern: {odd[0].text[:60]!r}"
    elif any(i.text.endswith((";", ",")) for i in items):
        return "capitalised items end with ';'"
    for item in items:
        if fragment := item.fragment:
            return f"item holds a fragment: {fragment[:60]!r}"
    return None


def bullets(out: Output) -> Verdict | None:
    """Items of one list are built alike: the same case, the same closing punctuation, the same
    shape (all instructions, or all "label: ..."), and none of them a fragment."""
    if not out.text or out.kind == "objective":
        return None
    found = lists(out.text)
    if not found:
        return None
    for raw in found:
        if problem := _list_problem([_Item(t) for t in raw]):
            return fail(problem)
    return PASS
