"""/prep: objective, research, questions, date, logistics and opener, ending with a prep sheet.

The handout's order: know why you're meeting, research them, write your questions down, agree a
short time, then show up prepared. Every step is stored on the interview record as soon as it's
answered, so a student interrupted between classes picks up where they left off. The sheet fits
one phone screen; its buttons show the rest (every question, the logistics, the research
checklist, the opener, the calendar file) at any time later, after the flow has ended.
"""

from __future__ import annotations

from bot.features.contacts import picker
from bot.features.contacts.domain import Contact
from bot.features.interviews import service
from bot.features.interviews.domain.interviews import (
    Interview,
    Mode,
    WhenError,
    chosen_objective,
    day_label,
    objective_suggestions,
)
from bot.features.interviews.domain.phrasing import found_nothing
from bot.features.interviews.handlers.buttons import (
    AddQuestion,
    BackToQuestions,
    DateLater,
    MoveQuestion,
    PickMode,
    PrepObjective,
    QuestionsOk,
    RemoveQuestion,
    ReplaceQuestion,
    SkipResearch,
)
from bot.features.interviews.handlers.meeting import (
    about,
    contact_of,
    open_from_card,
    open_or_resume,
)
from bot.features.interviews.handlers.prep_steps import (
    CITY,
    EDITING,
    FLOW,
    MODE,
    OBJECTIVE,
    QUESTIONS,
    RESEARCH,
    WHEN,
    name_of,
    question_buttons,
    questions_html,
    say_when,
    show_questions,
)
from bot.features.interviews.handlers.sheet import sheet_buttons, sheet_handlers
from bot.features.interviews.handlers.state import Prepping
from bot.features.outreach import objectives
from bot.features.outreach.domain.facts import ObjectiveError, clean_objective
from bot.features.profile.domain.profile import InvalidAnswer
from bot.flow import Go, Next, Turn, drop_buttons
from bot.flow.context import AnyHandler
from bot.render.keyboards import columns
from bot.render.messages import explain, message

# --- entry -----------------------------------------------------------------------------------


async def contact_chosen(turn: Turn[Prepping], contact: Contact) -> Next:
    """Reuse an interview still being planned with them, then ask for the objective."""
    planned = await service.planned(turn.services, turn.user_id, contact)
    turn.state.contact, turn.state.interview = contact.id, planned.id if planned else ""
    return turn.goto(OBJECTIVE)


PICKER = picker.attach(FLOW, key="p", question="interviews.pick_prep", on_chosen=contact_chosen)


@FLOW.command("prep")
async def start(turn: Turn[Prepping]) -> Next:
    """/prep: resume a paused prep, or ask who the student is meeting."""
    return await open_or_resume(turn, PICKER)


@FLOW.entry_press(Go, pattern=Go.where(target="prep"))
async def from_card(turn: Turn[Prepping], press: Go) -> Next:
    """ "📋 Prepare" on a contact card or after "I sent it": the contact is already known."""
    return await open_from_card(turn, press, PICKER)


# --- objective -------------------------------------------------------------------------------


@OBJECTIVE.press(PrepObjective)
async def objective_chosen(turn: Turn[Prepping], press: PrepObjective) -> Next:
    """A suggested objective, or the one the student wrote before."""
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    suggestions = objective_suggestions(contact.field, contact.role, contact.organization)
    text = chosen_objective(press.choice, saved=turn.state.saved, suggestions=suggestions)
    return await _set_objective(turn, contact, text)


@OBJECTIVE.text
async def objective_typed(turn: Turn[Prepping], text: str) -> Next:
    """The student's own objective: checked (one sentence, about learning), then kept."""
    try:
        objective = clean_objective(text)
    except ObjectiveError as exc:
        await turn.say_html(message("interviews.objective_again", reason=explain(exc)))
        return turn.stay()
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    return await _set_objective(turn, contact, objective)


async def _set_objective(turn: Turn[Prepping], contact: Contact, objective: str) -> Next:
    objectives.remember(turn.context.scratch, contact.id, objective)
    interview, tailored = await service.set_objective(
        turn.services, turn.user_id, contact, turn.state.interview, objective
    )
    turn.state.interview = interview.id
    if tailored:  # a new list: say how many at the top were made for them
        turn.state.tailored = tailored
    return turn.goto(RESEARCH)


# --- research --------------------------------------------------------------------------------


