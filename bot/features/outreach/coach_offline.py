"""Drafts without a Claude key, and the gate every draft passes before the student sees it.

The offline templates live in ``prompts/drafts/<kind>.txt.j2``. Each renders "Subject: ..." then a
blank line then the body for email kinds, and the body alone for the others, so both the offline
coach and Claude replies are read by the same ``parse_draft_text``. Templates see the referrer's
name only when the introducer allowed it, so an offline draft cannot leak it even by mistake.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.features.outreach.domain.asking import objective_clause
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.highlight import highlight_phrase
from bot.features.outreach.domain.introductions import (
    interest_phrase,
    self_introduction,
    spoken_names,
    titled,
    with_article,
)
from bot.features.outreach.domain.kinds import (
    LINKEDIN_NOTE_LIMIT,
    WORD_LIMITS,
    DraftKind,
)
from bot.features.outreach.domain.records import Draft, parse_draft_text
from bot.features.outreach.domain.repairs import fix_draft
from bot.features.outreach.domain.rules import RuleViolation, check_draft
from bot.features.outreach.domain.salutations import greeting, stored_salutation
from bot.features.outreach.domain.text import content_words, word_count
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.render.messages import message
from bot.render.templates import as_data, render
from bot.wording import in_a_sentence

log = logging.getLogger(__name__)

VARIANTS = 3  # wordings per template; "another version" cycles through them
#: An offline request email stays under this many words (one phone screen), below the rule's
#: limit for any draft, so the student gets room to add a line of their own.
EMAIL_WORDS = 100
MAX_REGENERATIONS = 3


class DraftUnavailable(RuntimeError):
    """No draft passed the rules, not even the offline fallback; ``violations`` says why."""

    def __init__(self, kind: DraftKind, violations: list[RuleViolation]) -> None:
        super().__init__(f"no valid {kind.value} draft: {[v.rule for v in violations]}")
        self.kind = kind
        self.violations = violations


def _phrase(text: str | None) -> str:
    """Student text spliced into a sentence: no trailing full stop to double up."""
    return (text or "").strip().rstrip(".!").strip()


def greeting_line(ctx: DraftContext, tone: Tone) -> str:
    """The greeting this draft opens with, by the contact's salutation and the tone."""
    first = ctx.contact_first_name.strip() or ctx.contact_name.strip()
    return greeting(ctx.contact_name.strip(), first, ctx.salutation, tone)


def _titled(ctx: DraftContext) -> bool:
    chosen = stored_salutation(ctx.salutation)
    return titled(ctx.contact_name) or (chosen is not None and chosen.is_title)


def shared_interest(ctx: DraftContext) -> str:
    """The student's interests in their own words, when they are about this person's work:
    "health informatics" reads well to an informatics lead, oddly to a hardware engineer."""
    phrase = interest_phrase(ctx.interests)
    theirs = content_words(f"{ctx.field} {ctx.role} {ctx.organization}")
    return phrase if phrase and content_words(phrase) & theirs else ""


def _signed_name(ctx: DraftContext) -> str:
    """Their full name, or only the first one to someone who knows them ("Maya" to her aunt)."""
    return ctx.signature[0] if ctx.signature else ""


def template_values(ctx: DraftContext, tone: Tone = PLAIN) -> dict[str, Any]:
    """The facts as templates see them; the referrer is absent unless allowed."""
    highlight = highlight_phrase(ctx.debrief_highlight or "")
    return {
        "greeting": greeting_line(ctx, tone),
        "warm_connection": _phrase(ctx.warm_connection),
        "interests": shared_interest(ctx),
        "student": _signed_name(ctx),
        "programme": "" if ctx.knows_student else ctx.programme.strip(),
        "studies": "" if ctx.knows_student else self_introduction(ctx.programme),
        "close": ctx.knows_student,
        "first": ctx.contact_first_name.strip() or ctx.contact_name.strip(),
        "full": ctx.contact_name.strip(),
        "org": in_a_sentence(ctx.organization),  # "at the City of Oakland"
        "org_name": ctx.organization.strip(),  # a label: "Phone script: Dana Lopez, City of …"
        "role": ctx.role.strip(),
        "role_a": with_article(ctx.role),
        "field": ctx.field.strip(),
        "connection": _phrase(ctx.connection),
        "referrer": ctx.usable_referrer,
        "objective": objective_clause(ctx.objective),
        "minutes": ctx.minutes,
        "highlight": highlight.text,
        "highlight_form": highlight.form,
        "progress": _phrase(ctx.progress_update),
        "referrals": spoken_names(ctx.referrals),
        "titled": _titled(ctx),
    }


def offline_draft(
    kind: DraftKind, ctx: DraftContext, *, tone: Tone = PLAIN, variant: int = 0
) -> Draft:
    """Fill the kind's template; the same ``variant`` always gives the same wording.

    A LinkedIn note that would run past the connection-note limit, or a request email that would
    reach ``EMAIL_WORDS``, is filled again ``tight``: the same message with its offer of phone or
    video said in fewer words.
    """
    values = template_values(ctx, tone)
    for tight in (False, True):
        text = render(
            f"outreach/drafts/{kind.value}.txt.j2",
            c=values,
            tone=tone,
            v=variant % VARIANTS,
            tight=tight,
        )
        draft = parse_draft_text(kind, text, "offline")
        if not _too_long(draft):
            break
    return draft


def _too_long(draft: Draft) -> bool:
    if draft.kind is DraftKind.LINKEDIN_NOTE:
        return len(draft.body) > LINKEDIN_NOTE_LIMIT
    return draft.kind is DraftKind.REQUEST_EMAIL and word_count(draft.body) >= EMAIL_WORDS


