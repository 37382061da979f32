"""What a grader sees and says, and the text helpers every grader shares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Output:
    """One text the coach produced for a case, with what it was allowed to draw on.

    ``sources`` are the texts whose words the output may repeat (the student's and the contact's
    data for this output); ``extra`` carries structured results (a review's detected elements,
    the flagged fillers, the screen around a cleaner version, a refusal).
    """

    case_id: str
    kind: str
    text: str
    case: Mapping[str, Any]
    sources: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Case and kind (and length, for built pitches): how the report names this output."""
        seconds = self.extra.get("seconds") if self.kind == "pitch_build" else None
        return f"{self.case_id}/{self.kind}" + (f"@{seconds}s" if seconds else "")


@dataclass(frozen=True, slots=True)
class Verdict:
    """A grader's judgement; ``note`` says what failed, in a few words."""

    passed: bool
    note: str = ""


Grader = Callable[[Output], Verdict | None]  # None: the rule does not apply to this output

PASS = Verdict(True)


def fail(note: str) -> Verdict:
    """A failing verdict with a short reason."""
    return Verdict(False, note[:160])


REQUEST_KINDS = frozenset(
    {"request_email", "phone_script", "linkedin_note", "linkedin_message", "follow_up"}
)
DRAFT_KINDS = REQUEST_KINDS | {"thank_you"}
PITCH_KINDS = frozenset({"pitch_cleaner", "pitch_build", "pitch_tailor"})

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NOTE = re.compile(r"\[[^\]]*\]")
_SIGN_OFFS = re.compile(
    r"^(?:best|best regards|kind regards|warm regards|warmly|regards|sincerely|many thanks"
    r"|thanks|thank you|with thanks|with gratitude|all the best|yours sincerely|respectfully"
    r"|cheers)[,!.]?$",
    re.IGNORECASE,
)
_GREETING = re.compile(r"^(?:hi|hello|dear|hey|good \w+)\b.{0,60},$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”']?\s+(?=[\"“'(]?[A-Z0-9À-ÖØ-Þ¿¡])")
_ABBREV = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|e\.g|i\.e|etc|Jr|Sr|Inc|No)\.$", re.IGNORECASE)


def words(text: str) -> list[str]:
    """Words as a reader counts them."""
    return WORD.findall(_NOTE.sub(" ", text))


def fold(text: str) -> str:
    """Lower case without accents, for matching that forgives case and diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def body_of(text: str) -> str:
    """A draft without its "Subject: ..." line."""
    return re.sub(r"^\s*subject\s*:[^\n]*\n+", "", text, count=1, flags=re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """Sentences of running text; "Dr." and "e.g." do not end one."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREV.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def prose_lines(output: Output) -> list[str]:
    """The lines a reader reads as sentences: no subject, greeting, sign-off, signature,
    section labels or "[add: ...]" prompts."""
    profile = output.case.get("profile") or {}
    signature = {fold(str(v)).strip() for v in profile.values() if isinstance(v, str)}
    if isinstance(profile.get("name"), str) and profile["name"].split():
        signature.add(fold(profile["name"].split()[0]))  # signed "Maya" to someone close
    out: list[str] = []
    for raw in body_of(output.text).splitlines():
        line = _NOTE.sub(" ", raw).strip()
        line = " ".join(line.split())
        if item := re.match(r"^(?:[•*·‣◦-]|\d+[.)])\s+", line):  # a list item may start lower case
            line = line[item.end() :]
            line = line[:1].upper() + line[1:]
        if re.match(r"^\+\d+ more\b", line):
            continue  # "+6 more under All questions.": a pointer to a button, not a sentence
        line = re.sub(r"^[^\w\"“'(\[¿¡-]+\s*", "", line)  # a leading emoji is decoration
        if not line or _GREETING.match(line) or _SIGN_OFFS.match(line):
            continue
        if line.endswith(":") or fold(line) in signature:
            continue
        if output.kind in ("prep_sheet", "phone_script") and re.match(
            r"^[A-Z][\w ]{1,30}:\s", line
        ):
            continue  # "When: ...", "Objective: ..." are labelled fields, not sentences
        out.append(line)
    return out


def prose_sentences(output: Output) -> list[str]:
    """Every sentence of the prose, quotes around spoken lines removed."""
    found: list[str] = []
    for line in prose_lines(output):
        line = re.sub(r"^(?:\d+\.|-)\s+", "", line)
        found.extend(s.strip("\"“”' ") for s in split_sentences(line))
    return [s for s in found if s]


def content_words(text: str) -> set[str]:
    """Meaningful words (three letters or more, not a function word), folded."""
    return {w for w in (fold(x) for x in words(text)) if len(w) >= 3 and w not in STOPWORDS}


_STOP_TEXT = (
    "the and for with about from into how what why who which your you our their his her "
    "she him they them this that these those are was were been being have has had will "
    "would could should can may might must shall not but any some more most very also "
    "just than then there here when where while whom whose its it's i'm i've i'd you're "
    "we're they're she's he's one ones own out over under after before because since until"
)
STOPWORDS = frozenset(_STOP_TEXT.split())


def mentions(text: str, phrase: str, share: float = 0.5) -> bool:
    """Whether at least ``share`` of the phrase's meaningful words appear in ``text``."""
    wanted = content_words(phrase)
    if not wanted:
        return True
    have = content_words(text)
    return len(wanted & have) >= share * len(wanted)


def any_match(patterns: Sequence[re.Pattern[str]], text: str) -> str | None:
    """The first pattern's matched words, if any matches."""
    for pattern in patterns:
        if m := pattern.search(text):
            return m.group(0)
    return None


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as one string of words, so a long list reads as a paragraph."""
    return frozenset(text.split())
