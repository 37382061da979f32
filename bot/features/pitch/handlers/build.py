"""/pitch → Build: the handout's elements one question at a time, then the pitch in three lengths.

Every answer is saved the moment it arrives and each question is a step of the flow, so /cancel,
another command or a restart all resume at the same question. What onboarding already knows is
offered with "Keep" so the student never types it twice.
"""

from __future__ import annotations

from dataclasses import asdict

from bot.features.pitch import buttons as b
from bot.features.pitch.domain.answers import PitchAnswers, non_answer
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource
from bot.features.pitch.domain.text import count_words
from bot.features.pitch.handlers.flow import (
    FLOW,
    MENU,
    PitchTurn,
    keep,
    label,
    note,
    on_screen,
    service,
    show_home,
)
from bot.features.pitch.handlers.state import QUESTIONS, ProfileSync
from bot.features.pitch.service import ProfileChange, known
from bot.features.profile.domain.profile import InvalidAnswer
from bot.flow import Next
from bot.render.messages import explain

MAX_CHARS = 600
LONG_CHARS = 250
NAME_CHARS = 80


def question(turn: PitchTurn) -> str | None:
    """The build question the student is on, if they are on one."""
    asked = turn.state.step.removeprefix("build.")
    return asked if asked in QUESTIONS else None


async def ask(turn: PitchTurn) -> None:
    """Ask one question, showing what is already known so "Keep" is one tap."""
    asked = question(turn)
    assert asked is not None
    current = known(await service(turn).answers(turn.user_id), asked)
    rows = [[b.KeepAnswer(asked).button(label("keep"))]] if current else []
    rows.append(
        [
            b.SkipQuestion(asked).button(label("skip")),
            b.FinishLater().button(label("finish_later")),
        ]
    )
    await turn.say(
        "pitch/build_step.html.j2",
        rows,
        step=asked,
        n=QUESTIONS.index(asked) + 1,
        of=len(QUESTIONS),
        current=current,
    )


STEPS = {q: FLOW.step(f"build.{q}", ask=ask) for q in QUESTIONS}
BUILT = FLOW.step("built", ask=show_home)


def _missing(answers: PitchAnswers, after: int = -1) -> str | None:
    """The first unanswered question after index ``after``."""
    return next((q for q in QUESTIONS[after + 1 :] if not known(answers, q)), None)


@FLOW.entry_press(b.Build)
async def start(turn: PitchTurn, press: b.Build) -> Next:
    """Begin at the first question (prefilled from the profile and any earlier build)."""
    turn.state.fill = False
    return turn.goto(STEPS[QUESTIONS[0]])


@FLOW.entry_press(b.AnswerSkipped)
async def add_more(turn: PitchTurn, press: b.AnswerSkipped) -> Next:
    """After a thin build: ask only the skipped questions, then build again."""
    turn.state.built = {}
    first = _missing(await service(turn).answers(turn.user_id))
    turn.state.fill = first is not None
    return turn.goto(STEPS[first or QUESTIONS[0]])


async def answer(turn: PitchTurn, text: str) -> Next:
    """A typed answer: too short or too long is explained and asked again; long is kept."""
    asked = question(turn)
    assert asked is not None
    text = " ".join(text.split())
    limit = NAME_CHARS if asked == "name" else MAX_CHARS
    if len(text) < 2 or count_words(text) == 0:
        await turn.say_html(note("too_short_answer"))
        return turn.stay()
    if len(text) > limit:
        await turn.say_html(note("too_long_answer", limit=limit))
        return turn.stay()
    if asked not in ("name", "position") and non_answer(text):
        await turn.say_html(note("non_answer"))  # "Not sure yet" is a real answer about a role
        return turn.stay()
    pitches = service(turn)
    await pitches.answer(turn.user_id, asked, text)
    if asked != "name" and len(text) > LONG_CHARS:
        await turn.say_html(note("long_answer"))
    change = await pitches.profile_change(turn.user_id, asked, text)
    if change is not None:
        turn.state.sync = ProfileSync(question=asked, **asdict(change))
        return turn.goto(SYNC)
    return await _next(turn, asked)


for _step in STEPS.values():
    _step.text(answer)


async def ask_sync(turn: PitchTurn) -> Next | None:
    """A build answer corrected what the profile says: offer the correction to the profile."""
    sync = turn.state.sync
    if sync is None:  # nothing waiting any more: back to the pitch
        return turn.goto(MENU)
    rows = [
        [
            b.UpdateProfile().button(label("update_profile")),
            b.PitchOnly().button(label("pitch_only")),
        ]
    ]
    await turn.say_html(note("profile_sync", before=sync.before, after=sync.after), rows)
    return None


