"""/debrief: capture what was learned right after the meeting, then write the thank-you.

Notes go against the questions the student prepared (typed, or a voice note), then the one
highlight the thank-you will mention, the people the contact recommended (each saved as a contact
introduced by them, with whether their name may be used), and the next steps. The handout's advice
(thank them, ask who else to speak with, follow up) becomes the flow's order.
"""

from __future__ import annotations

from datetime import datetime

from telegram import Message, Update
from telegram.ext import filters

from bot.features.contacts import picker
from bot.features.contacts.domain import Contact, ContactDraft, fold, parse_contact_line
from bot.features.interviews import service
from bot.features.interviews.domain.interviews import (
    MAX_NEXT_STEPS,
    Interview,
    add_next_steps,
    day_label,
)
from bot.features.interviews.handlers.buttons import (
    DoneWithNotes,
    MayUseName,
    MeetingHeld,
    NextStepsDone,
    NoMoreReferrals,
    NotYet,
    SkipHighlight,
    SkipQuestion,
)
from bot.features.interviews.handlers.meeting import (
    about,
    contact_of,
    open_from_card,
    open_or_resume,
)
from bot.features.interviews.handlers.state import Debriefing, Referred, debrief_legacy
from bot.features.outreach import presenter
from bot.features.outreach.domain.facts import DraftFacts, name_problem
from bot.features.outreach.domain.kinds import DraftKind
from bot.flow import Flow, Go, Next, Turn, on_press
from bot.flow.context import AnyHandler, CoachContext
from bot.render.messages import message

HIGHLIGHT_CHARS = (3, 200)
_NO_ONE = frozenset({"no", "none", "no one", "nobody", "nope", "that's all", "that's everyone"})


FLOW = Flow(
    "debrief",
    Debriefing,
    label="your debrief",
    resume="/debrief",
    hint="interviews.debrief_hint",
    legacy=debrief_legacy,
)


# --- the questions each step asks -------------------------------------------------------------


async def ask_held(turn: Turn[Debriefing]) -> Next | None:
    """The meeting is still set for a future date: ask whether it happened before anything moves
    (resumed later, the date may have passed meanwhile: then straight to the notes)."""
    found = await about(turn)
    if found is None:
        return turn.end()
    contact, interview = found
    when = await service.meeting_ahead(turn.services, turn.user_id, interview)
    if when is None:
        return await _begin(turn, contact, interview)
    rows = [
        [MeetingHeld("y").button(message("interviews.held_yes"))],
        [MeetingHeld("n").button(message("interviews.held_no"))],
    ]
    await turn.say("interviews/ask_held.html.j2", rows, contact=contact, when_text=_day(when))
    return None


async def ask_note(turn: Turn[Debriefing]) -> Next | None:
    """Notes against the next prepared question, or free notes when none were prepared."""
    found = await about(turn)
    if found is None:
        return turn.end()
    contact, interview = found
    index, questions = turn.state.question, interview.questions
    if questions and index >= len(questions):
        return turn.goto(HIGHLIGHT)
    rows = [
        [
            SkipQuestion().button(message("interviews.skip")),
            DoneWithNotes().button(message("interviews.done_with_notes")),
        ]
    ]
    await turn.say(
        "interviews/ask_note.html.j2",
        rows,
        contact=contact,
        question=questions[index] if questions else None,
        number=index + 1,
        total=len(questions),
    )
    return None


async def ask_highlight(turn: Turn[Debriefing], problem: str | None = None) -> Next | None:
    """The one thing they'll remember, for the thank-you."""
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    await turn.say(
        "interviews/ask_highlight.html.j2",
        [[SkipHighlight().button(message("interviews.skip"))]],
        contact=contact,
        voice_only=turn.state.voice_only and problem is None,
        problem=problem,
    )
    return None