def _accept(draft: Draft, ctx: DraftContext, fired: list[str]) -> Draft | None:
    """The draft, or its deterministic fix, if it passes; otherwise None (rules noted)."""
    violations = check_draft(draft, ctx)
    if not violations:
        return draft
    fired.extend(v.rule for v in violations)
    fixed = fix_draft(draft, ctx)
    return fixed if not check_draft(fixed, ctx) else None


def _finish(draft: Draft, fired: list[str]) -> Draft:
    if fired:
        log.info("draft %s repaired; rules fired: %s", draft.kind.value, sorted(set(fired)))
    return Draft(draft.kind, draft.subject, draft.body, draft.source, tuple(sorted(set(fired))))


def _fallback(kind: DraftKind, ctx: DraftContext, tone: Tone, fired: list[str]) -> Draft:
    """Offline drafts in every wording, then the shortest one; raise if even those break."""
    last: Draft | None = None
    for t in (tone, Tone(shorter=True)):
        for variant in range(VARIANTS):
            last = offline_draft(kind, ctx, tone=t, variant=variant)
            good = _accept(last, ctx, fired)
            if good is not None:
                return _finish(good, fired)
    assert last is not None
    raise DraftUnavailable(kind, check_draft(fix_draft(last, ctx), ctx))


def ensure_valid(
    draft: Draft,
    ctx: DraftContext,
    regenerate: Callable[[int], Draft],
    *,
    tone: Tone = PLAIN,
) -> Draft:
    """Check, fix, regenerate (attempt 1, 2, ...), then fall back offline; never show it broken.

    ``Draft.repairs`` on the result lists the rules that fired on the way. Raises
    ``DraftUnavailable`` only when the student's own facts make every draft break a rule (say, an
    objective too long for a LinkedIn note); its violations tell the student what to change.
    """
    fired: list[str] = []
    good = _accept(draft, ctx, fired)
    for attempt in range(1, MAX_REGENERATIONS + 1):
        if good is not None:
            return _finish(good, fired)
        good = _accept(regenerate(attempt), ctx, fired)
    if good is not None:
        return _finish(good, fired)
    return _fallback(draft.kind, ctx, tone, fired)


async def ensure_valid_async(
    draft: Draft,
    ctx: DraftContext,
    regenerate: Callable[[int], Awaitable[Draft]],
    *,
    tone: Tone = PLAIN,
) -> Draft:
    """``ensure_valid`` for regenerators that call Claude; a failing call falls back offline."""
    fired: list[str] = []
    good = _accept(draft, ctx, fired)
    for attempt in range(1, MAX_REGENERATIONS + 1):
        if good is not None:
            return _finish(good, fired)
        try:
            good = _accept(await regenerate(attempt), ctx, fired)
        except Exception:  # the network or the model failed; the offline coach still answers
            log.warning("draft regeneration failed", exc_info=True)
            break
    if good is not None:
        return _finish(good, fired)
    return _fallback(draft.kind, ctx, tone, fired)


def _tone_words(tone: Tone) -> str:
    words = [
        w
        for w, on in (
            ("shorter", tone.shorter),
            ("warmer", tone.warmer),
            ("more formal", tone.formal),
        )
        if on
    ]
    return ", ".join(words) if words else "warm and businesslike"


def claude_variables(
    kind: DraftKind, ctx: DraftContext, *, tone: Tone = PLAIN, variant: int = 0
) -> dict[str, Any]:
    """The variables both Claude templates need, so the gateway can render them itself.

    The data is JSON with ``<``, ``>`` and ``&`` escaped, so text copied from a contact can never
    close the ``<data>`` block and pose as instructions.
    """
    data = {
        "kind": kind.value,
        "kind_label": message(kind.label_key).lower(),
        "tone": _tone_words(tone),
        "alternative_version": variant + 1 if variant else None,
        "student_name": ctx.student_name,
        "programme": ctx.programme,
        "self_introduction": self_introduction(ctx.programme),
        "contact_name": ctx.contact_name,
        "contact_first_name": ctx.contact_first_name,
        # The exact greeting: the title the student chose, never one Claude guesses.
        "greeting": greeting_line(ctx, tone),
        "student_interests": ctx.interests,
        "organization": ctx.organization,
        "role": ctx.role,
        "field": ctx.field,
        "how_the_student_found_them": ctx.connection,
        "referrer_name": ctx.usable_referrer,
        "objective": ctx.objective,
        "minutes": ctx.minutes,
        "highlight_from_the_conversation": ctx.debrief_highlight,
        "progress_update": ctx.progress_update,
        # Family and close friends know the student: no self-introduction, a first-name signature.
        "knows_the_student_well": ctx.knows_student or None,
    }
    # Everything per request is data: only constants stay in the (cached) task block.
    return {
        "limits": {k.value: v for k, v in WORD_LIMITS.items()},
        "note_limit": LINKEDIN_NOTE_LIMIT,
        "kind_label": message(kind.label_key).lower(),
        "variant": variant,
        "data_json": as_data({k: v for k, v in data.items() if v not in (None, "")}),
    }


def claude_prompts(
    kind: DraftKind, ctx: DraftContext, *, tone: Tone = PLAIN, variant: int = 0
) -> tuple[str, str]:
    """System and user prompts for Claude: rules in the system prompt, facts as escaped data."""
    variables = claude_variables(kind, ctx, tone=tone, variant=variant)
    return render("outreach/drafts/system.txt.j2", **variables), render(
        "outreach/drafts/user.txt.j2", **variables
    )
