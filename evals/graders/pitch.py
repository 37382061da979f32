"""The pitch rules: the handout's elements covered, the time kept at the student's own pace, no
flagged filler left in the cleaner version, the strongest evidence kept, a job ask flagged, and
an honest answer for a pitch in another language."""

from __future__ import annotations

import re

from evals.graders.base import PASS, Grader, Output, Verdict, fail, fold, mentions, words

TIERS = (15, 30, 60)
TIER_ELEMENTS = {
    15: ("identity", "focus", "position"),
    30: ("identity", "focus", "position", "experience"),
    60: ("identity", "focus", "position", "experience", "leadership", "fit", "interest"),
}
_TIME_SLACK = 1.1  # a listener cannot hear ten percent


def _budget(seconds: int, wpm: int) -> int:
    return int(seconds * wpm / 60 + 0.5)


def element_coverage(out: Output) -> Verdict | None:
    """The review finds what a careful reader finds; a built pitch says what the student gave."""
    if out.kind == "pitch_cleaner" and out.case.get("language", "en") == "en":
        found = set(out.extra.get("present", ()))
        wanted = set(out.case.get("elements", ()))
        missed = sorted(wanted - found)
        return fail(f"review missed {missed}") if missed else PASS
    if out.kind == "pitch_build" and out.extra.get("seconds") == 60:
        answers = out.case.get("answers", {})
        given = [e for e in TIER_ELEMENTS[60] if answers.get(e) and e != "position"]
        lost = [e for e in given if not mentions(out.text, answers[e], share=0.34)]
        return fail(f"built pitch drops {lost}") if lost else PASS
    if out.kind == "pitch_tailor":
        org = out.extra.get("organization", "")
        return PASS if fold(org) in fold(out.text) else fail(f"never names {org}")
    return None


def timing(out: Output) -> Verdict | None:
    """The text fits its length at the student's speaking rate."""
    seconds = out.extra.get("seconds")
    wpm = out.case.get("wpm", 150)
    if out.kind not in ("pitch_build", "pitch_cleaner", "pitch_tailor") or not seconds:
        return None
    n, budget = len(words(out.text)), _budget(seconds, wpm)
    if n > budget * _TIME_SLACK:
        return fail(f"{n} words for {seconds} s at {wpm} wpm (budget {budget})")
    return PASS


_EXTRA_FILLERS = (r"\bso my name is\b", r"\bi'm like a\b", r"\bum+\b", r"\buh+\b", r"\bso yeah\b")


def no_flagged_filler(out: Output) -> Verdict | None:
    """Nothing the review flagged as filler survives in its own cleaner version."""
    if out.kind != "pitch_cleaner" or out.case.get("language", "en") != "en":
        return None  # English filler lists say nothing about another language ("um" in Portuguese)
    text = fold(out.text)
    for label in out.extra.get("fillers", ()):
        body = r"\s+".join(re.escape(w) for w in fold(label).split())
        if re.search(rf"(?<![\w'-]){body}(?![\w'-])", text):
            return fail(f"keeps flagged filler {label!r}")
    for pattern in _EXTRA_FILLERS:
        if m := re.search(pattern, text):
            return fail(f"keeps filler {m.group(0)!r}")
    return PASS


_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|sixty|hundred|thousand)\b",
    re.IGNORECASE,
)


def keeps_evidence(out: Output) -> Verdict | None:
    """A cleaner version keeps the numbers that prove what the student did."""
    if out.kind != "pitch_cleaner" or out.case.get("language", "en") != "en":
        return None
    pitch = out.case.get("pitch", "")
    evidence = [
        m.group(0)
        for m in _NUMBER.finditer(pitch)
        if re.search(
            r"percent|%|\$|cut|grew|raised|helped|built|\d", pitch[m.start() : m.end() + 40]
        )
    ]
    if not evidence:
        return None
    kept = [e for e in evidence if fold(e) in fold(out.text)]
    return PASS if kept else fail(f"drops the evidence {evidence[:3]}")


_JOB_WARNING = re.compile(
    r"ask(?:s|ing)? (?:them |for )?(?:for )?(?:a job|work|an? (?:internship|referral|role))"
    r"|job (?:request|ask)|never ask for a job|not (?:a|the) place to ask",
    re.IGNORECASE,
)


def flags_job_ask(out: Output) -> Verdict | None:
    """The review warns about a job request in a pitch, and only when there is one."""
    if out.kind != "pitch_cleaner":
        return None
    screen = re.sub(r"<pre>.*?</pre>", " ", out.extra.get("screen", ""), flags=re.DOTALL)
    warned = bool(_JOB_WARNING.search(screen))
    if out.case.get("job_ask") and not warned:
        return fail("no warning about the job request")
    if not out.case.get("job_ask") and warned:
        return fail("warns about a job request that isn't there")
    return PASS


_LANGUAGES = {"es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German"}


def honest_language(out: Output) -> Verdict | None:
    """A pitch in another language gets told so, not English placeholders and a new greeting."""
    lang = out.case.get("language", "en")
    if out.kind != "pitch_cleaner" or lang == "en":
        return None
    screen = out.extra.get("screen", "")
    if _LANGUAGES[lang].lower() not in screen.lower():
        return fail(f"never says it reads as {_LANGUAGES[lang]}")
    if re.search(r"\[add:|\bHi, I'm\b", out.text):
        return fail("English placeholders or greeting added")
    return PASS


def self_review(out: Output) -> Verdict | None:
    """The coach's own review finds, in a pitch it built, the elements it put there."""
    if out.kind != "pitch_build" or "review_present" not in out.extra:
        return None
    seconds = out.extra["seconds"]
    answers = out.case.get("answers", {})
    built = [
        e
        for e in TIER_ELEMENTS[seconds]
        if answers.get(e) and mentions(out.text, answers[e], share=0.34)  # said, not dropped
    ]
    missing = sorted(set(built) - set(out.extra["review_present"]))
    return fail(f"own review misses {missing}") if missing else PASS


PITCH: dict[str, Grader] = {
    "element_coverage": element_coverage,
    "timing": timing,
    "no_flagged_filler": no_flagged_filler,
    "keeps_evidence": keeps_evidence,
    "flags_job_ask": flags_job_ask,
    "honest_language": honest_language,
    "self_review": self_review,
}