# "build." like the questions, so /pitch resumes it the way it resumes a question
SYNC = FLOW.step("build.sync", ask=ask_sync, hint="pitch.menu_hint")


@SYNC.press(b.UpdateProfile)
async def update_profile(turn: PitchTurn, press: b.UpdateProfile) -> Next:
    """Write the correction into the profile too, then the next question."""
    sync = turn.state.sync
    if sync is None:
        return turn.goto(MENU)
    change = ProfileChange(field=sync.field, before=sync.before, after=sync.after)
    try:
        await service(turn).update_profile(turn.user_id, change)
    except InvalidAnswer as exc:
        await turn.say_html(explain(exc))
    else:
        await turn.say_html(note("profile_updated", after=sync.after))
    turn.state.sync = None
    return await _next(turn, sync.question)


@SYNC.press(b.PitchOnly)
async def pitch_only(turn: PitchTurn, press: b.PitchOnly) -> Next:
    """Leave the profile as it is; the pitch keeps the correction."""
    sync = turn.state.sync
    turn.state.sync = None
    if sync is None:
        return turn.goto(MENU)
    return await _next(turn, sync.question)


async def _this_question(turn: PitchTurn, pressed: str | None) -> Next | str:
    """The question a Keep, Skip or Finish later press answers, or where to go instead: a
    button left under an earlier question asks the current one again, and one from a finished
    build points at the buttons."""
    asked = question(turn)
    if turn.state.step == SYNC.name:
        return turn.goto(SYNC)  # a button under the question above: this one is still open
    if asked is None:
        await turn.say_html(note("menu_hint"))
        return on_screen(MENU)
    if pressed is not None and pressed != asked:
        return turn.goto(STEPS[asked])
    return asked


@FLOW.entry_press(b.KeepAnswer)
async def keep_known(turn: PitchTurn, press: b.KeepAnswer) -> Next:
    """Keep the prefilled answer (it is written into the build answers, so it survives edits
    to the profile)."""
    asked = await _this_question(turn, press.step)
    if isinstance(asked, Next):
        return asked
    await service(turn).keep_known(turn.user_id, asked)
    return await _next(turn, asked)


@FLOW.entry_press(b.SkipQuestion)
async def skip(turn: PitchTurn, press: b.SkipQuestion) -> Next:
    """Leave this question out."""
    asked = await _this_question(turn, press.step)
    if isinstance(asked, Next):
        return asked
    await service(turn).answer(turn.user_id, asked, None)
    return await _next(turn, asked)


@FLOW.entry_press(b.FinishLater)
async def finish_later(turn: PitchTurn, press: b.FinishLater) -> Next:
    """Pause here; /pitch resumes at the same question."""
    asked = await _this_question(turn, None)
    if isinstance(asked, Next):
        return asked
    await turn.say("home/cancelled.html.j2", flow=FLOW.label, resume=FLOW.resume_command)
    return turn.pause()


async def _next(turn: PitchTurn, asked: str) -> Next:
    index = QUESTIONS.index(asked)
    if turn.state.fill:
        following = _missing(await service(turn).answers(turn.user_id), index)
    else:
        following = QUESTIONS[index + 1] if index + 1 < len(QUESTIONS) else None
    if following is not None:
        return turn.goto(STEPS[following])
    return await _finish(turn)


async def _finish(turn: PitchTurn) -> Next:
    """All questions seen: build the three lengths from what the student gave."""
    turn.state.fill = False
    built = await service(turn).build(turn.user_id)
    if built is None:
        name = (await service(turn).answers(turn.user_id)).name
        again = [[b.Build().button(label("try_again"))]]
        text = note("nothing_to_build_named", name=name) if name else note("nothing_to_build")
        await turn.say_html(text, again)
        return on_screen(MENU)
    turn.state.built = built.texts
    rows = [[b.KeepLength(s).button(label("keep_length", seconds=s)) for s in built.texts]]
    if built.thin:
        more = b.AnswerSkipped().button(label("answer_skipped")) if built.skipped else None
        rows.append([more or b.Build().button(label("add_more"))])
    await turn.say(
        "pitch/build_result.html.j2",
        rows,
        texts=built.texts,
        same=built.same,
        words={s: built.words(s) for s in built.texts},
        seconds={s: built.seconds(s) for s in built.texts},
        skipped=[e.label for e in Element if e in built.skipped],
    )
    return on_screen(BUILT)


@FLOW.entry_press(b.KeepLength)
async def keep_length(turn: PitchTurn, press: b.KeepLength) -> Next:
    """Keep one of the built lengths as the current version."""
    text = turn.state.built.get(press.seconds)
    if text is None:
        await turn.say_html(note("menu_hint"))
        return on_screen(MENU)
    turn.state.built = {}
    return await keep(turn, text, press.seconds, PitchSource.BUILT)
