"""The handout's rules for outreach: objective and a short time ask up front, never a job
request, short enough to read, a referrer named only with consent, a specific and prompt
thank-you, and preparation that fits how the meeting happens."""

from __future__ import annotations

import re

from evals.graders.base import (
    DRAFT_KINDS,
    PASS,
    REQUEST_KINDS,
    Grader,
    Output,
    Verdict,
    any_match,
    body_of,
    fail,
    fold,
    mentions,
    prose_sentences,
    words,
)

_MINUTES = re.compile(
    r"\b(\d{1,2}|ten|fifteen|twenty|twenty-five|thirty)(?:\s*(?:-|–|to)\s*\d{1,2})?[\s-]*"
    r"(?:minutes?|mins?)\b",
    re.IGNORECASE,
)
_NUMBERS = {"ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30}

#: Written for the suite, independently of the coach's own detector, so neither grades itself.
JOB_ASKS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bhir(?:e|ing)\s+me\b|\bget\s+hired\s+(?:at|by)\b|\b(?:are|is)\s+(?:you|your\s+\w+)\s+"
        r"(?:currently\s+)?hiring\b",
        r"\brefer\s+me\b|\b(?:a|your)\s+referral\s+(?:to|for)\b",
        r"\b(?:pass|forward|send)\s+(?:along\s+|on\s+)?my\s+(?:resume|résumé|cv)\b",
        r"\bbe\s+considered\s+for\b|\bconsider\s+me\b|\bkeep\s+me\s+in\s+mind\b",
        r"\b(?:any|your)\s+(?:job\s+)?(?:openings|vacancies|open\s+(?:roles|positions))\b",
        r"\bpotential\s+(?:roles|positions|jobs)\s+for\s+me\b|\bmy\s+application\b",
        r"\bjoin\s+(?:your|\w+'s)\s+(?:\w+\s+)?team\b|\bwork(?:ing)?\s+for\s+you\b",
        r"\b(?:get|land|secure)\s+(?:a|an|the)\s+(?:job|internship|position|role)\s+(?:at|with|on)\b",
        r"\bjob\s+offer\b|\bopen\s+(?:hardware\s+|software\s+)?role\b",
    )
)


def _time_ask_at(sentences: list[str]) -> int | None:
    for i, sentence in enumerate(sentences):
        for m in _MINUTES.finditer(sentence):
            raw = m.group(1).lower()
            minutes = _NUMBERS.get(raw) or int(raw)
            if 10 <= minutes <= 30:
                return i
    return None


def _up_front_limit(kind: str) -> int:
    return 6 if kind == "phone_script" else 3


def time_ask_up_front(out: Output) -> Verdict | None:
    """A specific 10-30 minute ask within the first sentences of a request."""
    if out.kind not in REQUEST_KINDS or not out.text:
        return None
    at = _time_ask_at(prose_sentences(out))
    if at is None:
        return fail("no 10-30 minute ask")
    if at >= _up_front_limit(out.kind):
        return fail(f"time ask only in sentence {at + 1}")
    return PASS


def objective_up_front(out: Output) -> Verdict | None:
    """The student's objective is stated where the time is asked, or before it."""
    objective = out.case.get("objective", "")
    if out.kind not in REQUEST_KINDS or not out.text or not objective:
        return None
    sentences = prose_sentences(out)
    at = _time_ask_at(sentences)
    upto = at + 1 if at is not None else _up_front_limit(out.kind)
    if mentions(" ".join(sentences[:upto]), objective):
        return PASS
    return fail(f"objective not up front: {objective!r}")


def no_job_request(out: Output) -> Verdict | None:
    """No request for a job, a referral for a role, a resume forwarded, openings."""
    if not out.text:
        return None
    text = out.text
    if out.kind == "objective":
        return None  # the typed objective is graded by job_ask_detection
    if hit := any_match(JOB_ASKS, text):
        return fail(f"asks for a job: {hit!r}")
    return PASS


def job_ask_detection(out: Output) -> Verdict | None:
    """A typed objective that asks for a job is refused, saying so; an innocent one is accepted."""
    if out.kind != "objective":
        return None
    refused = out.extra.get("refused") or ""
    if out.case.get("job_ask"):
        if not refused:
            return fail("job ask accepted")
        if "job" not in refused.lower():
            return fail(f"refused for another reason: {refused!r}")
        return PASS
    return fail(f"innocent objective refused: {refused!r}") if refused else PASS


