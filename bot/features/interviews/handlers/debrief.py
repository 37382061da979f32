"""/debrief: capture what was learned right after the meeting, then write the thank-you.

Notes go against the questions the student prepared (typed, or a voice note), then the one
highlight the thank-you will mention, the people the contact recommended (each saved as a contact
introduced by them, with whether their name may be used), and the next steps. The handout's advice
(thank them, ask who else to speak with, follow up) becomes the flow's order.
"""

from __future__ import annotations

from dataclasses import replace as dc_replace

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.features.contacts.domain import Contact, ContactDraft, Stage, parse_contact_line
from bot.features.contacts.picker import ContactPicker
from bot.features.home.menu import go_pattern
from bot.features.interviews.domain.interviews import (
    MAX_NEXT_STEPS,
    Interview,
    NoteEntry,
    Referral,
    Status,
    add_next_steps,
)
from bot.features.interviews.handlers.flow import InterviewFlow
from bot.features.outreach import presenter as draft_show
from bot.features.outreach.domain.facts import DraftFacts, name_problem
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
from bot.render.keyboards import btn

NOTE, HIGHLIGHT, REFERRAL, MAY_USE, NEXT = range(5)
FLOW = InterviewFlow("debrief_flow", "/debrief")
MAX_NOTE_CHARS = 1500
HIGHLIGHT_CHARS = (3, 200)
_NO_ONE = frozenset({"no", "none", "no one", "nobody", "nope", "that's all", "that's everyone"})


# --- entry -----------------------------------------------------------------------------------


async def start(update: Update, context: CoachContext) -> int:
    """/debrief: resume at the same step, or ask who the student just met."""
    return await FLOW.start(update, context, PICKER, _ask_step)


async def from_card(update: Update, context: CoachContext) -> int:
    """ "📝 Debrief" on a contact card or the prep sheet: the contact is already known."""
    return await FLOW.from_card(update, context, PICKER)


async def contact_chosen(update: Update, context: CoachContext, contact: Contact) -> int:
    """Debrief their latest interview (one is created if the student never used /prep)."""
    uid = user_id(update)
    interviews = context.services.interviews
    interview = await interviews.latest_for_contact(uid, contact.id)
    if interview is None or interview.status is Status.CANCELLED:
        interview = await interviews.create(uid, contact.id, "")
    context.scratch[FLOW.key] = {
        "contact": contact.id,
        "interview": interview.id,
        "step": NOTE,
        "q": 0,
    }
    await say_template(
        update, context, "interviews/debrief_intro.html.j2", contact=contact, interview=interview
    )
    return await _ask_step(update, context, contact, interview)


async def _ask_step(
    update: Update, context: CoachContext, contact: Contact, interview: Interview
) -> int:
    flow = FLOW.data(context)
    step = flow.get("step", NOTE)
    if step == NOTE:
        index = flow.get("q", 0)
        questions = interview.questions
        if questions and index >= len(questions):
            return await _ask_highlight(update, context, contact)
        question = questions[index] if questions else None
        rows = [[btn("Skip", "db", "n", "skip"), btn("Done with notes", "db", "n", "done")]]
        await say_template(
            update,
            context,
            "interviews/ask_note.html.j2",
            rows,
            contact=contact,
            question=question,
            number=index + 1,
            total=len(questions),
        )
        return NOTE
    if step == HIGHLIGHT:
        return await _ask_highlight(update, context, contact)
    if step in (REFERRAL, MAY_USE):
        return await _ask_referral(update, context, contact, first=True)
    return await _ask_next(update, context)


# --- notes -----------------------------------------------------------------------------------


async def _keep_note(update: Update, context: CoachContext, answer: str) -> int:
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    flow = FLOW.data(context)
    index = flow.get("q", 0)
    answer = answer.strip()[:MAX_NOTE_CHARS]
    question = interview.questions[index] if index < len(interview.questions) else None

    def change(i: Interview) -> Interview:
        if question is None:
            joined = f"{i.free_notes}\n{answer}".strip()
            return dc_replace(i, free_notes=joined[-MAX_NOTE_CHARS * 4 :])
        kept = tuple(n for n in i.notes if n.question != question)
        return dc_replace(i, notes=(*kept, NoteEntry(question, answer)))

    interview = (
        await context.services.interviews.update(user_id(update), interview.id, change) or interview
    )
    if not interview.questions:
        return await _ask_highlight(update, context, contact)
    flow["q"] = index + 1
    return await _ask_step(update, context, contact, interview)


async def note_typed(update: Update, context: CoachContext) -> int:
    """What they said about the current question, in the student's words."""
    assert update.message is not None and update.message.text is not None
    return await _keep_note(update, context, update.message.text)


async def note_voice(update: Update, context: CoachContext) -> int:
    """A voice note: transcribed when a backend is configured, otherwise kept by its length."""
    assert update.message is not None and update.message.voice is not None
    voice = update.message.voice
    transcriber = context.services.transcriber
    text: str | None = None
    if transcriber.enabled:
        file = await voice.get_file()
        audio = bytes(await file.download_as_bytearray())
        text = await transcriber.transcribe(audio, voice.mime_type)
    if text:
        await say_template(update, context, "interviews/transcribed.html.j2", text=text)
        return await _keep_note(update, context, text)
    FLOW.data(context)["voice_only"] = True
    seconds = int(voice.to_dict().get("duration", 0))  # plain seconds, as the Bot API sends it
    return await _keep_note(update, context, f"voice note, {seconds} s")


