"""The handout's rules for a draft, each a small named check, judged from one table.

Drafts come from two places (Claude, or the offline templates) and both can go wrong: too long for
a phone screen, no concrete time ask, a sneaked-in job request, a referrer named without
permission. The advice is only worth something if it is enforced, so every draft passes
:func:`check_draft` whatever its source. A rule is a function from the draft and its context to
the sentence a student can act on (or None when the draft keeps it); :data:`RULES` lists them in
the order the student reads the reasons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.explained import Reason
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.features.outreach.domain.kinds import (
    LINKEDIN_NOTE_LIMIT,
    MAX_ASK_MINUTES,
    MIN_ASK_MINUTES,
    SIGNED_KINDS,
    WORD_LIMITS,
    DraftKind,
)
from bot.features.outreach.domain.records import Draft
from bot.features.outreach.domain.text import mentions, sentences, word_count


class Rule(StrEnum):
    """Keys of the rules, kept as constants so tests and logs share the spelling."""

    LENGTH = "length"
    TIME_ASK = "time_ask"
    JOB_ASK = "job_ask"
    SIGNATURE = "signature"
    REFERRER_PERMISSION = "referrer_permission"
    OPENS_WITH_CONNECTION = "opens_with_connection"
    HIGHLIGHT = "highlight"
    OBJECTIVE = "objective"
    SUBJECT = "subject"
    PLACEHOLDER = "placeholder"
    FLEXIBILITY = "flexibility"
    INTRO_ASK = "intro_ask"
    ASK_NOW_PLAN = "ask_now_plan"
    PROGRESS = "progress"
    PUSHY = "pushy"


@dataclass(frozen=True, slots=True)
class RuleViolation:
    """One broken rule, with the reason (a catalogue key) in words a student can act on."""

    rule: Rule
    reason: Reason


_NUMBER_WORDS = {"ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30}
_MINUTES = re.compile(
    r"\b(\d{1,3}|ten|fifteen|twenty-five|twenty|thirty)(?:\s*(?:-|–|to)\s*(\d{1,3}))?"
    r"[\s-]*(?:minutes?|mins?)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|[\[\]{}]|<[^>\n]{1,40}>|\bTODO\b|\bXXX\b|_{3,}")
_FLEX_MODES = {
    "phone": re.compile(r"\b(?:phone|call)\b", re.IGNORECASE),
    "video": re.compile(r"\b(?:video|zoom|teams|online)\b", re.IGNORECASE),
    "in_person": re.compile(r"\bin[ -]person\b|\bcoffee\b|\bmeet\b", re.IGNORECASE),
}
_PUSHY = re.compile(r"\basap\b|\burgent(?:ly)?\b|\bas soon as possible\b|!!|\byou must\b", re.I)


def has_time_ask(text: str) -> bool:
    """A concrete number of minutes between 10 and 30, the handout's "May I have 20 minutes"."""
    for match in _MINUTES.finditer(text):
        raw = match.group(1).lower()
        low = _NUMBER_WORDS.get(raw) or int(raw)
        high = int(match.group(2)) if match.group(2) else low
        if MIN_ASK_MINUTES <= low <= high <= MAX_ASK_MINUTES:
            return True
    return False


def _signature_block(body: str, ctx: DraftContext) -> str:
    """The short lines closing the message (at most four), where a signature lives."""
    width = max(80, len(ctx.programme) + 20)
    block: list[str] = []
    for line in reversed([ln.strip() for ln in body.splitlines() if ln.strip()]):
        if len(line) > width or len(block) == 4:
            break
        block.append(line)
    return "\n".join(reversed(block))


def _opening(body: str) -> str:
    """The first two sentences after the greeting line, where the connection belongs."""
    lines = [ln for ln in body.splitlines() if ln.strip()]
    if lines and re.match(r"^(?:hi|hello|dear|good\s+\w+)\b.*,$", lines[0], re.IGNORECASE):
        lines = lines[1:]
    return " ".join(sentences("\n".join(lines))[:2])


def name_tokens(name: str) -> list[str]:
    """The referrer's full name and each longer part of it, as a draft might spell them."""
    parts = [p for p in re.split(r"\s+", name.strip()) if len(p) >= 3]
    return [name.strip(), *parts] if name.strip() else []


# --- the rules, one function each -----------------------------------------------------------

Check = Callable[[Draft, DraftContext], "Reason | None"]


def _full(draft: Draft) -> str:
    return f"{draft.subject or ''}\n{draft.body}"


def length(draft: Draft, ctx: DraftContext) -> Reason | None:
    """Short enough to read on a phone: characters for a LinkedIn note, words for the rest."""
    if draft.kind is DraftKind.LINKEDIN_NOTE:
        if len(draft.body) > LINKEDIN_NOTE_LIMIT:
            return Reason(
                "outreach.rule_note_length",
                {"limit": LINKEDIN_NOTE_LIMIT, "length": len(draft.body)},
            )
        return None
    limit, words = WORD_LIMITS[draft.kind], word_count(draft.body)
    if words > limit:
        return Reason("outreach.rule_length", {"limit": limit, "words": words})
    return None


def placeholder(draft: Draft, ctx: DraftContext) -> Reason | None:
    """Nothing left to fill in: brackets, template marks, TODO."""
    return Reason("outreach.rule_placeholder") if _PLACEHOLDER.search(_full(draft)) else None


def job_ask(draft: Draft, ctx: DraftContext) -> Reason | None:
    """An informational interview never asks for a job."""
    if job_ask_sentences(_full(draft)):
        return Reason("outreach.rule_job_ask")
    return None


