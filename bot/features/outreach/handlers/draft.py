"""/draft: choose the kind of message and the contact, add the one fact it needs, get a draft.

The conversation only gathers what the draft needs (for a request, the objective; for a thank-you,
the highlight; for an update, the news) and then hands over to ``draft_show``, whose buttons keep
working after the conversation ends.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.features.contacts.domain import Contact
from bot.features.contacts.picker import ContactPicker
from bot.features.home.menu import go_pattern
from bot.features.interviews.domain.interviews import chosen_objective, objective_suggestions
from bot.features.outreach import presenter as draft_show
from bot.features.outreach.domain.facts import (
    OBJECTIVE_KINDS,
    DraftFacts,
    ObjectiveError,
    clean_objective,
)
from bot.features.outreach.domain.kinds import DraftKind
from bot.flow.kit import (
    END,
    CoachContext,
    drop_buttons,
    flow_fallbacks,
    pressed,
    say,
    say_template,
    user_id,
)
from bot.render.keyboards import btn, columns

KIND, FACT, PAUSED = 0, 1, 2
_FLOW = "draft_flow"
OBJECTIVES_KEY = "objective_by_contact"  # the student's own objective per contact, reused by /prep
_FACT_CHARS = (3, 200)


def _flow(context: CoachContext) -> dict[str, Any]:
    return context.scratch.setdefault(_FLOW, {})


async def _ask_kind(update: Update, context: CoachContext, contact: Contact | None) -> int:
    buttons = [btn(kind.label, "dr", "k", kind.value) for kind in DraftKind]
    await say_template(
        update, context, "outreach/ask_kind.html.j2", columns(buttons), contact=contact
    )
    return KIND


async def start(update: Update, context: CoachContext) -> int:
    """/draft: offer to continue a paused draft or start over; otherwise ask for the kind."""
    flow = _flow(context)
    if flow.get("kind") in {k.value for k in DraftKind}:
        contact = await _paused_contact(update, context)
        await say_template(
            update,
            context,
            "outreach/paused.html.j2",
            [[btn("▶️ Continue", "dr", "p", "continue"), btn("🔄 Start over", "dr", "p", "new")]],
            kind=DraftKind(flow["kind"]),
            contact=contact,
        )
        return PAUSED
    context.scratch[_FLOW] = {}
    return await _ask_kind(update, context, None)


async def paused_button(update: Update, context: CoachContext) -> int:
    """ "Continue" picks the paused draft up at its step; "Start over" forgets it."""
    press = await pressed(update, context)
    if press is None:
        return PAUSED
    await drop_buttons(update.callback_query)
    if press.arg(1) != "continue":
        context.scratch[_FLOW] = {}
        return await _ask_kind(update, context, None)
    contact = await _paused_contact(update, context)
    if contact is None:
        return await PICKER.ask(update, context)
    await say(update, context, "Let's pick up where we left off.")
    return await contact_chosen(update, context, contact)


async def _paused_contact(update: Update, context: CoachContext) -> Contact | None:
    contact_id = _flow(context).get("contact")
    return await context.services.contacts.get(user_id(update), contact_id) if contact_id else None


async def from_card(update: Update, context: CoachContext) -> int:
    """ "✉️ Draft" on a contact card (or the menu): the contact, if any, is already chosen."""
    press = await pressed(update, context)
    if press is None:
        return END
    contact_id = press.arg(1)
    contact = (
        await context.services.contacts.get(user_id(update), contact_id) if contact_id else None
    )
    context.scratch[_FLOW] = {"contact": contact.id} if contact else {}
    return await _ask_kind(update, context, contact)


async def kind_chosen(update: Update, context: CoachContext) -> int:
    """The kind is chosen; next the contact, unless we came from their card."""
    press = await pressed(update, context)
    if press is None:
        return KIND
    try:
        kind = DraftKind(press.arg(1))
    except ValueError:
        return KIND
    await drop_buttons(update.callback_query)
    flow = _flow(context)
    flow["kind"] = kind.value
    contact_id = flow.get("contact")
    contact = (
        await context.services.contacts.get(user_id(update), contact_id) if contact_id else None
    )
    if contact is None:
        return await PICKER.ask(update, context)
    return await contact_chosen(update, context, contact)


async def contact_chosen(update: Update, context: CoachContext, contact: Contact) -> int:
    """Ask for the one fact this kind needs, or draft straight away when we already know it."""
    flow = _flow(context)
    flow["contact"] = contact.id
    kind = DraftKind(flow.get("kind", DraftKind.REQUEST_EMAIL.value))
    uid = user_id(update)
    services = context.services
    if kind is DraftKind.FOLLOW_UP and await services.drafts.sent_count(uid, contact.id, kind):
        await say_template(update, context, "outreach/followed_up.html.j2", contact=contact)
        return END
    interview = await services.interviews.latest_for_contact(uid, contact.id)
    if kind in OBJECTIVE_KINDS:
        saved = context.scratch.get(OBJECTIVES_KEY, {}).get(contact.id) or (
            interview.objective if interview else ""
        )
        return await _ask_fact(update, context, contact, "objective", saved)
    if kind is DraftKind.THANK_YOU and not (interview and interview.highlight):
        return await _ask_fact(update, context, contact, "highlight", "")
    if kind is DraftKind.KEEP_IN_TOUCH:
        return await _ask_fact(update, context, contact, "progress", "")
    return await _draft(update, context, contact, DraftFacts())


async def _ask_fact(
    update: Update, context: CoachContext, contact: Contact, need: str, saved: str
) -> int:
    flow = _flow(context)
    flow["need"] = need
    rows = []
    suggestions: list[str] = []
    if need == "objective":
        suggestions = objective_suggestions(contact.field, contact.role, contact.organization)
        rows.append([btn(str(i), "dr", "o", i) for i in range(1, len(suggestions) + 1)])
        if saved:
            flow["saved"] = saved
            rows.append([btn("Keep my objective", "dr", "o", "keep")])
    else:
        rows.append([btn("Skip", "dr", "o", "skip")])
    await say_template(
        update,
        context,
        "outreach/ask_fact.html.j2",
        rows,
        need=need,
        contact=contact,
        suggestions=suggestions,
        saved=saved,
    )
    return FACT


async def fact_button(update: Update, context: CoachContext) -> int:
    """A suggested objective, "keep my objective" or "skip"."""
    press = await pressed(update, context)
    if press is None:
        return FACT
    contact = await _contact(update, context)
    if contact is None:
        return END
    await drop_buttons(update.callback_query)
    flow = _flow(context)
    choice = press.arg(1)
    if choice == "skip":
        return await _draft(update, context, contact, DraftFacts())
    text = chosen_objective(
        choice,
        saved=flow.get("saved", ""),
        suggestions=objective_suggestions(contact.field, contact.role, contact.organization),
    )
    return await _use_fact(update, context, contact, text)


async def fact_typed(update: Update, context: CoachContext) -> int:
    """The student's own words: checked, explained if unusable, kept if fine."""
    assert update.message is not None and update.message.text is not None
    contact = await _contact(update, context)
    if contact is None:
        return END
    return await _use_fact(update, context, contact, update.message.text)