def word_limit(out: Output) -> Verdict | None:
    """A request email under 100 words; a LinkedIn note within 300 characters."""
    if out.kind == "request_email" and out.text:
        n = len(words(body_of(out.text)))
        return PASS if n < 100 else fail(f"{n} words")
    if out.kind == "linkedin_note" and out.text:
        return PASS if len(out.text) <= 300 else fail(f"{len(out.text)} characters")
    return None


def _name_tokens(name: str) -> list[str]:
    parts = [p for p in re.split(r"[\s.]+", name) if len(p) >= 3 and p.lower() not in _TITLES]
    return [name, *parts]


_TITLES = {"dr", "mr", "mrs", "ms", "prof", "professor"}


def referrer_consent(out: Output) -> Verdict | None:
    """The introducer is named when they agreed to it, and never otherwise."""
    introducer = out.case.get("introducer")
    if out.kind not in REQUEST_KINDS or not introducer or not out.text:
        return None
    name = introducer["name"]
    named = any(
        re.search(rf"(?<!\w){re.escape(fold(t))}(?!\w)", fold(out.text)) for t in _name_tokens(name)
    )
    allowed = out.case["contact"].get("may_use_name") is True
    if named and not allowed:
        return fail(f"names {name} without consent")
    if allowed and not named and out.kind in ("request_email", "linkedin_note", "phone_script"):
        return fail(f"does not say {name} suggested it")
    return PASS


#: What a student may only say to a stranger: they know an aunt or a neighbour personally.
STRANGER_LINES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bcame across\b",
        r"\bfound you through\b",
        r"\bfinding you through\b",
        r"\bcaught my attention\b",
        r"\bbeen reading about\b",
        r"\byour name through\b",
    )
)
_INVENTED_CONNECTIONS = (re.compile(r"\bthrough my department\b", re.IGNORECASE),)


def connection_by_relationship(out: Output) -> Verdict | None:
    """How the student says they know the person is true for this relationship."""
    if out.kind not in DRAFT_KINDS or not out.text:
        return None
    sources = fold(" ".join(out.sources))
    invented = any_match(_INVENTED_CONNECTIONS, out.text)
    if invented and fold(invented) not in sources:
        return fail(f"invents a connection: {invented!r}")
    stranger = any_match(STRANGER_LINES, out.text)
    if stranger and out.case.get("relationship") == "personal":
        return fail(f"writes to someone they know as a stranger: {stranger!r}")
    return PASS


_GENERIC_THANKS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"putting your suggestions into practice",
        r"hearing how you built your career gave me",
        r"I've been following up on the suggestions you gave me",
    )
)


def thank_you_specific(out: Output) -> Verdict | None:
    """A thank-you names what the student took away and the people they were referred to."""
    if out.kind != "thank_you" or not out.text:
        return None
    highlight = out.case.get("highlight")
    referrals = out.case.get("referrals") or []
    if not highlight and not referrals:
        return None
    if highlight and not mentions(out.text, highlight):
        return fail("does not mention what they said")
    for referral in referrals:
        if fold(referral["name"].split()[-1]) not in fold(out.text):
            return fail(f"does not mention the referral to {referral['name']}")
    if hit := any_match(_GENERIC_THANKS, out.text):
        return fail(f"generic line: {hit!r}")
    return PASS


def thank_you_prompt(out: Output) -> Verdict | None:
    """The prep sheet reminds the student to thank them the same day."""
    if out.kind != "prep_sheet":
        return None
    if re.search(r"thank-you[^.\n]*(?:same day|today|within (?:a day|24 hours))", out.text, re.I):
        return PASS
    return fail("no same-day thank-you reminder")


_NOT_ON_CALLS = {
    "video": (r"face to face", r"copy of your resume"),
    "phone": (r"face to face", r"copy of your resume", r"dress appropriately"),
}


def logistics_by_format(out: Output) -> Verdict | None:
    """Logistics for a call don't tell the student to meet face to face or bring paper."""
    if out.kind != "prep_sheet":
        return None
    mode = out.case.get("mode", "in_person")
    for pattern in _NOT_ON_CALLS.get(mode, ()):
        if re.search(pattern, out.text, re.IGNORECASE):
            return fail(f"{mode}: says {pattern!r}")
    return PASS


HANDOUT: dict[str, Grader] = {
    "time_ask_up_front": time_ask_up_front,
    "objective_up_front": objective_up_front,
    "no_job_request": no_job_request,
    "job_ask_detection": job_ask_detection,
    "word_limit": word_limit,
    "referrer_consent": referrer_consent,
    "connection_by_relationship": connection_by_relationship,
    "thank_you_specific": thank_you_specific,
    "thank_you_prompt": thank_you_prompt,
    "logistics_by_format": logistics_by_format,
}
