"""/prep: objective, questions, date, logistics and opener, ending with a one-screen prep sheet.

The handout's order: know why you're meeting, write your questions down, agree a short time, then
show up prepared. Every step is stored on the interview record as soon as it's answered, so a
student interrupted between classes picks up where they left off.
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

from bot.features.contacts.domain import Contact, Stage
from bot.features.contacts.picker import ContactPicker
from bot.features.home.menu import go_pattern
from bot.features.interviews.coach import saved_pitch, tailor_questions
from bot.features.interviews.domain.calendar import interview_ics
from bot.features.interviews.domain.interviews import (
    Interview,
    Mode,
    Status,
    WhenError,
    chosen_objective,
    day_label,
    objective_suggestions,
    one_minute_commercial,
    parse_when,
    prep_sheet,
)
from bot.features.interviews.domain.questions import select_questions
from bot.features.interviews.handlers.flow import InterviewFlow
from bot.features.outreach.domain.facts import ObjectiveError, clean_objective
from bot.features.outreach.domain.rules import job_ask_sentences
from bot.features.outreach.objectives import KEY as OBJECTIVES_KEY
from bot.features.profile.domain.profile import InvalidAnswer
from bot.flow.kit import (
    END,
    CoachContext,
    Rows,
    drop_buttons,
    flow_fallbacks,
    pressed,
    replace,
    say,
    say_template,
    user_id,
)
from bot.llm.prompts import render
from bot.render.keyboards import btn, columns

OBJECTIVE, QUESTIONS, EDITING, CITY, WHEN, MODE = range(6)
MAX_QUESTIONS = 15
# A 20-minute conversation holds about seven questions: one per topic, two about their own
# work, and the two closing asks. The student can add more.
QUESTIONS_PER_TOPIC = 1
FLOW = InterviewFlow("prep_flow", "/prep")


# --- entry -----------------------------------------------------------------------------------


async def start(update: Update, context: CoachContext) -> int:
    """/prep: resume a paused prep, or ask who the student is meeting."""
    return await FLOW.start(update, context, PICKER, _resume)


async def from_card(update: Update, context: CoachContext) -> int:
    """ "📋 Prepare" on a contact card or after "I sent it": the contact is already known."""
    return await FLOW.from_card(update, context, PICKER)


async def contact_chosen(update: Update, context: CoachContext, contact: Contact) -> int:
    """Reuse an interview still being planned with them, then ask for the objective."""
    uid = user_id(update)
    flow = {"contact": contact.id}
    context.scratch[FLOW.key] = flow
    latest = await context.services.interviews.latest_for_contact(uid, contact.id)
    if latest is not None and latest.status in (Status.PLANNED, Status.SCHEDULED):
        flow["interview"] = latest.id
    return await _ask_objective(update, context, contact, latest)


async def _resume(
    update: Update, context: CoachContext, contact: Contact, interview: Interview
) -> int:
    step = FLOW.data(context).get("step")
    if step in (QUESTIONS, EDITING):
        return await _show_questions(update, context, interview)
    if step in (CITY, WHEN):
        return await _ask_when(update, context, contact)
    if step == MODE:
        return await _ask_mode(update, context)
    return await _ask_objective(update, context, contact, interview)


# --- objective -------------------------------------------------------------------------------


async def _ask_objective(
    update: Update, context: CoachContext, contact: Contact, interview: Interview | None
) -> int:
    flow = FLOW.data(context)
    flow["step"] = OBJECTIVE
    saved = (interview.objective if interview else "") or context.scratch.get(
        OBJECTIVES_KEY, {}
    ).get(contact.id, "")
    suggestions = objective_suggestions(contact.field, contact.role, contact.organization)
    rows: Rows = [[btn(str(i), "pr", "o", i) for i in range(1, len(suggestions) + 1)]]
    if saved:
        flow["saved"] = saved
        rows.append([btn("Keep my objective", "pr", "o", "keep")])
    await say_template(
        update,
        context,
        "interviews/objective.html.j2",
        rows,
        contact=contact,
        suggestions=suggestions,
        saved=saved,
    )
    return OBJECTIVE


async def objective_button(update: Update, context: CoachContext) -> int:
    """A suggested objective, or the one the student wrote before."""
    press = await pressed(update, context)
    if press is None:
        return OBJECTIVE
    await drop_buttons(update.callback_query)
    flow = FLOW.data(context)
    contact = await context.services.contacts.get(user_id(update), flow.get("contact", ""))
    if contact is None:
        await say(update, context, "That contact is gone. /prep starts again.")
        return END
    text = chosen_objective(
        press.arg(1),
        saved=flow.get("saved", ""),
        suggestions=objective_suggestions(contact.field, contact.role, contact.organization),
    )
    return await _set_objective(update, context, contact, text)


async def objective_typed(update: Update, context: CoachContext) -> int:
    """The student's own objective: checked (one sentence, about learning), then kept."""
    assert update.message is not None and update.message.text is not None
    try:
        text = clean_objective(update.message.text)
    except ObjectiveError as exc:
        await say(update, context, f"{exc}\n\nType it again, or tap a suggestion above.")
        return OBJECTIVE
    contact = await context.services.contacts.get(
        user_id(update), FLOW.data(context).get("contact", "")
    )
    if contact is None:
        await say(update, context, "That contact is gone. /prep starts again.")
        return END
    return await _set_objective(update, context, contact, text)