async def _use_fact(update: Update, context: CoachContext, contact: Contact, text: str) -> int:
    need = _flow(context).get("need", "objective")
    value = " ".join(text.split())
    if need == "objective":
        try:
            value = clean_objective(value)
        except ObjectiveError as exc:
            await say(update, context, f"{exc}\n\nType it again, or tap a suggestion above.")
            return FACT
        context.scratch.setdefault(OBJECTIVES_KEY, {})[contact.id] = value
        return await _draft(update, context, contact, DraftFacts(objective=value))
    low, high = _FACT_CHARS
    if not low <= len(value) <= high:
        await say(update, context, f"Keep it to one line ({low}–{high} characters), or tap Skip.")
        return FACT
    facts = DraftFacts(highlight=value) if need == "highlight" else DraftFacts(progress=value)
    return await _draft(update, context, contact, facts)


async def _draft(update: Update, context: CoachContext, contact: Contact, facts: DraftFacts) -> int:
    flow = _flow(context)
    kind = DraftKind(flow.get("kind", DraftKind.REQUEST_EMAIL.value))
    retry = flow.get("need") in ("objective", "highlight", "progress")
    if not await draft_show.present(update, context, kind, contact, facts, retry=retry):
        if retry:
            return FACT  # the reasons were shown; the student types it again, shorter
        context.scratch.pop(_FLOW, None)
        return END
    context.scratch.pop(_FLOW, None)
    return END


async def _contact(update: Update, context: CoachContext) -> Contact | None:
    contact_id = _flow(context).get("contact", "")
    contact = await context.services.contacts.get(user_id(update), contact_id)
    if contact is None:
        await say(update, context, "That contact is gone. /draft starts again.")
    return contact


PICKER = ContactPicker("d", "Who is it for?", contact_chosen)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The /draft conversation, then the draft buttons that work anywhere."""
    text = filters.TEXT & ~filters.COMMAND
    return [
        ConversationHandler(
            entry_points=[
                CommandHandler("draft", start),
                CallbackQueryHandler(from_card, pattern=go_pattern("draft")),
            ],
            states={
                KIND: [CallbackQueryHandler(kind_chosen, pattern=r"^dr\|k\|")],
                PAUSED: [CallbackQueryHandler(paused_button, pattern=r"^dr\|p\|")],
                FACT: [
                    CallbackQueryHandler(fact_button, pattern=r"^dr\|o\|"),
                    MessageHandler(text, fact_typed),
                ],
                **PICKER.states(),
            },
            fallbacks=flow_fallbacks(
                flow="the draft",
                resume="/draft",
                hint="Tap a button or type your answer here. /cancel pauses the draft.",
            ),
            name="draft",
            persistent=True,
            allow_reentry=True,
        ),
        *draft_show.handlers(),
    ]
