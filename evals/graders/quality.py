"""Text quality: sentences a careful counselor would sign. Every sentence complete and
grammatical, none repeated, proper nouns as the student wrote them, and nothing that cannot be
traced to the student's or the contact's data or to the coach's own fixed wording."""

from __future__ import annotations

import re
from collections import Counter

from evals.graders.base import (
    PASS,
    Grader,
    Output,
    Verdict,
    any_match,
    fail,
    fold,
    prose_sentences,
    split_sentences,
    words,
)
from evals.vocabulary import fixed_words, stem

_END = re.compile(r"[.!?…][\"”')\]]*$")
_DANGLING = re.compile(
    r"\b(?:and|or|but|to|of|the|a|an|with|for|in|on|at|vs|my|your|because)[.!?…]$",
    re.IGNORECASE,
)
_SHORT_OK = re.compile(r"^(?:thank you|thanks|hi|hello|wonderful|great)\b", re.IGNORECASE)
_GERUND_OPEN = re.compile(
    r"^(?!During\b|Something\b|Nothing\b|Anything\b|Everything\b)[A-Z]\w{3,}ing\b"
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|am|has|have|had|do|does|did|can|will|would|could|should|helps?|"
    r"makes?|matters?|means?|takes?|gives?|gave|made|took|got|taught|led|built|found|needs?)\b"
    r"|\b\w{3,}ed\b",
    re.IGNORECASE,
)


def _sentence_problem(sentence: str) -> str | None:
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
    opens = _GERUND_OPEN.match(bare) or re.match(r"(?:How|What|Why|Where|Which)\b", bare)
    if opens and not _FINITE.search(bare) and not bare.endswith("?"):
        return "has no main verb"
    return None


def complete_sentences(out: Output) -> Verdict | None:
    """Every sentence starts, ends and holds together as a sentence."""
    if not out.text or out.kind in ("objective",):
        return None
    for sentence in prose_sentences(out):
        if problem := _sentence_problem(sentence):
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
        r"(?<![\w@])(?:w|esp|dept|b/c|bc|thru|ur|pls|tho|govt|qtrs?|@)(?![\w@])",
        r"(?i)\b(\w{2,}) \1\b",
        r"\ba (?=[aeio][a-z])\w+|\ban (?=[bcdfgjklmnpqrstvwxyz][a-z])\w+",
        r"(?i)\bwhat you said about [^.?!]* is (?:easier|harder|better|more|less)\b",
        r"\bI'm as\b|\bproud of is (?!(?:my|a|an|the|how|that|what|when|our|\w+ing|\d+|two|three"
        r"|four|five|six|ten)\b)",
        r"\b(?:draws me to [\w&' ]+|stands out to me) is (?:I|I'm|my|we)\b",
    )
)


def grammar(out: Output) -> Verdict | None:
    """None of the ungrammatical shapes the coach was caught writing."""
    if not out.text or out.kind in ("objective",):
        return None
    text = " ".join(prose_sentences(out)) if out.kind != "pitch_cleaner" else out.text
    text = re.sub(r"\[[^\]]*\]", " ", text)
    if hit := any_match(GRAMMAR, text):
        return fail(f"ungrammatical: {hit!r}")
    return PASS


def _key(sentence: str) -> str:
    return " ".join(fold(w) for w in words(sentence))


def no_repeats(out: Output) -> Verdict | None:
    """No sentence said twice, and no five-word run repeated in a short text."""
    if not out.text or out.kind in ("objective",):
        return None
    sentences = prose_sentences(out)
    seen: set[str] = set()
    for sentence in sentences:
        key = _key(sentence)
        if key in seen and len(key.split()) > 2:
            return fail(f"repeats {sentence[:60]!r}")
        seen.add(key)
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


def proper_nouns_kept(out: Output) -> Verdict | None:
    """Names, places and organizations keep their capitals and accents."""
    if not out.text or out.kind in ("objective",):
        return None
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
}