async def note_button(update: Update, context: CoachContext) -> int:
    """Skip this question, or stop taking notes."""
    press = await pressed(update, context)
    if press is None:
        return NOTE
    await drop_buttons(update.callback_query)
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    flow = FLOW.data(context)
    if press.arg(1) == "done" or not interview.questions:
        return await _ask_highlight(update, context, contact)
    flow["q"] = flow.get("q", 0) + 1
    return await _ask_step(update, context, contact, interview)


# --- highlight -------------------------------------------------------------------------------


async def _ask_highlight(update: Update, context: CoachContext, contact: Contact) -> int:
    flow = FLOW.data(context)
    flow["step"] = HIGHLIGHT
    await say_template(
        update,
        context,
        "interviews/ask_highlight.html.j2",
        [[btn("Skip", "db", "h", "skip")]],
        contact=contact,
        voice_only=flow.get("voice_only", False),
        problem=None,
    )
    return HIGHLIGHT


async def highlight_typed(update: Update, context: CoachContext) -> int:
    """The one line the thank-you note will mention."""
    assert update.message is not None and update.message.text is not None
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    text = " ".join(update.message.text.split()).rstrip(".")
    low, high = HIGHLIGHT_CHARS
    if not low <= len(text) <= high:
        await say_template(
            update,
            context,
            "interviews/ask_highlight.html.j2",
            [[btn("Skip", "db", "h", "skip")]],
            contact=contact,
            voice_only=False,
            problem=f"Keep it to one line ({low}–{high} characters).",
        )
        return HIGHLIGHT
    await context.services.interviews.update(
        user_id(update), interview.id, lambda i: dc_replace(i, highlight=text)
    )
    return await _ask_referral(update, context, contact, first=True)


async def highlight_button(update: Update, context: CoachContext) -> int:
    """No highlight: the thank-you will be a little more general."""
    press = await pressed(update, context)
    if press is None:
        return HIGHLIGHT
    await drop_buttons(update.callback_query)
    current = await FLOW.current(update, context)
    if current is None:
        return END
    return await _ask_referral(update, context, current[0], first=True)


# --- referrals -------------------------------------------------------------------------------


async def _ask_referral(
    update: Update, context: CoachContext, contact: Contact, *, first: bool, problem: str = ""
) -> int:
    FLOW.data(context)["step"] = REFERRAL
    label = "No one" if first else "That's everyone"
    await say_template(
        update,
        context,
        "interviews/ask_referral.html.j2",
        [[btn(label, "db", "r", "done")]],
        contact=contact,
        first=first,
        problem=problem,
    )
    return REFERRAL


async def referral_typed(update: Update, context: CoachContext) -> int:
    """Someone the contact recommended; next, whether their name may be used."""
    assert update.message is not None and update.message.text is not None
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, _ = current
    if " ".join(update.message.text.lower().split()).strip(".!'’") in _NO_ONE:
        return await _ask_next(update, context)
    draft = parse_contact_line(update.message.text)
    problem = next((reason for field, reason in draft.problems if field == "name"), None)
    problem = problem or (name_problem(draft.name) if draft.name else None)
    if problem or not draft.name:
        return await _ask_referral(
            update, context, contact, first=False, problem=problem or "A name, please."
        )
    flow = FLOW.data(context)
    flow["step"] = MAY_USE
    flow["referral"] = {
        "name": draft.name,
        "organization": draft.organization,
        "role": draft.role,
        "field": draft.field,
        "email": draft.email,
    }
    return await _ask_may_use(update, context, contact, draft.name)


async def _ask_may_use(
    update: Update, context: CoachContext, contact: Contact, name: str, *, again: bool = False
) -> int:
    rows = [
        [btn("Yes", "db", "u", "y"), btn("No", "db", "u", "n")],
        [btn("I didn't ask", "db", "u", "x")],
    ]
    await say_template(
        update,
        context,
        "interviews/ask_may_use.html.j2",
        rows,
        contact=contact,
        name=name,
        again=again,
    )
    return MAY_USE


async def may_use_typed(update: Update, context: CoachContext) -> int:
    """Text while the yes/no question is open: ask it again, and say how to add the next name."""
    current = await FLOW.current(update, context)
    if current is None:
        return END
    raw = FLOW.data(context).get("referral") or {}
    if not raw:
        return await _ask_referral(update, context, current[0], first=False)
    return await _ask_may_use(update, context, current[0], raw.get("name", ""), again=True)


