"""Deterministic repairs for the cheap rule breaks; the caller re-checks and regenerates."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.features.outreach.domain.kinds import LINKEDIN_NOTE_LIMIT, SIGNED_KINDS, DraftKind
from bot.features.outreach.domain.records import Draft
from bot.features.outreach.domain.rules import Rule, check_draft, has_time_ask, name_tokens
from bot.features.outreach.domain.text import sentences, tidy

_SIGN_OFF = re.compile(
    r"^(?:best|best regards|kind regards|warm regards|warmly|regards|sincerely|many thanks"
    r"|thanks|thank you|with thanks|with gratitude|all the best|yours sincerely|respectfully"
    r"|cheers)[,!.]?$",
    re.IGNORECASE,
)


_DEFAULT_SUBJECTS = {
    DraftKind.REQUEST_EMAIL: "Request for {minutes} minutes of your advice",
    DraftKind.THANK_YOU: "Thank you for your time",
    DraftKind.FOLLOW_UP: "Following up: {minutes} minutes of your advice",
    DraftKind.INTRO_REQUEST: "Who else should I speak with?",
    DraftKind.KEEP_IN_TOUCH: "A quick update since we spoke",
}


def signature_lines(ctx: DraftContext) -> list[str]:
    """Name, then programme when known: the block every email-like draft ends with."""
    return list(ctx.signature)


def _with_signature(body: str, ctx: DraftContext) -> str:
    lines = body.rstrip().splitlines()
    for i in range(len(lines) - 1, max(len(lines) - 6, -1), -1):
        if _SIGN_OFF.match(lines[i].strip()):
            return "\n".join([*lines[: i + 1], *signature_lines(ctx)])
    return "\n".join([*lines, "", "Best regards,", *signature_lines(ctx)])


def _drop_sentences(body: str, doomed: list[str]) -> str:
    for sentence in doomed:
        body = body.replace(sentence, "")
    return tidy(body)


def _trim_note(body: str) -> str:
    """Cut a LinkedIn note at sentence boundaries, keeping the greeting and the time ask."""
    parts = sentences(body)
    keep = list(parts)
    for sentence in reversed(parts[1:]):
        if len(" ".join(keep)) <= LINKEDIN_NOTE_LIMIT:
            break
        if not has_time_ask(sentence):
            keep.remove(sentence)
    while len(" ".join(keep)) > LINKEDIN_NOTE_LIMIT and len(keep) > 1:
        keep.pop()
    return " ".join(keep)[:LINKEDIN_NOTE_LIMIT].strip()


def fix_draft(draft: Draft, ctx: DraftContext) -> Draft:
    """Repair what can be repaired without rewriting; the caller re-checks and regenerates."""
    rules = {v.rule for v in check_draft(draft, ctx)}
    body, subject = draft.body, draft.subject
    if Rule.JOB_ASK in rules:
        body = _drop_sentences(body, job_ask_sentences(body))
        if subject and job_ask_sentences(subject):
            subject = None
    if Rule.REFERRER_PERMISSION in rules and ctx.referrer_name:
        tokens = name_tokens(ctx.referrer_name)
        doomed = [
            s
            for s in sentences(body)
            if any(re.search(rf"\b{re.escape(t)}\b", s, re.I) for t in tokens)
        ]
        body = _drop_sentences(body, doomed)
        if subject and any(re.search(rf"\b{re.escape(t)}\b", subject, re.I) for t in tokens):
            subject = None
    if draft.kind.has_subject and not (subject or "").strip():
        subject = _DEFAULT_SUBJECTS[draft.kind].format(minutes=ctx.minutes)
    if draft.kind in SIGNED_KINDS and Rule.SIGNATURE in {
        v.rule for v in check_draft(replace(draft, body=body, subject=subject), ctx)
    }:
        body = _with_signature(body, ctx)
    if draft.kind is DraftKind.LINKEDIN_NOTE and len(body) > LINKEDIN_NOTE_LIMIT:
        body = _trim_note(body)
    return replace(draft, body=body, subject=subject, repairs=draft.repairs + tuple(sorted(rules)))
