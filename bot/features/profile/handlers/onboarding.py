"""/start: five skippable questions in the student's own words, resumable after /cancel or a crash.

Each answer is validated and written to the store the moment it arrives; the flow's step is
stored with the student's state, so a restart continues at the same question.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from bot.features.home.menu import main_menu
from bot.features.nudges.compose import due_summary_html
from bot.features.profile.coach import spelling_question, welcome_html
from bot.features.profile.domain.profile import InvalidAnswer, Profile
from bot.flow import Flow, FlowState, Next, Press, Rows, Turn
from bot.flow.context import AnyHandler
from bot.render.messages import explain, message

QUESTIONS = ("name", "degree", "interests", "position", "timezone")
POSITIONS = ("Internship", "Co-op", "First full-time role", "Not sure yet")


@dataclass(frozen=True, slots=True)
class Skip(Press, code="ob|skip"):
    """Leave this question unanswered."""


@dataclass(frozen=True, slots=True)
class FinishLater(Press, code="ob|later"):
    """Stop the questions here; the profile can be completed later."""


@dataclass(frozen=True, slots=True)
class UseTelegramName(Press, code="ob|use"):
    """Take the name Telegram already knows."""


@dataclass(frozen=True, slots=True)
class Spelling(Press, code="ob|sp"):
    """Take the spelling the coach suggested for the answer just given, or keep it as typed."""

    fix: bool


@dataclass(frozen=True, slots=True)
class PickPosition(Press, code="ob|pos"):
    """One of the usual kinds of position."""

    title: str


def _legacy(data: dict[str, Any]) -> FlowState | None:
    """Before the flow kit, the current question was kept under ``onboarding_step``."""
    step = data.pop("onboarding_step", None)
    return FlowState(step=step) if step in QUESTIONS else None


FLOW = Flow(
    "onboarding",
    FlowState,
    label="setup",
    resume="/start",
    hint="profile.onboarding_hint",
    legacy=_legacy,
)


async def ask(turn: Turn[FlowState]) -> None:
    """The current question, with the buttons that fit it."""
    question = turn.state.step
    rows = []
    user = turn.update.effective_user
    if question == "name" and user is not None:
        label = message("profile.use_telegram_name", name=user.full_name)
        rows.append([UseTelegramName().button(label)])
    if question == "position":
        rows += [[PickPosition(p).button(p) for p in POSITIONS[:2]]]
        rows += [[PickPosition(p).button(p) for p in POSITIONS[2:]]]
    rows.append(
        [
            Skip().button(message("profile.skip")),
            FinishLater().button(message("profile.finish_later")),
        ]
    )
    await turn.say("profile/ask.html.j2", rows, field=question)


STEPS = [FLOW.step(question, ask=ask) for question in QUESTIONS]


@FLOW.command("start")
async def start(turn: Turn[FlowState]) -> Next:
    """Greet a returning student by name; otherwise begin, or resume, the five questions."""
    profile = await turn.services.profiles.get(turn.user_id)
    if profile.onboarded:
        due = await due_summary_html(turn.services.nudges, turn.user_id)
        await turn.say("profile/greet_back.html.j2", main_menu(), name=profile.first_name, due=due)
        return turn.end()
    # "Welcome back" only with progress to come back to: a student who erased their data and
    # restarted sits on question 1 with nothing answered, and is new again.
    if turn.resumable and (turn.state.step != QUESTIONS[0] or profile.name):
        await turn.say("profile/resume.html.j2", name=profile.name)
        return turn.resume()
    user = turn.update.effective_user
    await turn.say("profile/intro.html.j2", telegram_name=user.first_name if user else None)
    return turn.goto(STEPS[0])


async def answer(turn: Turn[FlowState], text: str) -> Next:
    """Keep a typed answer, or explain what's wrong and stay on the same question."""
    question = turn.state.step
    try:
        profile = await turn.services.profiles.set_answer(turn.user_id, question, text)
    except InvalidAnswer as exc:
        await turn.say("profile/invalid.html.j2", reason=explain(exc))
        return turn.stay()
    if question == "timezone" and profile.timezone:
        local = turn.services.clock.now().astimezone(ZoneInfo(profile.timezone))
        await turn.say(
            "profile/timezone_ok.html.j2",
            zone=profile.timezone,
            local_time=local.strftime("%H:%M"),
        )
    if suggestion := await spelling_question(profile, question):
        await turn.say("profile/spelling.html.j2", _spelling_buttons(), suggestion=suggestion)
        return turn.stay()
    return await _next(turn, profile)


def _spelling_buttons() -> Rows:
    return [
        [
            Spelling(True).button(message("profile.spelling_fix")),
            Spelling(False).button(message("profile.spelling_keep")),
        ]
    ]


async def spelling(turn: Turn[FlowState], press: Spelling) -> Next:
    """The student's verdict on the suggested spelling; then the next question."""
    question = turn.state.step
    profile = await turn.services.profiles.get(turn.user_id)
    if press.fix and (suggestion := await spelling_question(profile, question)):
        profile = await turn.services.profiles.set_answer(turn.user_id, question, suggestion)
    return await _next(turn, profile)


async def skip(turn: Turn[FlowState], press: Skip) -> Next:
    """Move on without an answer."""
    return await _next(turn, await turn.services.profiles.get(turn.user_id))


async def use_telegram_name(turn: Turn[FlowState], press: UseTelegramName) -> Next:
    """The name on the student's Telegram account."""
    user = turn.update.effective_user
    assert user is not None
    profile = await turn.services.profiles.set_answer(turn.user_id, "name", user.full_name)
    return await _next(turn, profile)


async def pick_position(turn: Turn[FlowState], press: PickPosition) -> Next:
    """A position from the buttons."""
    profile = await turn.services.profiles.set_answer(turn.user_id, "position", press.title)
    return await _next(turn, profile)


async def finish_later(turn: Turn[FlowState], press: FinishLater) -> Next:
    """Stop here; what was answered is kept."""
    return await _finish(turn, await turn.services.profiles.get(turn.user_id))


for _step in STEPS:
    _step.text(answer)
    _step.press(Skip)(skip)
    _step.press(UseTelegramName)(use_telegram_name)
    _step.press(PickPosition)(pick_position)
    _step.press(Spelling)(spelling)
    _step.press(FinishLater)(finish_later)


async def _next(turn: Turn[FlowState], profile: Profile) -> Next:
    index = QUESTIONS.index(turn.state.step) + 1
    if index >= len(QUESTIONS):
        return await _finish(turn, profile)
    return turn.goto(STEPS[index])


async def _finish(turn: Turn[FlowState], profile: Profile) -> Next:
    profile = await turn.services.profiles.save(turn.user_id, replace(profile, onboarded=True))
    await turn.services.nudges.start(turn.user_id)  # the weekly summary starts from today
    await turn.say_html(await welcome_html(turn.services.llm, profile), main_menu())
    return turn.end()


def handlers() -> list[AnyHandler]:
    """The onboarding conversation."""
    return [FLOW.build()]