async def _set_objective(
    update: Update, context: CoachContext, contact: Contact, objective: str
) -> int:
    uid = user_id(update)
    services = context.services
    flow = FLOW.data(context)
    context.scratch.setdefault(OBJECTIVES_KEY, {})[contact.id] = objective
    interview = await services.interviews.get(uid, flow.get("interview", ""))
    if interview is not None and interview.questions:
        interview = await services.interviews.update(
            uid, interview.id, lambda i: dc_replace(i, objective=objective)
        )
        assert interview is not None
        return await _show_questions(update, context, interview)
    bank = services.questions
    chosen = [
        q.text
        for q in select_questions(
            bank,
            field=contact.field,
            role=contact.role,
            organization=contact.organization,
            per_category=QUESTIONS_PER_TOPIC,
        )
    ]
    closing = [q.text for q in bank.in_category("closing")]
    topics = [q for q in chosen if q not in closing]
    tailored = await tailor_questions(
        services.llm,
        bank,
        field=contact.field,
        role=contact.role,
        organization=contact.organization,
        objective=objective,
        already=chosen,
    )
    questions = tuple(tailored + topics + [q for q in chosen if q in closing])
    if interview is None:
        interview = await services.interviews.create(uid, contact.id, objective, questions)
    else:
        interview = await services.interviews.update(
            uid, interview.id, lambda i: dc_replace(i, objective=objective, questions=questions)
        )
        assert interview is not None
    flow["interview"] = interview.id
    return await _show_questions(update, context, interview, tailored=len(tailored))


# --- questions -------------------------------------------------------------------------------


def _question_buttons() -> Rows:
    return [
        [btn("➕ Add", "qe", "a"), btn("✏️ Replace", "qe", "p"), btn("🗑 Remove", "qe", "r")],
        [btn("✅ These are good", "qe", "ok")],
    ]


async def _show_questions(
    update: Update,
    context: CoachContext,
    interview: Interview,
    *,
    tailored: int = 0,
    edit: bool = False,
) -> int:
    FLOW.data(context)["step"] = QUESTIONS
    html = render("interviews/questions.html.j2", interview=interview, tailored=tailored)
    if edit:
        await replace(update, context, html, _question_buttons())
    else:
        await say(update, context, html, _question_buttons())
    return QUESTIONS


