"""Text quality: sentences a careful counselor would sign. Every sentence complete and
grammatical, none repeated, proper nouns as the student wrote them, and nothing that cannot be
traced to the student's or the contact's data or to the coach's own fixed wording."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from evals.graders.base import (
    PASS,
    Grader,
    Output,
    Verdict,
    fail,
    fold,
    prose_sentences,
    split_sentences,
    word_set,
    words,
)
from evals.graders.english import has_main_verb
from evals.graders.style import bullets, register
from evals.vocabulary import fixed_words, stem

_END = re.compile(r"[.!?…][\"”')\]]*$")
_DANGLING = re.compile(
    r"\b(?:and|or|but|to|of|the|a|an|with|for|in|on|at|vs|my|your|because)[.!?…]$",
    re.IGNORECASE,
)
_SHORT_OK = re.compile(r"^(?:thank you|thanks|hi|hello|wonderful|great)\b", re.IGNORECASE)


def _sentence_problem(sentence: str, *, english: bool = True) -> str | None:
    bare = sentence.strip("\"“”'([ ")
    if not bare or bare.endswith(";"):
        return None  # an item of a list ("• ask how they fill roles;") is not a sentence
    if not (bare[0].isupper() or bare[0].isdigit() or bare[0] in "¿¡"):
        return "starts in lower case"
    if not _END.search(bare):
        return "has no full stop"
    if _DANGLING.search(bare):
        return "ends mid-phrase"
    if re.search(r"\bvs\.\s+I\b|\s…\s|\.\.\.\s", bare):
        return "glues fragments"
    if (len(words(bare)) < 2 and not _SHORT_OK.match(bare)) or (
        len(words(bare)) < 3
        and not _SHORT_OK.match(bare)
        and not re.match(r"(?:I|I'm|We|It|You)\b", bare)
    ):
        return "is a fragment"
    if english and not bare.endswith("?") and not _SHORT_OK.match(bare) and not has_main_verb(bare):
        return "has no main verb"
    return None


def complete_sentences(out: Output) -> Verdict | None:
    """Every sentence starts, ends and holds together as a sentence, with a main verb."""
    if not out.text or out.kind in ("objective",):
        return None
    english = out.case.get("language", "en") == "en"
    for sentence in prose_sentences(out):
        if problem := _sentence_problem(sentence, english=english):
            return fail(f"{problem}: {sentence[:80]!r}")
    return PASS


_ROLE = (
    r"researcher|engineer|designer|analyst|developer|scientist|consultant|accountant|nurse"
    r"|specialist|coordinator|associate|editor|planner|architect|manager|director|teacher"
)
GRAMMAR = tuple(
    re.compile(p)
    for p in (
        r"(?i)\blearn about (?:i|i'm|pick|get|ask|talk|chat|hear|find|know|see|discuss"
        r"|understand|learn|break|figure|what (?:does|do|is|are)|how (?:do|does|did|can))\b",
        r"(?i)\blearn about (?:learn|understand|hear)\w*\b",
        rf"\bas (?!(?:a|an|the|your|my|their|his|her|one|part|head|lead|chair)\b)"
        rf"(?:[A-Za-z][\w-]* ){{0,2}}(?:{_ROLE})\b(?! of\b)",
        r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.?(?=\s*[?!,]|\s*$)",
        r"(?i)\bstudent, with a minor\b|\bstudying (?:a )?(?:BA|BS|BSc|MA|MS|MSc|MBA)\b",
        r"\bstudying (?:an? )?(?:[A-Z]{2,} )?(?:senior|junior|sophomore|freshman|student|candidate"
        r"|major)\b",
        r"(?i)\b(\w{2,}) \1\b",
        r"\ba (?=[aeio][a-z])\w+|\ban (?=[bcdfgjklmnpqrstvwxyz][a-z])\w+",
        r"(?i)\bwhat you said about [^.?!]* is (?:easier|harder|better|more|less)\b",
        r"\bI'm as\b|\bproud of is (?!(?:my|a|an|the|how|that|what|when|our|\w+ing|\d+|two|three"
        r"|four|five|six|ten)\b)",
        r"\b(?:draws me to [\w&' ]+|stands out to me) is (?:I|I'm|my|we)\b",
        r"(?i)\b(?:looking for|interested in|drawn to) (?:not sure|unsure|n/?a|none|nothing|idk"
        r"|tbd|no idea|don't know)\b",
        # "your work at City of Oakland": a "<body> of <place>" name takes "the" in a sentence
        r"\b(?:at|to|with|for|from|about) (?:University|City|County|State|Department|Institute"
        r"|Museum|Ministry|Office|Bureau) of\b",
        # a possessive where the object belongs: "shifts taught your more than any course"
        r"(?i)\byour (?:more|most|less|a|an|the|to|that|again|everything|nothing|something)\b",
    )
)
#: A question's word order inside a statement: "..., and may you contact them again."
_INVERTED = re.compile(
    r"(?:^|[,(;]|\band|\bor)\s*(?:may|can|could|shall|should) (?:I|you|we)\b", re.IGNORECASE
)
#: Singular nouns a careful writer never leaves bare: "built internal tool", "I'm sophomore".
_NEEDS_ARTICLE = word_set(
    "student major minor junior senior sophomore freshman ta intern tool app team club"
    " project internship role position job dashboard website model course degree researcher"
    " engineer designer analyst developer scientist assistant volunteer member startup"
    " company"
)
_ARTICLE_BEFORE = re.compile(
    r"(?:\bI'm|\bI am|\bI was|—|–|\bbuilt|\bcreated|\bdesigned|\bdeveloped|\bwrote|\blaunched"
    r"|\bfounded|\bwith|\bhave|\bhad)\s+"
)
_NOT_A_NOUN_PHRASE = word_set(
    "a an the my your our their his her its this that these those some any one two three"
    " four five six seven eight nine ten several many no not in at on for with to from and"
    " or of about into by as looking hoping interested drawn working studying currently"
    " really also now still here proud excited happy glad keen available open passionate"
    " curious eager grateful writing reaching calling trying planning applying graduating"
    " finishing just always so very more most you"
)


def _bare_nouns(text: str) -> list[str]:
    """Singular count nouns reached from "I'm", "built", "with" ... with no article on the way."""
    found: list[str] = []
    for m in _ARTICLE_BEFORE.finditer(text):
        tokens = re.findall(r"[\w'’-]+|[^\w\s]", text[m.end() : m.end() + 80])
        for i, token in enumerate(tokens[:4]):
            low = token.lower()
            if (
                low in _NOT_A_NOUN_PHRASE
                or not token[0].isalnum()
                or token[0].isdigit()
                or low.endswith(("ly", "ed"))
                or (token[0].isupper() and not token.isupper())  # a name: "I'm Maya Chen"
            ):
                break
            after = tokens[i + 1] if i + 1 < len(tokens) else "."
            if low in _NEEDS_ARTICLE and not (
                after[0].isalpha() and after.islower() and after not in _NOT_A_NOUN_PHRASE
            ):
                found.append(" ".join(tokens[: i + 1]))
                break
    return found


_SPLICE = re.compile(r", (?=(?:I|I'm|I've|I'd|we|my name is) [a-z])")
_SELF_FIRST = re.compile(r"^(?:(?:Hi|Hello|Hey)[,!]?\s+)?(?:I|I'm|I've|I'd|We|My name is)\b")


def _comma_splice(sentence: str) -> str | None:
    """Two sentences joined by a comma: "Hi, I'm Kevin Tran, I study computer science." Only a
    first clause that itself opens with its subject counts: "Once you have a name, I can" and
    "With Claude on, I can" open with a clause or a phrase, and a comma belongs there."""
    if not _SELF_FIRST.match(sentence):
        return None
    for m in _SPLICE.finditer(sentence):
        if has_main_verb(sentence[: m.start()]):
            return sentence[max(0, m.start() - 30) : m.end() + 12].strip()
    return None


def grammar(out: Output) -> Verdict | None:
    """None of the ungrammatical shapes the coach was caught writing."""
    if not out.text or out.kind in ("objective",):
        return None
    text = " ".join(prose_sentences(out)) if out.kind != "pitch_cleaner" else out.text
    text = re.sub(r"\[[^\]]*\]", " ", text)
    problems = [f"ungrammatical: {m.group(0)!r}" for p in GRAMMAR for m in p.finditer(text)]
    if out.case.get("language", "en") == "en":
        problems += [f"missing article: {bare!r}" for bare in _bare_nouns(text)]
        for sentence in prose_sentences(out):
            if splice := _comma_splice(sentence):
                problems.append(f"comma splice: {splice!r}")
            if not sentence.endswith("?") and (m := _INVERTED.search(sentence)):
                problems.append(f"question word order in a statement: {m.group(0).strip()!r}")
    return fail("; ".join(dict.fromkeys(problems))) if problems else PASS


def _key(sentence: str) -> str:
    return " ".join(fold(w) for w in words(sentence))


def _name_twice(sentence: str) -> str | None:
    """A name of two words or more said twice in one sentence ("to Page & Turnbull is how Page and
    Turnbull restores"), "&" and "and" read alike."""
    bare = (re.sub(r"['’]s$", "", w) for w in words(sentence))  # "the Urban Institute's work"
    tokens = [w for w in bare if w.lower() not in {"and", "the", "of"}]
    pairs = Counter(
        f"{a} {b}" for a, b in itertools.pairwise(tokens) if a[0].isupper() and b[0].isupper()
    )
    return next((pair for pair, n in pairs.items() if n > 1), None)


def no_repeats(out: Output) -> Verdict | None:
    """No sentence said twice, and no five-word run repeated in a short text."""
    if not out.text or out.kind in ("objective",):
        return None
    sentences = prose_sentences(out)
    for sentence in sentences:
        if twice := _name_twice(sentence):
            return fail(f"says {twice!r} twice in one sentence")
    seen: set[str] = set()
    for sentence in sentences:
        key = _key(sentence)
        if key in seen and len(key.split()) > 2:
            return fail(f"repeats {sentence[:60]!r}")
        seen.add(key)
    keys = [_key(s) for s in sentences]
    for key in keys:  # "I love data journalism." then "I love data journalism because ..."
        if len(key.split()) > 2 and any(k.startswith(key + " ") for k in keys):
            return fail(f"says {key!r} and then again at more length")
    if out.kind in ("phone_script", "prep_sheet", "prep_questions"):
        return PASS
    runs: Counter[str] = Counter()
    for sentence in sentences:
        ws = _key(sentence).split()
        runs.update({" ".join(ws[i : i + 5]) for i in range(len(ws) - 4)})
    if repeated := [r for r, n in runs.items() if n > 1]:
        return fail(f"repeats {repeated[0]!r}")
    return PASS


_NOT_NAMES = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "hi", "hello", "dear", "my", "the", "a", "an", "ok"}
)


