"""/settings: a card of the student's settings; tap one to change it, by button or in words.

Reminder settings are applied to the nudges already waiting (in the same transaction), so moving
quiet hours or the follow-up delay moves the reminders the student will get.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.features.nudges.domain.prefs import WEEKDAYS, NudgePrefs, clock_label
from bot.features.pitch.pace import set_student_pace, student_pace
from bot.features.profile.domain.profile import InvalidAnswer
from bot.features.settings.domain.choices import OPTIONS, SETTINGS, apply, parse_pace
from bot.flow import Flow, FlowState, Next, Press, Rows, Turn
from bot.flow.context import AnyHandler
from bot.render.keyboards import Button
from bot.render.messages import explain, message
from bot.render.templates import render


@dataclass(frozen=True, slots=True)
class OpenSetting(Press, code="st|o"):
    """A setting on the card ("enabled" toggles reminders, "done" closes the card)."""

    setting: str


@dataclass(frozen=True, slots=True)
class PickValue(Press, code="st|v"):
    """One of the values offered for a setting."""

    setting: str
    value: str


@dataclass(kw_only=True)
class SettingsState(FlowState):
    """Which setting the student is changing."""

    setting: str = ""
    saved: str = ""  # the setting just changed, confirmed at the top of the card


FLOW = Flow(
    "settings", SettingsState, label="your settings", resume="/settings", hint="settings.hint"
)


def _card_rows(prefs: NudgePrefs) -> Rows:
    def open_(name: str) -> Button:
        return OpenSetting(name).button(message(f"settings.open_{name}"))

    toggle = "settings.turn_off" if prefs.enabled else "settings.turn_on"
    return [
        [open_("timezone"), open_("quiet")],
        [open_("follow_up"), open_("reminders")],
        [open_("thank_you"), open_("keep_in_touch")],
        [open_("goal"), open_("summary_day")],
        [open_("pace"), OpenSetting("enabled").button(message(toggle))],
        [OpenSetting("done").button(message("settings.done"))],
    ]


def _option_label(setting: str, value: str, prefs: NudgePrefs) -> str:
    if setting == "quiet":
        return message("settings.no_quiet") if value == "none" else value.replace("-", "–")
    if setting == "reminders" and value == "day_before":
        return message("settings.day_before_off" if prefs.day_before else "settings.day_before_on")
    if setting == "summary_day":
        return WEEKDAYS[int(value)][:3]
    return message(f"settings.unit_{setting}", n=value)


async def show_card(turn: Turn[SettingsState]) -> None:
    """Every setting with its current value, and a button for each."""
    prefs = await turn.services.nudges.prefs(turn.user_id)
    profile = await turn.services.profiles.get(turn.user_id)
    saved, turn.state.saved = turn.state.saved, ""
    await turn.say(
        "settings/card.html.j2",
        _card_rows(prefs),
        saved=saved,
        p=prefs,
        timezone=profile.timezone,
        quiet=(clock_label(prefs.quiet_start), clock_label(prefs.quiet_end)),
        summary_day=WEEKDAYS[prefs.summary_day],
        pace=await student_pace(turn.services.store, turn.user_id)
        or turn.services.settings.speaking_rate_wpm,
    )


async def ask_value(turn: Turn[SettingsState]) -> None:
    """The chosen setting's question, with its choices as buttons."""
    setting = turn.state.setting
    prefs = await turn.services.nudges.prefs(turn.user_id)
    options = [
        PickValue(setting, v).button(_option_label(setting, v, prefs)) for v in OPTIONS[setting]
    ]
    rows = [options[i : i + 4] for i in range(0, len(options), 4)]
    rows.append([OpenSetting("back").button(message("settings.back"))])
    await turn.say("settings/ask.html.j2", rows, setting=setting)


CHOOSING = FLOW.step("choosing", ask=show_card)
EDITING = FLOW.step("editing", ask=ask_value, hint="settings.edit_hint")


@FLOW.command("settings")
async def start(turn: Turn[SettingsState]) -> Next:
    """/settings always opens the card afresh."""
    turn.fresh()
    return turn.goto(CHOOSING)


@CHOOSING.press(OpenSetting)
@EDITING.press(OpenSetting)
async def choose(turn: Turn[SettingsState], press: OpenSetting) -> Next:
    """A setting: ask for its new value; "enabled" toggles at once; "done" closes the card."""
    if press.setting == "done":
        await turn.replace(render("settings/saved.html.j2"))
        return turn.end()
    if press.setting == "enabled":
        await turn.services.nudges.update_prefs(turn.user_id, lambda p: apply(p, "enabled", ""))
        turn.state.saved = "enabled"
        return turn.goto(CHOOSING)
    if press.setting not in SETTINGS:
        return turn.goto(CHOOSING)
    turn.state.setting = press.setting
    return turn.goto(EDITING)


@EDITING.press(PickValue)
async def pick(turn: Turn[SettingsState], press: PickValue) -> Next:
    """A value button."""
    if press.setting != turn.state.setting or press.value not in OPTIONS.get(press.setting, ()):
        return turn.stay()
    return await _change(turn, press.value)


@EDITING.text
async def typed(turn: Turn[SettingsState], text: str) -> Next:
    """A value in the student's own words: checked, explained if unusable."""
    return await _change(turn, text)


async def _change(turn: Turn[SettingsState], raw: str) -> Next:
    setting, uid, services = turn.state.setting, turn.user_id, turn.services
    try:
        if setting == "timezone":
            await services.profiles.set_answer(uid, "timezone", raw)
            await services.nudges.replan(uid)
        elif setting == "pace":
            await set_student_pace(services.store, uid, parse_pace(raw))
        else:
            await services.nudges.update_prefs(uid, lambda p: apply(p, setting, raw))
    except (InvalidAnswer, ValueError) as exc:
        await turn.say("settings/invalid.html.j2", reason=explain(exc))
        return turn.stay()
    turn.state.setting, turn.state.saved = "", setting
    return turn.goto(CHOOSING)


def handlers() -> list[AnyHandler]:
    """The /settings conversation."""
    return [FLOW.build()]