async def question_button(update: Update, context: CoachContext) -> int:
    """Add, replace or remove a question, or accept the list and move on to the date."""
    press = await pressed(update, context)
    if press is None:
        return QUESTIONS
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    uid = user_id(update)
    flow = FLOW.data(context)
    action, arg = press.arg(0), press.arg(1)
    if action == "ok":
        await drop_buttons(update.callback_query)
        return await _ask_when(update, context, contact)
    if action == "back":
        return await _show_questions(update, context, interview, edit=True)
    if action == "a":
        if len(interview.questions) >= MAX_QUESTIONS:
            await say(update, context, "That's plenty for 20–30 minutes — replace one instead.")
            return QUESTIONS
        await drop_buttons(update.callback_query)
        flow.update(step=EDITING, edit="add")
        await say_template(update, context, "interviews/type_question.html.j2", replacing=None)
        return EDITING
    if action in ("p", "r") and not interview.questions:
        await say(update, context, "The list is empty — tap ➕ Add.")
        return QUESTIONS
    if action in ("p", "r") and arg == "":
        numbers = [btn(str(i), "qe", action, i) for i in range(1, len(interview.questions) + 1)]
        verb = "replace" if action == "p" else "remove"
        html = render("interviews/questions.html.j2", interview=interview, tailored=0)
        rows = [*columns(numbers, 5), [btn("↩ Back", "qe", "back")]]
        await replace(update, context, f"{html}\n\n<b>Which one should I {verb}?</b>", rows)
        return QUESTIONS
    index = int(arg) - 1 if arg.isdigit() else -1
    if not 0 <= index < len(interview.questions):
        return await _show_questions(update, context, interview, edit=True)
    if action == "r":
        changed = await context.services.interviews.update(
            uid, interview.id, lambda i: i.with_question_removed(index)
        )
        assert changed is not None
        return await _show_questions(update, context, changed, edit=True)
    await drop_buttons(update.callback_query)
    flow.update(step=EDITING, edit="replace", index=index)
    await say_template(
        update, context, "interviews/type_question.html.j2", replacing=interview.questions[index]
    )
    return EDITING


async def question_typed(update: Update, context: CoachContext) -> int:
    """A question in the student's own words, added or replacing the chosen one."""
    assert update.message is not None and update.message.text is not None
    current = await FLOW.current(update, context)
    if current is None:
        return END
    _, interview = current
    flow = FLOW.data(context)
    text = " ".join(update.message.text.split())
    if text and not text.endswith("?"):
        text += "?"
    if job_ask_sentences(text):
        await say(
            update,
            context,
            "That one asks for a job — save it for a real interview. Ask about their work, "
            "their path or their field instead.",
        )
        return EDITING
    index = flow.get("index", 0)

    def change(i: Interview) -> Interview:
        if flow.get("edit") == "replace" and 0 <= index < len(i.questions):
            return i.with_question_replaced(index, text)
        return i.with_question_added(text)

    try:
        changed = await context.services.interviews.update(user_id(update), interview.id, change)
    except ValueError as exc:
        await say(update, context, f"{exc} Type it again.")
        return EDITING
    assert changed is not None
    flow.pop("edit", None)
    return await _show_questions(update, context, changed)


# --- date, place and calendar ----------------------------------------------------------------


async def _ask_when(update: Update, context: CoachContext, contact: Contact) -> int:
    profile = await context.services.profiles.get(user_id(update))
    if not profile.timezone:
        FLOW.data(context)["step"] = CITY
        await say_template(update, context, "interviews/ask_city.html.j2")
        return CITY
    FLOW.data(context)["step"] = WHEN
    await say_template(
        update,
        context,
        "interviews/ask_when.html.j2",
        [[btn("Not set yet", "pr", "w", "later")]],
        contact=contact,
        problem=None,
    )
    return WHEN


async def city_typed(update: Update, context: CoachContext) -> int:
    """The student's city, so "3pm" means 3pm where they are."""
    assert update.message is not None and update.message.text is not None
    try:
        await context.services.profiles.set_answer(user_id(update), "timezone", update.message.text)
    except InvalidAnswer as exc:
        await say(update, context, f"{exc}\n\nWhich city are you in?")
        return CITY
    current = await FLOW.current(update, context)
    if current is None:
        return END
    return await _ask_when(update, context, current[0])


async def when_typed(update: Update, context: CoachContext) -> int:
    """A date in plain words; anything unreadable, past or far away is explained and re-asked."""
    assert update.message is not None and update.message.text is not None
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    uid = user_id(update)
    profile = await context.services.profiles.get(uid)
    try:
        when = parse_when(
            update.message.text, profile.timezone or "UTC", context.services.clock.now()
        )
    except WhenError as exc:
        await say_template(
            update,
            context,
            "interviews/ask_when.html.j2",
            [[btn("Not set yet", "pr", "w", "later")]],
            contact=contact,
            problem=exc.reason,
        )
        return WHEN
    await context.services.interviews.update(
        uid, interview.id, lambda i: dc_replace(i, starts_at=when, status=Status.SCHEDULED)
    )
    await context.services.contacts.set_stage(uid, contact.id, Stage.SCHEDULED, scheduled_for=when)
    await say_template(
        update, context, "interviews/when_ok.html.j2", when_text=day_label(when), contact=contact
    )
    return await _ask_mode(update, context)