def proper_nouns(texts: tuple[str, ...]) -> set[str]:
    """Words a writer capitalised where a sentence does not begin, plus acronyms."""
    found: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for sentence in split_sentences(text.replace("\n", ". ")):
            tokens = words(sentence)
            for i, token in enumerate(tokens):
                if token == token.lower():
                    lower.add(fold(token))
                if fold(token) in _NOT_NAMES or not token[:1].isupper():
                    continue
                if i > 0 or (len(token) > 1 and token[1:2].isupper()):
                    found.add(token)
    return {t for t in found if fold(t) not in lower}


#: Where an organization's name follows: "interned at Intuit", "a senior at UC Davis".
_AT_ORGANIZATION = re.compile(
    r"\b(?:interned|interning|worked|working|work|works|internship|co-op|job|role|position"
    r"|volunteered|volunteering|employed|shadowed|student|senior|junior|sophomore|freshman|major"
    r"|engineer|analyst|designer|researcher|intern)\s+at\s+([a-z][\w&'’-]*(?:\.[a-z]+)*)"
    r"(?:\s+([a-z]\w*))?"
)
#: After the name, what a sentence goes on with; a lower-case noun instead means the words were a
#: noun phrase ("work at water utilities").
_AFTER_NAME = word_set("and in on for as during where when last this since until with to from over")
_LOWER_AFTER_AT = word_set(
    "a an the my our your their his her its this that one two three four five six several"
    " home school university college work night least first all once times scale length"
)
#: "the Urban Institute('s)", but not "the New York office", where the name is a modifier.
_THE_NAME = re.compile(
    r"\b[Tt]he ((?:[A-Z][\w&.-]*\s+)+[A-Z][\w&.-]*?)(?:(?:'s|’s)\b|\b(?!\s+[a-z]))"
)
_ARTICLES = frozenset({"the", "our", "my", "your", "their", "this"})


