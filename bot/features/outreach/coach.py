"""Drafts from Claude when it is configured, from the offline templates otherwise; always checked.

Whatever the source, a draft passes ``ensure_valid(_async)`` before anyone sees it: a broken one is
fixed, regenerated (Claude is asked again with a different variant), or replaced by an offline
wording that passes, so a student never copies a message that asks for a job or names a referrer
without permission.
"""

from __future__ import annotations

import logging

from bot.features.outreach.coach_offline import (
    claude_variables,
    ensure_valid,
    ensure_valid_async,
    offline_draft,
)
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import Draft, parse_draft_text
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.llm.base import LLM

log = logging.getLogger(__name__)


class _ClaudeSilent(RuntimeError):
    """Claude gave no answer this time; the offline coach takes over."""


async def write_draft(
    llm: LLM, kind: DraftKind, ctx: DraftContext, tone: Tone = PLAIN, variant: int = 0
) -> Draft:
    """A draft that passes every rule; raises ``DraftUnavailable`` only when the facts forbid it."""

    async def ask_claude(attempt: int) -> Draft:
        text = await llm.text(
            "outreach/drafts/system.txt.j2",
            "outreach/drafts/user.txt.j2",
            **claude_variables(kind, ctx, tone=tone, variant=variant + attempt),
        )
        if text is None:
            raise _ClaudeSilent(kind.value)
        return parse_draft_text(kind, text, "claude")

    if llm.enabled:
        try:
            first = await ask_claude(0)
        except _ClaudeSilent:
            log.info("Claude had no %s draft; using the offline coach", kind.value)
        else:
            return await ensure_valid_async(first, ctx, ask_claude, tone=tone)
    return ensure_valid(
        offline_draft(kind, ctx, tone=tone, variant=variant),
        ctx,
        lambda attempt: offline_draft(kind, ctx, tone=tone, variant=variant + attempt),
        tone=tone,
    )
