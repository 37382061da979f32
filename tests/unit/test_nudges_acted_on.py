"""Which nudges /stats counts as acted on: the student's response once one reached them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.features.nudges.domain.claims import delivered
from bot.features.nudges.domain.kinds import NudgeKind, NudgeState
from bot.features.nudges.domain.records import DONE_NOTE, SNOOZE_NOTE, Nudge, acted_on

T0 = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)


def nudge(kind: NudgeKind = NudgeKind.FOLLOW_UP) -> Nudge:
    return Nudge("n1", kind, T0, T0, T0, T0).noted(T0, "created")


def test_done_or_snooze_pressed_after_it_arrived_counts_from_the_first_press() -> None:
    shown = delivered(nudge(), T0 + timedelta(minutes=1), 812)
    snoozed = shown.noted(T0 + timedelta(hours=1), SNOOZE_NOTE.format(days=1))
    done = snoozed.noted(T0 + timedelta(days=1), DONE_NOTE, state=NudgeState.DONE)
    assert acted_on(shown) is None
    assert acted_on(snoozed) == T0 + timedelta(hours=1)
    assert acted_on(done) == T0 + timedelta(hours=1)


def test_doing_what_it_asked_counts_but_only_once_it_had_arrived() -> None:
    shown = delivered(nudge(), T0 + timedelta(minutes=1), 812)
    did_it = shown.noted(T0 + timedelta(hours=2), "follow-up sent", state=NudgeState.DONE)
    assert acted_on(did_it) == T0 + timedelta(hours=2)  # "do it now", then the draft was sent
    early = nudge(NudgeKind.THANK_YOU).noted(T0, "thank-you sent", state=NudgeState.DONE)
    assert acted_on(early) is None  # done before the reminder ever came: not the nudge's doing
    stopped = shown.noted(T0 + timedelta(hours=3), "settings changed")
    assert acted_on(stopped) is None
