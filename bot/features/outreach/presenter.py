"""Showing a draft ready to copy, rewriting it on request, and recording "I sent it".

The public face of /draft for other features: /debrief ends by calling :func:`present` for the
thank-you. The buttons under a draft outlive the conversation that produced it, so they are
plain typed presses (``on_press``), valid wherever the draft was shown. The draft's settings
are remembered per shown draft, so an older draft's buttons still do the right thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import Update

from bot.features.contacts.domain import Contact
from bot.features.interviews.domain.interviews import day_label
from bot.features.outreach import service
from bot.features.outreach.coach_offline import DraftUnavailable
from bot.features.outreach.domain.facts import DraftFacts
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.tone import PLAIN, Adjustment, Tone
from bot.flow import CoachContext, Go, Press, Rows, on_press, replace, say, say_template, user_id
from bot.flow.context import AnyHandler
from bot.flow.replies import drop_buttons
from bot.render.keyboards import Button
from bot.render.messages import explain, message
from bot.render.templates import render
from bot.store.records import from_json, to_json

_SHOWN_KEY = "drafts_shown"
_REMEMBERED = 8


@dataclass(frozen=True, slots=True)
class Adjust(Press, code="dr|a"):
    """Shorter, warmer, more formal or another version of one shown draft."""

    adjustment: Adjustment
    draft_id: str


@dataclass(frozen=True, slots=True)
class MarkSent(Press, code="dr|s"):
    """The student sent this draft."""

    draft_id: str


@dataclass(frozen=True, slots=True)
class Shown:
    """What a shown draft was written from, so its buttons rewrite it the same way."""

    facts: DraftFacts = field(default_factory=DraftFacts)
    tone: Tone = PLAIN
    variant: int = 0


def _buttons(draft_id: str, kind: DraftKind | None = None) -> Rows:
    def adjust(a: Adjustment) -> Button:
        return Adjust(a, draft_id).button(message(a.label_key))

    done = "outreach.called_button" if kind is DraftKind.PHONE_SCRIPT else "outreach.sent_button"
    return [
        [adjust(Adjustment.SHORTER), adjust(Adjustment.WARMER)],
        [adjust(Adjustment.FORMAL), adjust(Adjustment.ANOTHER)],
        [MarkSent(draft_id).button(message(done))],
    ]


def _remember(context: CoachContext, draft_id: str, shown: Shown) -> None:
    kept = context.scratch.setdefault(_SHOWN_KEY, {})
    kept[draft_id] = to_json(shown)
    for old in list(kept)[:-_REMEMBERED]:
        del kept[old]


def _recall(context: CoachContext, draft_id: str) -> Shown:
    return from_json(Shown, context.scratch.get(_SHOWN_KEY, {}).get(draft_id, {}))


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
    fallback = update.effective_user.full_name if update.effective_user else ""
    try:
        written = await service.write(
            context.services,
            user_id(update),
            kind,
            contact,
            facts,
            tone=tone,
            variant=variant,
            fallback_name=fallback,
        )
    except DraftUnavailable as exc:
        await say_template(
            update,
            context,
            "outreach/unavailable.html.j2",
            reasons=[explain(v.reason) for v in exc.violations],
            retry=retry,
        )
        return False
    draft_id = written.saved.id
    _remember(context, draft_id, Shown(facts, tone, variant))
    html = render("outreach/draft.html.j2", draft=written.draft, kind=kind, contact=contact)
    if edit:
        await replace(update, context, html, _buttons(draft_id, kind))
    else:
        await say(update, context, html, _buttons(draft_id, kind))
    return True


async def rewrite(
    update: Update, context: CoachContext, draft_id: str, adjustment: Adjustment, *, edit: bool
) -> None:
    """Shorter, warmer, more formal or another version of a shown draft; ``edit`` rewrites the
    pressed message in place (the draft itself, or the question asked before it)."""
    found = await service.kept(context.services, user_id(update), draft_id)
    if found is None:
        if update.callback_query is not None:
            await drop_buttons(update.callback_query)
        await say(update, context, message("outreach.draft_contact_gone"))
        return
    saved, contact = found
    shown = _recall(context, saved.id)
    tone, variant = adjustment.apply(shown.tone, shown.variant)
    await present(
        update, context, saved.kind, contact, shown.facts, tone=tone, variant=variant, edit=edit
    )


@on_press(Adjust, toast=message("outreach.rewriting"))
async def adjust(update: Update, context: CoachContext, press: Adjust) -> None:
    """Shorter, warmer, more formal or another version: rewrite the draft in place.

    "More formal" for someone whose title is unknown is caught first by the /draft flow, which
    asks how to address them (handlers/draft.py), then comes back through :func:`rewrite`."""
    await rewrite(update, context, press.draft_id, press.adjustment, edit=True)


@on_press(MarkSent, keep_buttons=False, toast=message("outreach.noted"))
async def sent(update: Update, context: CoachContext, press: MarkSent) -> None:
    """Record the send date and move the contact along; the draft stays on screen to copy."""
    outcome = await service.mark_sent(context.services, user_id(update), press.draft_id)
    if outcome is None:
        await say(update, context, message("outreach.sent_contact_gone"))
        return
    kind, contact = outcome.saved.kind, outcome.contact
    rows: Rows | None = None
    if kind.is_request:
        rows = [[Go("prep", contact.id).button(message("outreach.prepare_button"))]]
    sent_on = outcome.sent_at
    await say_template(
        update,
        context,
        "outreach/sent.html.j2",
        rows,
        kind=kind,
        contact=contact,
        moved=outcome.moved,
        sent_on=day_label(sent_on, short=True, weekday=False, clock=False) if sent_on else None,
    )


def handlers() -> list[AnyHandler]:
    """Draft buttons, valid wherever the draft was shown."""
    return [adjust, sent]
