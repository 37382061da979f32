"""Keep-in-touch cadence: circle defaults, the student's choice, and what planning does with it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.features.contacts.domain.records import Stage, log_interaction
from bot.features.nudges.domain.cadence import CIRCLE_DAYS, cadence_days, effective_days
from bot.features.nudges.domain.kinds import NudgeKind, NudgeState
from bot.features.nudges.domain.planning import after_delivery, plan_cadence, plan_contact, replan
from bot.features.nudges.domain.prefs import NudgePrefs
from bot.store.records import from_json, to_json
from tests.support.nudges import LA, NOW, contact, planner


def days_after(due: datetime, start: datetime = NOW) -> int:
    return (due.astimezone(LA).date() - start.astimezone(LA).date()).days


def test_circles_default_and_the_students_choice_wins() -> None:
    assert cadence_days("alumni", None) is None  # follows the /settings number
    assert cadence_days(None, None) is None
    assert cadence_days("clubs", None) == 60
    assert cadence_days("family", None) == 0 and cadence_days("friends", None) == 0
    assert cadence_days("family", 180) == 180 and cadence_days("alumni", 0) == 0
    assert effective_days("coworkers", None, 120) == 120
    assert effective_days("clubs", None, 120) == 60
    assert all(days in (0, 60) for days in CIRCLE_DAYS.values())


def test_a_choice_is_stored_replaced_and_lifts_a_stop() -> None:
    prefs = NudgePrefs().stop("c1").with_cadence("c1", 30).with_cadence("c1", 180)
    assert prefs.cadence_override("c1") == 180 and not prefs.stopped("c1")
    assert prefs.cadences == (("c1", 180),)
    assert from_json(NudgePrefs, to_json(prefs)) == prefs
    assert NudgePrefs().stop("c1").with_cadence("c1", 0).stopped("c1")  # "never" keeps a stop
    assert prefs.with_cadence("c2", 0).without_cadence("c1").cadences == (("c2", 0),)


def test_the_circle_sets_the_nudges_own_cadence() -> None:
    clubs = replace(contact(Stage.THANKED, circle="clubs"), last_interaction=NOW)
    [kit] = plan_contact(None, clubs, [], planner())
    assert kit.every_days == 60 and days_after(kit.due_at) == 60
    alumni = replace(contact(Stage.THANKED), last_interaction=NOW)
    [kit] = plan_contact(None, alumni, [], planner())
    assert kit.every_days is None and days_after(kit.due_at) == 90
    # /settings' number moves the professional one
    [moved] = replan([kit], planner(prefs=NudgePrefs(keep_in_touch_days=120)))
    assert days_after(moved.due_at) == 120


def test_choosing_a_cadence_moves_creates_or_cancels_the_nudge() -> None:
    met = replace(contact(Stage.THANKED), last_interaction=NOW)
    [kit] = plan_contact(None, met, [], planner())
    monthly = planner(prefs=NudgePrefs().with_cadence("c1", 30))
    [moved] = plan_cadence(met, [kit], monthly)
    assert moved.id == kit.id and moved.every_days == 30 and days_after(moved.due_at) == 30
    assert plan_cadence(met, [moved], monthly) == []  # nothing changes twice
    never = planner(prefs=NudgePrefs().with_cadence("c1", 0))
    [gone] = plan_cadence(met, [moved], never)
    assert gone.state is NudgeState.CANCELLED
    # a family member the student chose to keep up with, whatever the stage
    mom = contact(Stage.TO_CONTACT, circle="family")
    [new] = plan_cadence(mom, [], planner(prefs=NudgePrefs().with_cadence("c1", 180)))
    assert new.kind is NudgeKind.KEEP_IN_TOUCH and days_after(new.due_at) == 180


def test_an_interaction_restarts_the_chosen_cadence_and_the_next_round_keeps_it() -> None:
    prefs = NudgePrefs().with_cadence("c1", 30)
    met = replace(contact(Stage.THANKED), last_interaction=NOW)
    [kit] = plan_contact(None, met, [], planner(prefs=prefs))
    later = NOW + timedelta(days=12)
    talked = log_interaction(met, later, "Lunch")
    [moved] = plan_contact(met, talked, [kit], planner(later, prefs))
    assert moved.anchor == later and days_after(moved.due_at, later) == 30
    sent = replace(moved, state=NudgeState.SENT)
    [next_round] = after_delivery(sent, [sent], planner(later, prefs))
    assert next_round.every_days == 30