async def may_use_button(update: Update, context: CoachContext) -> int:
    """Save the recommended person as a contact introduced by this one."""
    press = await pressed(update, context)
    if press is None:
        return MAY_USE
    await drop_buttons(update.callback_query)
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    flow = FLOW.data(context)
    raw = flow.pop("referral", None)
    if not raw:
        return await _ask_referral(update, context, contact, first=False)
    may_use = {"y": True, "n": False}.get(press.arg(1))
    uid = user_id(update)
    services = context.services
    person = ContactDraft(
        name=raw["name"],
        organization=raw.get("organization", ""),
        role=raw.get("role", ""),
        field=raw.get("field", ""),
        email=raw.get("email", ""),
    )
    added = await services.contacts.introduce(uid, contact.id, person, may_use)
    if added is None:
        await say(update, context, "That contact is gone. /debrief starts again.")
        return END
    referral = Referral(added.name, added.organization, bool(may_use))
    await services.interviews.update(
        uid, interview.id, lambda i: dc_replace(i, referrals=(*i.referrals, referral))
    )
    await say_template(
        update,
        context,
        "interviews/referral_added.html.j2",
        person=added,
        contact=contact,
        may_use=may_use,
    )
    return await _ask_referral(update, context, contact, first=False)


async def referral_button(update: Update, context: CoachContext) -> int:
    """No (more) recommendations: on to next steps."""
    press = await pressed(update, context)
    if press is None:
        return REFERRAL
    await drop_buttons(update.callback_query)
    return await _ask_next(update, context)


# --- next steps and the thank-you ------------------------------------------------------------


async def _ask_next(update: Update, context: CoachContext) -> int:
    flow = FLOW.data(context)
    flow["step"] = NEXT
    steps = tuple(flow.get("steps", ()))
    label = "✅ Done" if steps else "Skip"
    await say_template(
        update,
        context,
        "interviews/ask_next.html.j2",
        [[btn(label, "db", "x", "done")]],
        steps=steps,
        full=len(steps) >= MAX_NEXT_STEPS,
    )
    return NEXT


async def next_typed(update: Update, context: CoachContext) -> int:
    """One or more next steps; they add up until the student taps Done (or the list is full)."""
    assert update.message is not None and update.message.text is not None
    flow = FLOW.data(context)
    steps = add_next_steps(tuple(flow.get("steps", ())), update.message.text)
    flow["steps"] = list(steps)
    if len(steps) >= MAX_NEXT_STEPS:
        return await _finish(update, context, steps)
    return await _ask_next(update, context)


async def next_button(update: Update, context: CoachContext) -> int:
    """Done adding next steps (or none to note): the wrap-up."""
    press = await pressed(update, context)
    if press is None:
        return NEXT
    await drop_buttons(update.callback_query)
    return await _finish(update, context, tuple(FLOW.data(context).get("steps", ())))


async def _finish(update: Update, context: CoachContext, steps: tuple[str, ...]) -> int:
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    uid = user_id(update)
    services = context.services
    now = services.clock.now()
    interview = (
        await services.interviews.update(
            uid, interview.id, lambda i: dc_replace(i, next_steps=steps, status=Status.DONE)
        )
        or interview
    )
    if contact.stage not in (Stage.THANKED, Stage.KEEPING_IN_TOUCH):
        await services.contacts.set_stage(uid, contact.id, Stage.INTERVIEWED)
    happened = interview.starts_at if interview.starts_at and interview.starts_at <= now else None
    contact = (
        await services.contacts.log_interaction(
            uid, contact.id, "Informational interview", happened=happened
        )
        or contact
    )
    context.scratch.pop(FLOW.key, None)
    await say_template(
        update, context, "interviews/debrief_done.html.j2", contact=contact, interview=interview
    )
    await draft_show.present(
        update, context, DraftKind.THANK_YOU, contact, DraftFacts(highlight=interview.highlight)
    )
    return END


PICKER = ContactPicker("b", "Who did you just meet?", contact_chosen)


def conversation() -> ConversationHandler:  # type: ignore[type-arg]
    """The /debrief conversation."""
    text = filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[
            CommandHandler("debrief", start),
            CallbackQueryHandler(from_card, pattern=go_pattern("debrief")),
        ],
        states={
            NOTE: [
                MessageHandler(text, note_typed),
                MessageHandler(filters.VOICE, note_voice),
                CallbackQueryHandler(note_button, pattern=r"^db\|n\|"),
            ],
            HIGHLIGHT: [
                MessageHandler(text, highlight_typed),
                CallbackQueryHandler(highlight_button, pattern=r"^db\|h\|"),
            ],
            REFERRAL: [
                MessageHandler(text, referral_typed),
                CallbackQueryHandler(referral_button, pattern=r"^db\|r\|"),
            ],
            MAY_USE: [
                CallbackQueryHandler(may_use_button, pattern=r"^db\|u\|"),
                MessageHandler(text, may_use_typed),
            ],
            NEXT: [
                MessageHandler(text, next_typed),
                CallbackQueryHandler(next_button, pattern=r"^db\|x\|"),
            ],
            **PICKER.states(),
        },
        fallbacks=flow_fallbacks(
            flow="your debrief",
            resume="/debrief",
            hint="Type your notes (a voice note works too), or tap a button. /cancel pauses.",
        ),
        name="debrief",
        persistent=True,
        allow_reentry=True,
    )


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Just the conversation."""
    return [conversation()]