async def _ask_mode(update: Update, context: CoachContext) -> int:
    FLOW.data(context)["step"] = MODE
    rows = [
        [btn("🤝 In person", "pr", "m", Mode.IN_PERSON.value)],
        [
            btn("💻 Video", "pr", "m", Mode.VIDEO.value),
            btn("📞 Phone", "pr", "m", Mode.PHONE.value),
        ],
    ]
    await say_template(update, context, "interviews/ask_mode.html.j2", rows)
    return MODE


async def when_button(update: Update, context: CoachContext) -> int:
    """ "Not set yet": the prep sheet now, the date whenever they know it (/prep again)."""
    press = await pressed(update, context)
    if press is None:
        return WHEN
    await drop_buttons(update.callback_query)
    return await _finish(update, context)


async def mode_button(update: Update, context: CoachContext) -> int:
    """How they'll meet; then the calendar file and the prep sheet."""
    press = await pressed(update, context)
    if press is None:
        return MODE
    await drop_buttons(update.callback_query)
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    try:
        mode = Mode(press.arg(1))
    except ValueError:
        mode = Mode.IN_PERSON
    uid = user_id(update)
    changed = await context.services.interviews.update(
        uid, interview.id, lambda i: dc_replace(i, mode=mode)
    )
    assert changed is not None
    profile = await context.services.profiles.get(uid)
    if changed.starts_at is not None:
        data = interview_ics(
            changed,
            contact_name=contact.name,
            organization=contact.organization,
            student_tz=profile.timezone or "UTC",
        )
        assert update.effective_chat is not None
        slug = "-".join(contact.name.lower().split())[:30] or "contact"
        await context.bot.send_document(
            update.effective_chat.id,
            document=data,
            filename=f"interview-{slug}.ics",
            caption=render("interviews/ics_caption.txt.j2", contact=contact),
        )
    return await _finish(update, context)


async def _finish(update: Update, context: CoachContext) -> int:
    current = await FLOW.current(update, context)
    if current is None:
        return END
    contact, interview = current
    uid = user_id(update)
    services = context.services
    interview = (
        await services.interviews.update(uid, interview.id, lambda i: dc_replace(i, prep_done=True))
        or interview
    )
    profile = await services.profiles.get(uid)
    commercial = await saved_pitch(services.pitches, uid) or one_minute_commercial(
        profile.name or "",
        profile.degree or "",
        contact.field or profile.interests or "",
        contact.organization,
        interview.objective,
    )
    sheet = prep_sheet(
        interview,
        contact_name=contact.name,
        organization=contact.organization,
        role=contact.role,
        tz_name=profile.timezone or "UTC",
        commercial=commercial,
    )
    context.scratch.pop(FLOW.key, None)
    await say_template(
        update,
        context,
        "interviews/sheet.html.j2",
        [[btn("📝 Debrief afterwards", "go", "debrief", contact.id)]],
        sheet=sheet,
    )
    return END


PICKER = ContactPicker("p", "Who are you meeting?", contact_chosen)


def conversation() -> ConversationHandler:  # type: ignore[type-arg]
    """The /prep conversation."""
    text = filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[
            CommandHandler("prep", start),
            CallbackQueryHandler(from_card, pattern=go_pattern("prep")),
        ],
        states={
            OBJECTIVE: [
                CallbackQueryHandler(objective_button, pattern=r"^pr\|o\|"),
                MessageHandler(text, objective_typed),
            ],
            QUESTIONS: [CallbackQueryHandler(question_button, pattern=r"^qe\|")],
            EDITING: [
                MessageHandler(text, question_typed),
                CallbackQueryHandler(question_button, pattern=r"^qe\|"),
            ],
            CITY: [MessageHandler(text, city_typed)],
            WHEN: [
                MessageHandler(text, when_typed),
                CallbackQueryHandler(when_button, pattern=r"^pr\|w\|"),
            ],
            MODE: [CallbackQueryHandler(mode_button, pattern=r"^pr\|m\|")],
            **PICKER.states(),
        },
        fallbacks=flow_fallbacks(
            flow="your prep",
            resume="/prep",
            hint="Tap a button or type your answer. /cancel pauses your prep.",
        ),
        name="prep",
        persistent=True,
        allow_reentry=True,
    )


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Just the conversation (its buttons live inside it)."""
    return [conversation()]