@RESEARCH.text
async def research_typed(turn: Turn[Prepping], text: str) -> Next:
    """One thing they found: kept, and asked about first on the list ("nothing yet" skips)."""
    if found_nothing(text):
        return turn.goto(QUESTIONS)
    found = await about(turn)
    if found is None:
        return turn.end()
    try:
        changed = await service.note_research(turn.services, turn.user_id, found[1].id, text)
    except service.JobQuestion:
        await turn.say_html(message("interviews.research_job_ask"))
        return turn.stay()
    except ValueError as exc:
        await turn.say_html(message("interviews.research_again", reason=exc))
        return turn.stay()
    interview = changed or found[1]
    at = found[1].research_at  # a new find replaces the last one's question, if still listed
    if at is None or at >= turn.state.tailored:  # one more at the top is made for them
        turn.state.tailored += 1
    await show_questions(turn, interview)
    return Next(QUESTIONS.name, ask=False)


@RESEARCH.press(SkipResearch)
async def research_skipped(turn: Turn[Prepping], press: SkipResearch) -> Next:
    """Nothing found yet: the questions (the checklist stays behind the sheet's button)."""
    return turn.goto(QUESTIONS)


# --- questions -------------------------------------------------------------------------------


@QUESTIONS.press(AddQuestion, keep_buttons=True)
@EDITING.press(AddQuestion, keep_buttons=True)
async def add_question(turn: Turn[Prepping], press: AddQuestion) -> Next:
    """Write a new question (unless the list is already long enough for the time)."""
    found = await about(turn)
    if found is None:
        return turn.end()
    if len(found[1].questions) >= service.MAX_QUESTIONS:
        await turn.say_html(message("interviews.too_many_questions"))
        return turn.stay()
    await drop_buttons(turn.update.callback_query)
    turn.state.replacing = None
    return turn.goto(EDITING)


@QUESTIONS.press(ReplaceQuestion, keep_buttons=True)
@EDITING.press(ReplaceQuestion, keep_buttons=True)
async def replace_question(turn: Turn[Prepping], press: ReplaceQuestion) -> Next:
    """Which question to reword, then the new wording."""
    return await _change_question(turn, press)


@QUESTIONS.press(RemoveQuestion, keep_buttons=True)
@EDITING.press(RemoveQuestion, keep_buttons=True)
async def remove_question(turn: Turn[Prepping], press: RemoveQuestion) -> Next:
    """Which question to drop, then the list without it, in place."""
    return await _change_question(turn, press)


async def _change_question(turn: Turn[Prepping], press: ReplaceQuestion | RemoveQuestion) -> Next:
    found = await about(turn)
    if found is None:
        return turn.end()
    interview = found[1]
    if not interview.questions:
        await turn.say_html(message("interviews.list_empty"))
        return turn.stay()
    if press.number is None:
        return await _which(turn, interview, press)
    index = press.number - 1
    if not 0 <= index < len(interview.questions):
        return await _edited(turn, interview)
    if isinstance(press, RemoveQuestion):
        changed = await service.remove_question(turn.services, turn.user_id, interview.id, index)
        if index < turn.state.tailored:
            turn.state.tailored -= 1
        return await _edited(turn, changed or interview)
    await drop_buttons(turn.update.callback_query)
    turn.state.replacing = index
    return turn.goto(EDITING)


async def _which(
    turn: Turn[Prepping],
    interview: Interview,
    press: ReplaceQuestion | RemoveQuestion | MoveQuestion,
) -> Next:
    kind = type(press)
    numbers = [kind(i).button(str(i)) for i in range(1, len(interview.questions) + 1)]
    which = {ReplaceQuestion: "replace", RemoveQuestion: "remove"}.get(kind, "move")
    rows = [*columns(numbers, 5), [BackToQuestions().button(message("interviews.back"))]]
    await turn.replace(questions_html(interview, which=which), rows)
    return Next(QUESTIONS.name, ask=False)


async def _edited(turn: Turn[Prepping], interview: Interview) -> Next:
    html = questions_html(interview, tailored=turn.state.tailored, name=await name_of(turn))
    await turn.replace(html, question_buttons())
    return Next(QUESTIONS.name, ask=False)


