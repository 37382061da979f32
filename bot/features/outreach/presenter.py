"""Showing a draft ready to copy, rewriting it on request, and recording "I sent it".

These buttons outlive the conversation that produced the draft (a thank-you appears at the end of
/debrief, a request at the end of /draft), so they are handled here, outside any conversation. The
draft's settings are remembered per shown draft, so an older draft's buttons still do the right
thing.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.features.contacts.domain import LOG_INTRO_ASK, Contact
from bot.features.interviews.domain.interviews import day_label
from bot.features.outreach.coach import write_draft
from bot.features.outreach.coach_offline import DraftUnavailable
from bot.features.outreach.domain.facts import (
    DraftFacts,
    draft_context,
    in_students_zone,
    stage_after_sent,
)
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.tone import PLAIN, Adjustment, Tone
from bot.flow.kit import (
    CoachContext,
    Rows,
    drop_buttons,
    pressed,
    replace,
    say,
    say_template,
    user_id,
)
from bot.llm.prompts import render
from bot.render.keyboards import btn

_SHOWN_KEY = "drafts_shown"
_REMEMBERED = 8


def _buttons(draft_id: str) -> Rows:
    def adj(a: Adjustment) -> Any:
        return btn(a.label, "dr", "a", a.value, draft_id)

    return [
        [adj(Adjustment.SHORTER), adj(Adjustment.WARMER)],
        [adj(Adjustment.FORMAL), adj(Adjustment.ANOTHER)],
        [btn("✅ I sent it", "dr", "s", draft_id)],
    ]


def _remember(
    context: CoachContext, draft_id: str, facts: DraftFacts, tone: Tone, variant: int
) -> None:
    shown: dict[str, Any] = context.scratch.setdefault(_SHOWN_KEY, {})
    shown[draft_id] = {"facts": asdict(facts), "tone": asdict(tone), "variant": variant}
    for old in list(shown)[:-_REMEMBERED]:
        del shown[old]


async def present(
    update: Update,
    context: CoachContext,
    kind: DraftKind,
    contact: Contact,
    facts: DraftFacts,
    *,
    tone: Tone = PLAIN,
    variant: int = 0,
    edit: bool = False,
    retry: bool = False,
) -> bool:
    """Write, check and show one draft with its buttons; False when the facts make it impossible.

    ``retry`` means the caller is still waiting for the student's words, so the explanation
    invites them to type a shorter version right away.
    """
    services = context.services
    uid = user_id(update)
    profile = await services.profiles.get(uid)
    introducer = (
        await services.contacts.get(uid, contact.introduced_by) if contact.introduced_by else None
    )
    interview = await services.interviews.latest_for_contact(uid, contact.id)
    fallback = update.effective_user.full_name if update.effective_user else ""
    ctx = draft_context(
        profile,
        contact,
        introducer=introducer,
        interview=interview,
        facts=facts,
        fallback_name=fallback,
    )
    try:
        draft = await write_draft(services.llm, kind, ctx, tone, variant)
    except DraftUnavailable as exc:
        await say_template(
            update,
            context,
            "outreach/unavailable.html.j2",
            reasons=[v.message for v in exc.violations],
            retry=retry,
        )
        return False
    saved = await services.drafts.keep(uid, contact.id, draft)
    _remember(context, saved.id, facts, tone, variant)
    html = render("outreach/draft.html.j2", draft=draft, kind=kind, contact=contact)
    if edit:
        await replace(update, context, html, _buttons(saved.id))
    else:
        await say(update, context, html, _buttons(saved.id))
    return True


async def adjust(update: Update, context: CoachContext) -> None:
    """Shorter, warmer, more formal or another version: rewrite the draft in place."""
    press = await pressed(update, context, "Rewriting…")
    if press is None:
        return
    uid = user_id(update)
    try:
        adjustment = Adjustment(press.arg(1))
    except ValueError:
        return
    saved = await context.services.drafts.get(uid, press.arg(2))
    contact = await context.services.contacts.get(uid, saved.contact_id) if saved else None
    if saved is None or contact is None:
        await drop_buttons(update.callback_query)
        await say(update, context, "That draft's contact is gone. /draft starts a new one.")
        return
    state = context.scratch.get(_SHOWN_KEY, {}).get(saved.id, {})
    facts = DraftFacts(**state.get("facts", {}))
    tone, variant = adjustment.apply(Tone(**state.get("tone", {})), state.get("variant", 0))
    await present(
        update, context, saved.kind, contact, facts, tone=tone, variant=variant, edit=True
    )


async def sent(update: Update, context: CoachContext) -> None:
    """Record the send date and move the contact along; the draft stays on screen to copy."""
    press = await pressed(update, context, "Noted ✅")
    if press is None:
        return
    uid = user_id(update)
    services = context.services
    saved = await services.drafts.mark_sent(uid, press.arg(1))
    contact = await services.contacts.get(uid, saved.contact_id) if saved else None
    await drop_buttons(update.callback_query)
    if saved is None or contact is None:
        await say(update, context, "That draft's contact is gone, so there's nothing to update.")
        return
    stage = stage_after_sent(saved.kind, contact.stage)
    note = f"{saved.kind.label} sent"
    if stage is not None:
        contact = await services.contacts.set_stage(uid, contact.id, stage, note=note) or contact
    else:
        kind = LOG_INTRO_ASK if saved.kind is DraftKind.INTRO_REQUEST else "sent"
        contact = await services.contacts.add_log(uid, contact.id, kind, note) or contact
    profile = await services.profiles.get(uid)
    sent_at = in_students_zone(saved.sent_at, profile.timezone) if saved.sent_at else None
    rows: Rows = []
    if saved.kind.is_request:
        rows = [[btn("📋 Prepare for it", "go", "prep", contact.id)]]
    await say_template(
        update,
        context,
        "outreach/sent.html.j2",
        rows or None,
        kind=saved.kind,
        contact=contact,
        moved=stage is not None,
        sent_on=day_label(sent_at, short=True, weekday=False, clock=False) if sent_at else None,
    )


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Draft buttons, valid wherever the draft was shown."""
    return [
        CallbackQueryHandler(adjust, pattern=r"^dr\|a\|"),
        CallbackQueryHandler(sent, pattern=r"^dr\|s\|"),
    ]
