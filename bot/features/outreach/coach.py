"""Drafts from Claude when it is configured, from the offline templates otherwise; always checked.

Whatever the source, a draft passes ``ensure_valid(_async)`` before anyone sees it: a broken one is
fixed, regenerated (Claude is asked again with a different variant), or replaced by an offline
wording that passes, so a student never copies a message that asks for a job or names a referrer
without permission.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from pydantic import BaseModel, Field

from bot.features.outreach.coach_offline import (
    claude_variables,
    ensure_valid,
    ensure_valid_async,
    greeting_line,
    offline_draft,
)
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.introductions import self_introduction
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import Draft, parse_draft_text
from bot.features.outreach.domain.rules import check_draft
from bot.features.outreach.domain.salutations import opens_with, with_greeting
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.llm.base import LLM, Request
from bot.llm.grounding import unsupported_facts
from bot.render.messages import explain

log = logging.getLogger(__name__)


class _ClaudeSilent(RuntimeError):
    """Claude gave no answer this time; the offline coach takes over."""


class DraftReply(BaseModel):
    """One outreach message."""

    subject: str = Field(description="Subject line for emails, without 'Subject:'; else empty")
    body: str

    @classmethod
    def from_text(cls, text: str) -> DraftReply:
        """The plain-text form ("Subject: ..." line, blank line, body), for scripted replies."""
        subject, _, body = text.partition("\n\n")
        if subject.lower().startswith("subject:"):
            return cls(subject=subject.split(":", 1)[1].strip(), body=body.strip())
        return cls(subject="", body=text.strip())

    def text(self, kind: DraftKind) -> str:
        """As ``parse_draft_text`` reads drafts, so Claude's pass the same normalisation."""
        if kind.has_subject and self.subject.strip():
            return f"Subject: {self.subject.strip()}\n\n{self.body.strip()}"
        return self.body.strip()


def fact_sources(ctx: DraftContext) -> list[str]:
    """Every fact a draft may mention: the context the student and their contact gave."""
    values = (
        ctx.student_name,
        ctx.programme,
        self_introduction(ctx.programme),
        ctx.contact_name,
        ctx.organization,
        ctx.role,
        ctx.field,
        ctx.connection,
        ctx.usable_referrer,
        ctx.objective,
        str(ctx.minutes),
        ctx.debrief_highlight,
        ctx.progress_update,
        ctx.interests,
    )
    return [v for v in values if v]


def draft_problems(draft: Draft, ctx: DraftContext, tone: Tone = PLAIN) -> list[str]:
    """Every rule a draft breaks, as "rule: why" for the repair round; empty when it may be shown.

    The offline coach's own gate (``check_draft``) plus the checks only a model needs: the
    greeting exactly as given (never a guessed title), and names and numbers that are not in
    the data (a referrer who did not consent is one of them).
    """
    problems = [f"{v.rule.value}: {explain(v.reason)}" for v in check_draft(draft, ctx)]
    line = greeting_line(ctx, tone)
    if draft.kind is not DraftKind.PHONE_SCRIPT and not opens_with(draft.body, line):
        problems.append(f'greeting: open with exactly "{line}" (no other title or form of name)')
    invented = unsupported_facts(f"{draft.subject or ''}\n{draft.body}", fact_sources(ctx))
    if invented:
        problems.append(f"facts: {', '.join(invented)} not in the data; use only the data's facts")
    return problems


async def write_draft(
    llm: LLM, kind: DraftKind, ctx: DraftContext, tone: Tone = PLAIN, variant: int = 0
) -> Draft:
    """A draft that passes every rule; raises ``DraftUnavailable`` only when the facts forbid it."""

    line = greeting_line(ctx, tone)

    def as_draft(reply: DraftReply) -> Draft:
        draft = parse_draft_text(kind, reply.text(kind), "claude")
        if kind is DraftKind.PHONE_SCRIPT:
            return draft
        return replace(draft, body=with_greeting(draft.body, line))  # never a guessed title

    async def ask_claude(attempt: int) -> Draft:
        variables = claude_variables(kind, ctx, tone=tone, variant=variant + attempt)
        reply = await llm.parse(
            Request(
                "outreach/drafts/user.txt.j2",
                variables,
                task_template="outreach/drafts/system.txt.j2",
                max_tokens=1200,
            ),
            DraftReply,
            lambda r: draft_problems(as_draft(r), ctx, tone),
        )
        if reply.value is None:  # a failure with nothing to salvage; INVALID keeps the last try
            raise _ClaudeSilent(kind.value)
        draft = as_draft(reply.value)
        if unsupported_facts(f"{draft.subject or ''}\n{draft.body}", fact_sources(ctx)):
            raise _ClaudeSilent(f"{kind.value}: invented facts")  # no deterministic fix for those
        return draft

    if llm.enabled:
        try:
            first = await ask_claude(0)
        except _ClaudeSilent:
            log.info("Claude had no usable %s draft; using the offline coach", kind.value)
        else:
            return await ensure_valid_async(first, ctx, ask_claude, tone=tone)
    return ensure_valid(
        offline_draft(kind, ctx, tone=tone, variant=variant),
        ctx,
        lambda attempt: offline_draft(kind, ctx, tone=tone, variant=variant + attempt),
        tone=tone,
    )