async def ask_referral(turn: Turn[Debriefing], problem: str = "") -> Next | None:
    """Who else they should speak with (first, or "anyone else?" after one was added)."""
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    first = not turn.state.more and not problem
    label = message("interviews.no_one" if first else "interviews.everyone")
    await turn.say(
        "interviews/ask_referral.html.j2",
        [[NoMoreReferrals().button(label)]],
        contact=contact,
        first=first,
        problem=problem,
    )
    return None


async def ask_may_use(turn: Turn[Debriefing], again: bool = False) -> Next | None:
    """Whether the recommended person's name may be used (and so the contact's, with them)."""
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    if turn.state.referral is None:
        return turn.goto(REFERRAL)
    rows = [
        [
            MayUseName("y").button(message("interviews.yes")),
            MayUseName("n").button(message("interviews.no")),
        ],
        [MayUseName("x").button(message("interviews.did_not_ask"))],
    ]
    name = turn.state.referral.name
    await turn.say("interviews/ask_may_use.html.j2", rows, contact=contact, name=name, again=again)
    return None


async def ask_next(turn: Turn[Debriefing]) -> None:
    """Next steps, adding up until the student taps Done."""
    steps = tuple(turn.state.next_steps)
    label = message("interviews.done" if steps else "interviews.skip")
    await turn.say(
        "interviews/ask_next.html.j2",
        [[NextStepsDone().button(label)]],
        steps=steps,
        full=len(steps) >= MAX_NEXT_STEPS,
    )


HELD = FLOW.step("held", ask=ask_held)
NOTE = FLOW.step("note", ask=ask_note)
HIGHLIGHT = FLOW.step("highlight", ask=ask_highlight)
REFERRAL = FLOW.step("referral", ask=ask_referral)
MAY_USE = FLOW.step("may_use", ask=ask_may_use)
NEXT = FLOW.step("next", ask=ask_next)


# --- entry -----------------------------------------------------------------------------------


def _day(when: datetime) -> str:
    """ "Thu 10 Dec, 15:00" (already in the student's zone)."""
    return day_label(when, short=True)


async def contact_chosen(turn: Turn[Debriefing], contact: Contact) -> Next:
    """Debrief their latest interview (one is created if the student never used /prep); a
    meeting still set for a future date is checked with the student first."""
    interview = await service.start_debrief(turn.services, turn.user_id, contact)
    turn.state.contact, turn.state.interview, turn.state.question = contact.id, interview.id, 0
    if await service.meeting_ahead(turn.services, turn.user_id, interview) is not None:
        return turn.goto(HELD)
    return await _begin(turn, contact, interview)


async def _begin(turn: Turn[Debriefing], contact: Contact, interview: Interview) -> Next:
    await turn.say("interviews/debrief_intro.html.j2", contact=contact, interview=interview)
    return turn.goto(NOTE)


PICKER = picker.attach(FLOW, key="b", question="interviews.pick_debrief", on_chosen=contact_chosen)


@FLOW.command("debrief")
async def start(turn: Turn[Debriefing]) -> Next:
    """/debrief: resume at the same step, or ask who the student just met."""
    return await open_or_resume(turn, PICKER)


@FLOW.entry_press(Go, pattern=Go.where(target="debrief"))
async def from_card(turn: Turn[Debriefing], press: Go) -> Next:
    """ "📝 Debrief" on a contact card or the prep sheet: the contact is already known."""
    return await open_from_card(turn, press, PICKER)


# --- a meeting still set for a future date --------------------------------------------------


_HELD_YES = frozenset({"yes", "y", "yeah", "yep", "it happened", "yes it happened", "it did"})
_HELD_NO = frozenset({"no", "n", "nope", "not yet", "no not yet", "it s still coming"})


@HELD.text
async def held_typed(turn: Turn[Debriefing], text: str) -> Next | None:
    """A typed yes or no counts as the tap; anything else asks again (nothing moves on a
    guess)."""
    words = fold(text)
    if words in _HELD_YES or words in _HELD_NO:
        return await _held(turn, "y" if words in _HELD_YES else "n")
    return turn.goto(HELD)


