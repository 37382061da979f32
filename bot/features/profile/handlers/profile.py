"""/profile: show what the coach knows and let the student change any of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.features.profile.coach import spelling_question
from bot.features.profile.domain.profile import InvalidAnswer
from bot.flow import Flow, FlowState, Next, Press, Rows, Turn
from bot.flow.context import AnyHandler
from bot.render.messages import explain, message
from bot.render.templates import render

FIELDS = ("name", "degree", "interests", "position", "timezone")


@dataclass(frozen=True, slots=True)
class EditField(Press, code="pf"):
    """Change one field of the profile (``done`` closes the card)."""

    field: str


@dataclass(frozen=True, slots=True)
class FixSpelling(Press, code="ps"):
    """Take the suggested spelling of the value just typed, or keep it as typed."""

    fix: bool


@dataclass(kw_only=True)
class ProfileEdit(FlowState):
    """Which field the student is changing."""

    field: str = ""


def _legacy(data: dict[str, Any]) -> ProfileEdit | None:
    field = data.pop("profile_field", None)
    return ProfileEdit(step="editing", field=field) if field in FIELDS else None


FLOW = Flow(
    "profile",
    ProfileEdit,
    label="editing",
    resume="/profile",
    hint="profile.edit_hint",
    legacy=_legacy,
)


def _card_buttons() -> Rows:
    buttons = [EditField(f).button(message(f"profile.field_{f}")) for f in FIELDS]
    done = EditField("done").button(message("profile.done"))
    return [buttons[:2], buttons[2:4], [buttons[4], done]]


async def show_card(turn: Turn[ProfileEdit]) -> None:
    """The profile card with a button per field."""
    profile = await turn.services.profiles.get(turn.user_id)
    await turn.say("profile/profile.html.j2", _card_buttons(), profile=profile)


async def ask_value(turn: Turn[ProfileEdit]) -> None:
    """The field being changed, with its current value."""
    profile = await turn.services.profiles.get(turn.user_id)
    field = turn.state.field
    await turn.say("profile/edit_field.html.j2", field=field, current=getattr(profile, field))


CHOOSING = FLOW.step("choosing", ask=show_card)
EDITING = FLOW.step("editing", ask=ask_value)


@FLOW.command("profile")
async def start(turn: Turn[ProfileEdit]) -> Next:
    """/profile always opens the card afresh."""
    turn.fresh()
    return turn.goto(CHOOSING)


@CHOOSING.press(EditField)
@EDITING.press(EditField)
async def choose(turn: Turn[ProfileEdit], press: EditField) -> Next:
    """A field button: ask for its new value, or close the card."""
    if press.field == "done":
        await turn.replace(render("profile/saved.html.j2"))
        return turn.end()
    if press.field not in FIELDS:
        return turn.stay()
    turn.state.field = press.field
    return turn.goto(EDITING)


@EDITING.text
async def edit(turn: Turn[ProfileEdit], text: str) -> Next:
    """Validate and keep the new value, then show the card again."""
    try:
        profile = await turn.services.profiles.set_answer(turn.user_id, turn.state.field, text)
    except InvalidAnswer as exc:
        await turn.say("profile/invalid.html.j2", reason=explain(exc))
        return turn.stay()
    if suggestion := await spelling_question(profile, turn.state.field):
        buttons = [
            [
                FixSpelling(True).button(message("profile.spelling_fix")),
                FixSpelling(False).button(message("profile.spelling_keep")),
            ]
        ]
        await turn.say("profile/spelling.html.j2", buttons, suggestion=suggestion)
        return turn.stay()
    turn.state.field = ""
    return turn.goto(CHOOSING)


@EDITING.press(FixSpelling)
async def fix_spelling(turn: Turn[ProfileEdit], press: FixSpelling) -> Next:
    """The student's verdict on the suggested spelling; then the card again."""
    field = turn.state.field
    profile = await turn.services.profiles.get(turn.user_id)
    if press.fix and (suggestion := await spelling_question(profile, field)):
        await turn.services.profiles.set_answer(turn.user_id, field, suggestion)
    turn.state.field = ""
    return turn.goto(CHOOSING)


def handlers() -> list[AnyHandler]:
    """The /profile conversation."""
    return [FLOW.build()]