@QUESTIONS.press(MoveQuestion, keep_buttons=True)
@EDITING.press(MoveQuestion, keep_buttons=True)
async def move_question(turn: Turn[Prepping], press: MoveQuestion) -> Next:
    """Which question to move, then where to; the list is redrawn in place."""
    found = await about(turn)
    if found is None:
        return turn.end()
    interview = found[1]
    count = len(interview.questions)
    if count < 2:
        return await _edited(turn, interview)
    if press.number is None:
        return await _which(turn, interview, press)
    if not 1 <= press.number <= count:
        return await _edited(turn, interview)
    if press.to is None:
        places = [
            MoveQuestion(press.number, i).button(str(i))
            for i in range(1, count + 1)
            if i != press.number
        ]
        rows = [*columns(places, 5), [BackToQuestions().button(message("interviews.back"))]]
        html = questions_html(interview, moving=press.number)
        await turn.replace(html, rows)
        return Next(QUESTIONS.name, ask=False)
    changed = await service.move_question(
        turn.services, turn.user_id, interview.id, press.number - 1, press.to - 1
    )
    turn.state.tailored = 0  # the order is the student's now
    return await _edited(turn, changed or interview)


@QUESTIONS.press(BackToQuestions, keep_buttons=True)
@EDITING.press(BackToQuestions, keep_buttons=True)
async def back_to_questions(turn: Turn[Prepping], press: BackToQuestions) -> Next:
    """The list again, in place."""
    found = await about(turn)
    if found is None:
        return turn.end()
    return await _edited(turn, found[1])


@QUESTIONS.press(QuestionsOk)
@EDITING.press(QuestionsOk)
async def questions_ok(turn: Turn[Prepping], press: QuestionsOk) -> Next:
    """The list is good: on to the date."""
    return turn.goto(WHEN)


@EDITING.text
async def question_typed(turn: Turn[Prepping], text: str) -> Next:
    """A question in the student's own words, added or replacing the chosen one."""
    found = await about(turn)
    if found is None:
        return turn.end()
    try:
        changed = await service.write_question(
            turn.services, turn.user_id, found[1].id, text, turn.state.replacing
        )
    except service.JobQuestion:
        await turn.say_html(message("interviews.question_job_ask"))
        return turn.stay()
    except ValueError as exc:
        await turn.say_html(message("interviews.question_again", reason=exc))
        return turn.stay()
    added = turn.state.replacing is None
    turn.state.replacing = None
    interview = changed or found[1]
    await show_questions(turn, interview, put_first=len(interview.questions) if added else None)
    return Next(QUESTIONS.name, ask=False)


# --- date, place and calendar ----------------------------------------------------------------


@CITY.text
async def city_typed(turn: Turn[Prepping], text: str) -> Next:
    """The student's city, so "3pm" means 3pm where they are."""
    try:
        await turn.services.profiles.set_answer(turn.user_id, "timezone", text)
    except InvalidAnswer as exc:
        await turn.say_html(message("interviews.city_again", reason=explain(exc)))
        return turn.stay()
    return turn.goto(WHEN)


@WHEN.text
async def when_typed(turn: Turn[Prepping], text: str) -> Next:
    """A date in plain words; anything unreadable, past or far away is explained and re-asked."""
    found = await about(turn)
    if found is None:
        return turn.end()
    contact, interview = found
    try:
        when = await service.schedule(turn.services, turn.user_id, contact, interview, text)
    except WhenError as exc:
        await say_when(turn, contact, explain(exc))
        return turn.stay()
    await turn.say("interviews/when_ok.html.j2", when_text=day_label(when), contact=contact)
    return turn.goto(MODE)


@WHEN.press(DateLater)
async def date_later(turn: Turn[Prepping], press: DateLater) -> Next:
    """ "Not set yet": the prep sheet now, the date whenever they know it (/prep again)."""
    return await _finish(turn, None)


@MODE.press(PickMode)
async def mode_chosen(turn: Turn[Prepping], press: PickMode) -> Next:
    """How they'll meet; then the calendar file and the prep sheet."""
    return await _finish(turn, press.mode)


async def _finish(turn: Turn[Prepping], mode: Mode | None) -> Next:
    found = await about(turn)
    if found is None:
        return turn.end()
    contact, interview = found
    interview, sheet = await service.finish_prep(
        turn.services, turn.user_id, contact, interview, mode
    )
    rows = sheet_buttons(interview, contact)
    await turn.say("interviews/sheet.html.j2", rows, sheet=sheet)
    return turn.end()


def handlers() -> list[AnyHandler]:
    """The /prep conversation, then the finished sheet's buttons (which outlive it)."""
    return [FLOW.build(), *sheet_handlers()]