@HELD.press(MeetingHeld)
async def held_answered(turn: Turn[Debriefing], press: MeetingHeld) -> Next:
    """Yes: it is recorded as today's meeting, then the debrief. No: nothing changes; offer to
    prepare instead."""
    return await _held(turn, press.answer)


async def _held(turn: Turn[Debriefing], answer: str) -> Next:
    found = await about(turn)
    if found is None:
        return turn.end()
    contact, interview = found
    if answer == "y":
        interview = await service.mark_held(turn.services, turn.user_id, contact, interview)
        when = await service.local_start(turn.services, turn.user_id, interview)
        await turn.say("interviews/held_today.html.j2", when_text=_day(when))
        return await _begin(turn, contact, interview)
    when = await service.local_start(turn.services, turn.user_id, interview)
    rows = [
        [Go("prep", contact.id).button(message("interviews.prepare_for_it"))],
        [NotYet().button(message("interviews.leave_for_now"))],
    ]
    await turn.say("interviews/not_yet.html.j2", rows, when_text=_day(when))
    return turn.end()


@on_press(NotYet, keep_buttons=False, toast=message("interviews.left_for_now"))
async def leave_for_now(update: Update, context: CoachContext, press: NotYet) -> None:
    """The meeting is still to come and the student won't prepare now: nothing to do."""


# --- notes -----------------------------------------------------------------------------------


async def _keep_note(turn: Turn[Debriefing], answer: str) -> Next:
    found = await about(turn)
    if found is None:
        return turn.end()
    index = turn.state.question
    interview = await service.keep_note(turn.services, turn.user_id, found[1], index, answer)
    if not interview.questions:
        return turn.goto(HIGHLIGHT)
    turn.state.question = index + 1
    return turn.goto(NOTE)


@NOTE.text
async def note_typed(turn: Turn[Debriefing], text: str) -> Next:
    """What they said about the current question, in the student's words."""
    return await _keep_note(turn, text)


@NOTE.message(filters.VOICE)
async def note_voice(turn: Turn[Debriefing], voice_message: Message) -> Next:
    """A voice note: transcribed when a backend is configured, otherwise kept by its length."""
    voice = voice_message.voice
    assert voice is not None
    transcriber = turn.services.transcriber
    text: str | None = None
    if transcriber.enabled:
        file = await voice.get_file()
        audio = bytes(await file.download_as_bytearray())
        text = await transcriber.transcribe(audio, voice.mime_type)
    if text:
        await turn.say("interviews/transcribed.html.j2", text=text)
        return await _keep_note(turn, text)
    turn.state.voice_only = True
    seconds = int(voice.to_dict().get("duration", 0))  # plain seconds, as the Bot API sends it
    return await _keep_note(turn, message("interviews.voice_note", seconds=seconds))


@NOTE.press(SkipQuestion)
async def skip_question(turn: Turn[Debriefing], press: SkipQuestion) -> Next:
    """No note for this question: the next one."""
    found = await about(turn)
    if found is None:
        return turn.end()
    if not found[1].questions:
        return turn.goto(HIGHLIGHT)
    turn.state.question += 1
    return turn.goto(NOTE)


@NOTE.press(DoneWithNotes)
async def done_with_notes(turn: Turn[Debriefing], press: DoneWithNotes) -> Next:
    """Stop taking notes: on to the highlight."""
    return turn.goto(HIGHLIGHT)


# --- highlight -------------------------------------------------------------------------------


@HIGHLIGHT.text
async def highlight_typed(turn: Turn[Debriefing], text: str) -> Next | None:
    """The one line the thank-you note will mention."""
    highlight = " ".join(text.split()).rstrip(".")
    low, high = HIGHLIGHT_CHARS
    if not low <= len(highlight) <= high:
        problem = message("interviews.highlight_length", low=low, high=high)
        return await ask_highlight(turn, problem) or turn.stay()
    await service.set_highlight(turn.services, turn.user_id, turn.state.interview, highlight)
    return turn.goto(REFERRAL)