def _dropped_the(out: Output) -> str | None:
    """A name the student writes with "the" ("the Urban Institute's work") said without it."""
    names = {m.group(1) for text in out.sources for m in _THE_NAME.finditer(text)}
    for name in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", out.text):
            before = re.findall(r"[\w'’]+", out.text[max(0, m.start() - 20) : m.start()])
            if not before or before[-1].lower() not in _ARTICLES:
                return name
    return None


def _people(case: Mapping[str, Any]) -> set[str]:
    """The names of the people in a case: the student, the contact, who introduced them, whom
    they were referred to."""
    found = [
        (case.get(key) or {}).get("name") for key in ("profile", "contact", "introducer", "answers")
    ]
    found += [r.get("name") for r in case.get("referrals") or ()]
    return {part for name in found if isinstance(name, str) for part in name.split()}


_ADDRESSED = word_set("hi hello dear hey this thanks")


def _person_in_lower_case(out: Output) -> str | None:
    """A person's name as the student typed it ("priya shah") where it names them: after a
    greeting ("Hello priya,", "is this priya?") or beside the rest of their name. Elsewhere a
    lower-case "grace" or "park" is just a word."""
    people = {fold(p) for p in _people(out.case) if len(p) > 1 and p.isalpha()}
    tokens = words(out.text)
    for i, token in enumerate(tokens):
        if not token.islower() or fold(token) not in people:
            continue
        around = {fold(t) for t in tokens[max(0, i - 1) : i + 2]} - {fold(token)}
        if around & _ADDRESSED or around & people:
            return token
    return None


