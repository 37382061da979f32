"""/prep's flow and what each of its steps asks: the objective, the research, the questions (and
editing them), the city, the date and the meeting format.

What the student's answers do is in prep.py; the sheet the flow ends with is in sheet.py.
"""

from __future__ import annotations

from bot.features.contacts.domain import Contact
from bot.features.interviews import service
from bot.features.interviews.domain.interviews import (
    Interview,
    Mode,
    objective_suggestions,
)
from bot.features.interviews.handlers.buttons import (
    AddQuestion,
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
)
from bot.features.interviews.handlers.state import Prepping, prep_legacy
from bot.features.outreach import objectives
from bot.flow import Flow, Next, Rows, Turn
from bot.render.keyboards import Button
from bot.render.messages import message
from bot.render.templates import render

FLOW = Flow(
    "prep",
    Prepping,
    label="your prep",
    resume="/prep",
    hint="interviews.prep_hint",
    legacy=prep_legacy,
)


# --- the questions each step asks -------------------------------------------------------------


async def ask_objective(turn: Turn[Prepping]) -> Next | None:
    """Why they're meeting: suggestions to tap, or their own sentence."""
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    interview = await turn.services.interviews.get(turn.user_id, turn.state.interview)
    saved = (interview.objective if interview else "") or objectives.remembered(
        turn.context.scratch, contact.id
    )
    turn.state.saved = saved
    suggestions = objective_suggestions(contact.field, contact.role, contact.organization)
    rows: Rows = [[PrepObjective(str(i)).button(str(i)) for i in range(1, len(suggestions) + 1)]]
    if saved:
        rows = [*rows, [PrepObjective("keep").button(message("interviews.keep_objective"))]]
    await turn.say(
        "interviews/objective.html.j2", rows, contact=contact, suggestions=suggestions, saved=saved
    )
    return None


def question_buttons(put_first: int | None = None) -> Rows:
    """The list's buttons; ``put_first`` (1-based) offers to move a just-added question up."""
    rows: list[list[Button]] = []
    if put_first is not None and put_first > 1:
        rows.append([MoveQuestion(put_first, 1).button(message("interviews.put_first"))])
    rows += [
        [
            AddQuestion().button(message("interviews.add_question")),
            ReplaceQuestion().button(message("interviews.replace_question")),
        ],
        [
            RemoveQuestion().button(message("interviews.remove_question")),
            MoveQuestion().button(message("interviews.move_question")),
        ],
        [QuestionsOk().button(message("interviews.questions_ok"))],
    ]
    return rows


async def show_questions(
    turn: Turn[Prepping], interview: Interview, *, put_first: int | None = None
) -> None:
    html = questions_html(interview, tailored=turn.state.tailored, name=await name_of(turn))
    await turn.say_html(html, question_buttons(put_first))


async def name_of(turn: Turn[Prepping]) -> str:
    contact = await turn.services.contacts.get(turn.user_id, turn.state.contact)
    return contact.name if contact is not None else ""


def questions_html(
    interview: Interview,
    *,
    tailored: int = 0,
    name: str = "",
    which: str | None = None,
    moving: int | None = None,
) -> str:
    """The list; ``which`` ("replace", "remove" or "move") asks which question the next tap
    picks, ``moving`` (1-based) where that question should go."""
    return render(
        "interviews/questions.html.j2",
        interview=interview,
        tailored=min(tailored, len(interview.questions)),
        name=name or "them",
        which=which,
        moving=moving,
    )


async def ask_questions(turn: Turn[Prepping]) -> Next | None:
    """The question list, to edit or accept."""
    found = await about(turn)
    if found is None:
        return turn.end()
    await show_questions(turn, found[1])
    return None


async def ask_research(turn: Turn[Prepping]) -> Next | None:
    """What to look up about them, and one thing they found (a question about it comes first)."""
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    checklist = await service.checklist(turn.services, turn.user_id, contact)
    interview = await turn.services.interviews.get(turn.user_id, turn.state.interview)
    rows = [[SkipResearch().button(message("interviews.research_skip"))]]
    await turn.say(
        "interviews/research.html.j2",
        rows,
        contact=contact,
        checklist=checklist,
        view=False,
        found=interview.research if interview else "",
    )
    return None


async def ask_question_text(turn: Turn[Prepping]) -> Next | None:
    """A question in their own words (new, or replacing the chosen one)."""
    found = await about(turn)
    if found is None:
        return turn.end()
    questions, index = found[1].questions, turn.state.replacing
    replacing = questions[index] if index is not None and 0 <= index < len(questions) else None
    await turn.say("interviews/type_question.html.j2", replacing=replacing)
    return None


async def ask_city(turn: Turn[Prepping]) -> None:
    """Their city, so "3pm" means 3pm where they are."""
    await turn.say("interviews/ask_city.html.j2")


async def ask_when(turn: Turn[Prepping]) -> Next | None:
    """The date in plain words (the city first, when their time zone is unknown)."""
    profile = await turn.services.profiles.get(turn.user_id)
    if not profile.timezone:
        return turn.goto(CITY)
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    await say_when(turn, contact, None)
    return None


async def say_when(turn: Turn[Prepping], contact: Contact, problem: str | None) -> None:
    rows = [[DateLater().button(message("interviews.date_later"))]]
    await turn.say("interviews/ask_when.html.j2", rows, contact=contact, problem=problem)


async def ask_mode(turn: Turn[Prepping]) -> None:
    """How they'll meet."""
    rows = [
        [PickMode(Mode.IN_PERSON).button(message("interviews.mode_in_person"))],
        [
            PickMode(Mode.VIDEO).button(message("interviews.mode_video")),
            PickMode(Mode.PHONE).button(message("interviews.mode_phone")),
        ],
    ]
    await turn.say("interviews/ask_mode.html.j2", rows)


OBJECTIVE = FLOW.step("objective", ask=ask_objective)
RESEARCH = FLOW.step("research", ask=ask_research)
QUESTIONS = FLOW.step("questions", ask=ask_questions)
EDITING = FLOW.step("editing", ask=ask_question_text)
CITY = FLOW.step("city", ask=ask_city)
WHEN = FLOW.step("when", ask=ask_when)
MODE = FLOW.step("mode", ask=ask_mode)