def pushy(draft: Draft, ctx: DraftContext) -> Reason | None:
    """Polite and respectful of their time: no "ASAP", no "you must"."""
    if _PUSHY.search(_full(draft)):
        return Reason("outreach.rule_pushy")
    return None


def subject(draft: Draft, ctx: DraftContext) -> Reason | None:
    """Emails carry a subject line."""
    if draft.kind.has_subject and not (draft.subject or "").strip():
        return Reason("outreach.rule_subject")
    return None


def time_ask(draft: Draft, ctx: DraftContext) -> Reason | None:
    """A request asks for a specific short time ("May I have 20 minutes")."""
    if draft.kind.is_request and not has_time_ask(draft.body):
        return Reason("outreach.rule_time_ask", {"minutes": ctx.minutes})
    return None


def objective(draft: Draft, ctx: DraftContext) -> Reason | None:
    """A request states the student's objective up front."""
    if draft.kind.is_request and not mentions(draft.body, ctx.objective):
        return Reason("outreach.rule_objective")
    return None


def signature(draft: Draft, ctx: DraftContext) -> Reason | None:
    """Emails and LinkedIn messages end with the student's name (and programme, when known)."""
    if draft.kind not in SIGNED_KINDS:
        return None
    tail = _signature_block(draft.body, ctx).lower()
    if all(line.lower() in tail for line in ctx.signature):
        return None
    return Reason(
        "outreach.rule_signature_programme" if len(ctx.signature) > 1 else "outreach.rule_signature"
    )


def referrer_permission(draft: Draft, ctx: DraftContext) -> Reason | None:
    """The referrer is named only when the introducer said their name may be used."""
    if not ctx.referrer_name or ctx.may_use_referrer_name:
        return None
    lowered = _full(draft).lower()
    if any(
        re.search(rf"\b{re.escape(t.lower())}\b", lowered) for t in name_tokens(ctx.referrer_name)
    ):
        return Reason("outreach.rule_referrer_permission", {"referrer": ctx.referrer_name})
    return None


def opens_with_connection(draft: Draft, ctx: DraftContext) -> Reason | None:
    """A request email opens with who referred the student, or how they found the contact."""
    if draft.kind is not DraftKind.REQUEST_EMAIL or not ctx.opening_connection:
        return None
    opening = _opening(draft.body)
    referrer = ctx.usable_referrer
    if referrer:
        ok = referrer.lower() in opening.lower()
    else:
        ok = mentions(opening, ctx.connection or "")
    return None if ok else Reason("outreach.rule_opens_with_connection")


def flexibility(draft: Draft, ctx: DraftContext) -> Reason | None:
    """A request email offers at least two ways to meet, at their convenience."""
    if draft.kind is not DraftKind.REQUEST_EMAIL:
        return None
    if sum(1 for rx in _FLEX_MODES.values() if rx.search(draft.body)) >= 2:
        return None
    return Reason("outreach.rule_flexibility")


def highlight(draft: Draft, ctx: DraftContext) -> Reason | None:
    """A thank-you mentions something specific from the conversation."""
    wanted = ctx.debrief_highlight
    if draft.kind is DraftKind.THANK_YOU and wanted and not mentions(draft.body, wanted):
        return Reason("outreach.rule_highlight")
    return None


def progress(draft: Draft, ctx: DraftContext) -> Reason | None:
    """A progress update shares the news the student wanted to tell."""
    wanted = ctx.progress_update
    if draft.kind is DraftKind.KEEP_IN_TOUCH and wanted and not mentions(draft.body, wanted):
        return Reason("outreach.rule_progress")
    return None


def intro_ask(draft: Draft, ctx: DraftContext) -> Reason | None:
    """An introduction request asks who else to speak with, and whether it may use their name."""
    if draft.kind is not DraftKind.INTRO_REQUEST:
        return None
    body = draft.body
    if _INTRO_WHO.search(body) and _INTRO_NAME.search(body):
        return None
    return Reason("outreach.rule_intro_ask")


def ask_now_plan(draft: Draft, ctx: DraftContext) -> Reason | None:
    """A phone script plans for "ask me now"."""
    if draft.kind is DraftKind.PHONE_SCRIPT and not re.search(r"\bnow\b", draft.body, re.I):
        return Reason("outreach.rule_ask_now_plan")
    return None


_INTRO_WHO = re.compile(r"\b(?:recommend|suggest|introduc|point me|connect me)", re.I)
_INTRO_NAME = re.compile(r"\b(?:your name|mention you|mention that you)\b", re.I)

RULES: tuple[tuple[Rule, Check], ...] = (
    (Rule.LENGTH, length),
    (Rule.PLACEHOLDER, placeholder),
    (Rule.JOB_ASK, job_ask),
    (Rule.PUSHY, pushy),
    (Rule.SUBJECT, subject),
    (Rule.TIME_ASK, time_ask),
    (Rule.OBJECTIVE, objective),
    (Rule.SIGNATURE, signature),
    (Rule.REFERRER_PERMISSION, referrer_permission),
    (Rule.OPENS_WITH_CONNECTION, opens_with_connection),
    (Rule.FLEXIBILITY, flexibility),
    (Rule.HIGHLIGHT, highlight),
    (Rule.PROGRESS, progress),
    (Rule.INTRO_ASK, intro_ask),
    (Rule.ASK_NOW_PLAN, ask_now_plan),
)


def check_draft(draft: Draft, ctx: DraftContext) -> list[RuleViolation]:
    """Every rule the draft breaks; an empty list means it may be shown."""
    return [
        RuleViolation(rule, reason)
        for rule, check in RULES
        if (reason := check(draft, ctx)) is not None
    ]