@HIGHLIGHT.press(SkipHighlight)
async def skip_highlight(turn: Turn[Debriefing], press: SkipHighlight) -> Next:
    """No highlight: the thank-you will be a little more general."""
    return turn.goto(REFERRAL)


# --- referrals -------------------------------------------------------------------------------


@REFERRAL.text
async def referral_typed(turn: Turn[Debriefing], text: str) -> Next | None:
    """Someone the contact recommended; next, whether their name may be used."""
    if " ".join(text.lower().split()).strip(".!'’") in _NO_ONE:
        return turn.goto(NEXT)
    draft = parse_contact_line(text)
    problem = next((reason for name, reason in draft.problems if name == "name"), None)
    problem = problem or (name_problem(draft.name) if draft.name else None)
    if problem or not draft.name:
        turn.state.more = True
        return await ask_referral(turn, problem or message("interviews.name_please")) or (
            turn.stay()
        )
    turn.state.referral = Referred(
        draft.name, draft.organization, draft.role, draft.field, draft.email
    )
    return turn.goto(MAY_USE)


@REFERRAL.press(NoMoreReferrals)
async def no_more_referrals(turn: Turn[Debriefing], press: NoMoreReferrals) -> Next:
    """No (more) recommendations: on to next steps."""
    return turn.goto(NEXT)


@MAY_USE.text
async def may_use_typed(turn: Turn[Debriefing], text: str) -> Next | None:
    """Text while the yes/no question is open: ask it again."""
    return await ask_may_use(turn, again=True) or turn.stay()


@MAY_USE.press(MayUseName)
async def may_use_answered(turn: Turn[Debriefing], press: MayUseName) -> Next:
    """Save the recommended person as a contact introduced by this one."""
    contact = await contact_of(turn)
    if contact is None:
        return turn.end()
    referred, turn.state.referral = turn.state.referral, None
    turn.state.more = True
    if referred is None:
        return turn.goto(REFERRAL)
    may_use = {"y": True, "n": False}.get(press.answer)
    person = ContactDraft(
        name=referred.name,
        organization=referred.organization,
        role=referred.role,
        field=referred.field,
        email=referred.email,
    )
    added = await service.add_referral(
        turn.services, turn.user_id, contact, turn.state.interview, person, may_use
    )
    if added is None:
        await turn.say_html(message("interviews.contact_gone", command="/debrief"))
        return turn.end()
    await turn.say(
        "interviews/referral_added.html.j2", person=added, contact=contact, may_use=may_use
    )
    return turn.goto(REFERRAL)


# --- next steps and the thank-you ------------------------------------------------------------


@NEXT.text
async def next_typed(turn: Turn[Debriefing], text: str) -> Next:
    """One or more next steps; they add up until the student taps Done (or the list is full)."""
    steps = add_next_steps(tuple(turn.state.next_steps), text)
    turn.state.next_steps = list(steps)
    if len(steps) >= MAX_NEXT_STEPS:
        return await _finish(turn)
    return turn.goto(NEXT)


@NEXT.press(NextStepsDone)
async def next_steps_done(turn: Turn[Debriefing], press: NextStepsDone) -> Next:
    """Done adding next steps (or none to note): the wrap-up."""
    return await _finish(turn)


async def _finish(turn: Turn[Debriefing]) -> Next:
    found = await about(turn)
    if found is None:
        return turn.end()
    contact, interview = found
    steps = tuple(turn.state.next_steps)
    done = await service.finish_debrief(turn.services, turn.user_id, contact, interview, steps)
    await turn.say(
        "interviews/debrief_done.html.j2", contact=done.contact, interview=done.interview
    )
    facts = DraftFacts(highlight=done.interview.highlight)
    await presenter.present(turn.update, turn.context, DraftKind.THANK_YOU, done.contact, facts)
    return turn.end()


def handlers() -> list[AnyHandler]:
    """The /debrief conversation, and the "leave it" button it may end on."""
    return [FLOW.build(), leave_for_now]