#: "an internship for Next summer": a time word is never a name inside a sentence.
_CAPITAL_TIME = re.compile(
    r"(?<=[a-z,] )(?:Next|Last|This|Every) (?:summer|fall|spring|winter|year|semester|week|month)\b"
)


def proper_nouns_kept(out: Output) -> Verdict | None:
    """Names, places and organizations keep their capitals, accents and article; an organization
    is capitalised even when the student typed it in lower case ("interned at intuit")."""
    if not out.text or out.kind in ("objective",):
        return None
    for m in _AT_ORGANIZATION.finditer(out.text):
        name, then = m.group(1), m.group(2)
        plural = name.endswith("s") and not name.endswith("ss")
        if name not in _LOWER_AFTER_AT and not plural and (not then or then in _AFTER_NAME):
            return fail(f"organization in lower case: {out.text[m.start() : m.end(1)]!r}")
    if m := _CAPITAL_TIME.search(out.text):
        return fail(f"a capital inside a sentence: {m.group(0)!r}")
    if name := _dropped_the(out):
        return fail(f"'the' dropped before {name!r}")
    if lowered := _person_in_lower_case(out):
        return fail(f"a person's name in lower case: {lowered!r}")
    names = proper_nouns(out.sources) | set(out.case.get("proper_nouns", ()))
    by_fold = {fold(n): n for n in names}
    for token in words(out.text):
        original = by_fold.get(fold(token))
        if original and token != original and token.lower() != original.lower():
            return fail(f"{original!r} written as {token!r}")
        if original and token != original and token == token.lower():
            return fail(f"{original!r} written as {token!r}")
    return PASS


def traceable(out: Output) -> Verdict | None:
    """Every word comes from the case's data or from the coach's own fixed wording."""
    if not out.text or out.kind in ("objective",):
        return None
    allowed = {stem(fold(w)) for w in words(" ".join(out.sources))} | fixed_words()
    text = re.sub(r"\[[^\]]*\]|^\s*\d+\.\s", " ", out.text, flags=re.MULTILINE)
    strange = [
        w for w in words(text) if len(w) > 2 and stem(fold(w)) not in allowed and not w.isdigit()
    ]
    strange += [
        w
        for w in words(text)
        if w.isdigit() and w not in " ".join(out.sources) and stem(w) not in allowed
    ]
    if strange:
        return fail(f"not in the data: {sorted(set(strange))[:5]}")
    return PASS


def case_expectations(out: Output) -> Verdict | None:
    """What this case says must not appear in this output (another company, an off-topic word)."""
    banned = out.extra.get("must_not_contain") or ()
    if not banned or not out.text:
        return None
    for phrase in banned:
        if fold(phrase) in fold(out.text):
            return fail(f"contains {phrase!r}")
    return PASS


QUALITY: dict[str, Grader] = {
    "complete_sentences": complete_sentences,
    "grammar": grammar,
    "no_repeats": no_repeats,
    "proper_nouns": proper_nouns_kept,
    "traceable": traceable,
    "case_expectations": case_expectations,
    "register": register,
    "bullets": bullets,
}
