"""How the student introduces themselves in English: "a BS Computer Science student"."""

from __future__ import annotations

import re

from bot.features.contacts.domain.names import split_name
from bot.features.outreach.domain.display import written
from bot.wording import article

_DEGREE = re.compile(
    r"^(?:(?:B|M|D)\.?(?:S|A|Sc|Eng|Ed|FA|BA|PH|SN|SW|Arch|Mus|Des|Phil|Res)\.?|MBA|M\.?B\.?A\.?"
    r"|Ph\.?\s?D\.?|J\.?D\.?|M\.?D\.?|Ed\.?D\.?|A\.?A\.?|A\.?S\.?|DNP|DPT|PharmD|LLB|LLM|RN"
    r"|Bachelor'?s?|Master'?s?|Bachelor|Master|Doctorate|Associate'?s?|Diploma|Certificate)$",
    re.IGNORECASE,
)
_ROLE_TEXT = (
    "student students candidate major graduate undergraduate undergrad postgraduate grad "
    "fellow trainee apprentice researcher scholar learner intern nurse engineer analyst "
    "designer developer transfer veteran alum alumna alumnus"
)
_ROLE_NOUNS = frozenset(_ROLE_TEXT.split())
#: Where a student is in their programme: said as who they are ("a CS senior at UC Davis").
_CLASS_YEAR_TEXT = (
    "freshman sophomore junior senior first-year second-year third-year fourth-year fifth-year "
    "final-year"
)
CLASS_YEARS = frozenset(_CLASS_YEAR_TEXT.split())
_SELF_LEAD = re.compile(r"^(?:i\s+am|i'm|i’m|currently|now)\s+", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"\b(?i:university|college|institute|school|academy|polytechnic|state)\b|^[A-Z]{2,6}$"
    r"|^(?:UC|SUNY|CUNY|CSU|UT|UW|UMass|UNC)\s"
)


def self_introduction(programme: str) -> str:
    """What reads after "I'm Maya Chen, ": the programme as a student would say it.

    Students type their programme in many shapes ("BS Computer Science", "MBA candidate",
    "Economics", "CS senior @ UC Davis"); "studying BS Computer Science" is the awkward result of
    one fixed frame, so the frame follows the shape: a degree name becomes "a BS Computer Science
    student", a role or class year keeps its article ("an MBA candidate", "a CS senior at UC
    Davis"), a subject keeps "studying Economics". Empty gives "". Chat shorthand ("@", "w/")
    is said in plain words (display.py).
    """
    text = written(re.sub(r"\s*@\s*", " @ ", programme)).strip().rstrip(".!;").strip()
    text = _SELF_LEAD.sub("", text).strip()
    minor = ""  # "..., minor in Math" or "... w/ minor in Math" is said last, whatever the shape
    if m := re.search(r"(?:,\s*|\s+with\s+(?:a\s+)?)minor\b", text, re.IGNORECASE):
        minor, text = " with a minor" + text[m.end() :].rstrip(), text[: m.start()].strip()
    if not text:
        return ""
    text = re.sub(r",\s*(year \d)\b", r" in \1", text, flags=re.IGNORECASE)  # ", year 2"
    text = re.sub(  # "nursing student, final year": "... in my final year"
        r",\s*(?:in\s+)?(?:my\s+)?(final|first|second|third|fourth|fifth|last) year$",
        r" in my \1 year",
        text,
        flags=re.IGNORECASE,
    )
    if text.split()[0].strip(",").lower() in CLASS_YEARS:
        text = text[0].lower() + text[1:]  # "Senior at UC Davis" reads "a senior at UC Davis"
    head, _, tail = text.partition(",")
    head, tail = head.strip(), tail.strip()
    if head.lower() in CLASS_YEARS and tail and not _INSTITUTION.search(tail):
        head, tail = f"{head} in {tail}", ""  # "junior, cognitive science": "a junior in ..."
    place = ""
    year = tail.split()[0].lower() if tail else ""
    if year in CLASS_YEARS and head:  # "BA Economics, junior at Ohio State"
        rest = tail[len(year) :].strip()
        rest = re.sub(r"^(?:year|student)\b\s*", "", rest, flags=re.IGNORECASE)
        year = year.removesuffix("-year")
        place = f", in my {year} year" + (f" {rest}" if rest else "")
        tail = ""
    if tail:
        if _INSTITUTION.search(tail) and not re.match(r"(?:class|year)\b", tail, re.I):
            place = " at " + re.sub(r"^at\s+", "", tail, flags=re.IGNORECASE)
        else:
            place = ", " + tail
    return _introduced(head) + place + minor


def _introduced(head: str) -> str:
    """The programme's first part, in the frame its shape needs."""
    if re.match(r"(?:studying|doing|pursuing|completing|working\s+towards?)\b", head, re.I):
        return head[0].lower() + head[1:]
    if re.match(r"(?:a|an|the|my)\s", head, re.I):
        return head[0].lower() + head[1:]
    words = head.split()
    core = re.split(r"\s+(?:in|of|at|for|with)\s+", head, maxsplit=1, flags=re.IGNORECASE)[0]
    if core.split()[-1].lower() in _ROLE_NOUNS | CLASS_YEARS:
        return f"{article(head)} {head}"
    if words[0].lower() in CLASS_YEARS:  # "final-year BSc Economics", "senior studying CS"
        if re.match(r"(?:studying|majoring|doing|pursuing)\b", words[1], re.I):
            return f"{article(head)} {head}"
        return f"{article(core)} {core} student{head[len(core) :]}"
    if _DEGREE.match(words[0]):
        if len(words) > 1 and words[1].lower() in ("in", "of"):
            return f"studying for {article(head)} {head}"
        return f"{article(core)} {core} student{head[len(core) :]}"
    return f"studying {head}"


def with_article(role: str) -> str:
    """ "UX researcher" -> "a UX researcher", "head of design" and "the CEO" as typed."""
    text = role.strip()
    if not text or re.match(r"(?:a|an|the|head|director|chair|dean|lead)\b", text, re.I):
        return text
    return f"{article(text)} {text}"


def spoken_names(names: tuple[str, ...]) -> str:
    """ "Dr. Kenji Sato", "Dr. Kenji Sato and Ana Ruiz", "A, B and C"."""
    names = tuple(n for n in names if n)
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def titled(name: str) -> bool:
    """Whether a contact's name starts with a title ("Dr. Alan Brooks"), which formal mail uses."""
    return bool(split_name(name).prefix)


_MAX_INTEREST_WORDS = 6


def interest_phrase(interests: str) -> str:
    """The student's interests as typed, when short enough to say in a sentence ("health
    informatics"); "" for a list or a paragraph, which would not read as one phrase."""
    text = re.split(r"[.;!?\n]", " ".join(interests.split()), maxsplit=1)[0].strip(" ,")
    if not text or len(text.split()) > _MAX_INTEREST_WORDS or text.count(",") > 1:
        return ""
    lead = r"^i(?:'m|’m| am)\s+(?:really\s+)?(?:interested|passionate)\s+(?:in|about)\s+"
    text = re.sub(lead, "", text, flags=re.IGNORECASE)
    if not text:
        return ""
    first = text.split()[0]
    if len(text.split()) > 1 and first[:1].isupper() and first[1:].islower():
        text = first.lower() + text[len(first) :]
    return text
