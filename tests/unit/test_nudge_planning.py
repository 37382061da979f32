"""Planning and claiming nudges: pure rules, no store, no Telegram."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.features.contacts.domain.records import (
    Stage,
    change_stage,
    log_interaction,
)
from bot.features.interviews.domain.interviews import Interview, Status
from bot.features.nudges.domain.claims import LEASE, claim_due, delivered
from bot.features.nudges.domain.kinds import Delivery, NudgeKind, NudgeState
from bot.features.nudges.domain.planning import (
    after_delivery,
    next_due,
    plan_contact,
    plan_draft_sent,
    plan_interview,
    replan,
)
from bot.features.nudges.domain.prefs import NudgePrefs
from bot.features.nudges.domain.summary import summarize_week
from tests.support.nudges import LA, NOW, contact, planner


def test_request_sent_plans_one_follow_up_a_week_later() -> None:
    before = contact()
    after = change_stage(before, Stage.REQUEST_SENT, NOW)
    [nudge] = plan_contact(before, after, [], planner())
    assert nudge.kind is NudgeKind.FOLLOW_UP and nudge.contact_id == "c1"
    assert nudge.deliver_at.astimezone(LA) == datetime(2026, 12, 4, 9, 0, tzinfo=LA)
    again = change_stage(after, Stage.REQUEST_SENT, NOW)  # a second "sent": still one
    assert plan_contact(after, again, [nudge], planner()) == []


def test_a_reply_meeting_or_interaction_cancels_the_follow_up() -> None:
    sent = change_stage(contact(), Stage.REQUEST_SENT, NOW)
    [follow] = plan_contact(contact(), sent, [], planner())
    for after in (
        change_stage(sent, Stage.SCHEDULED, NOW),
        change_stage(sent, Stage.DECLINED, NOW),
        log_interaction(sent, NOW, "They called back"),
    ):
        changes = plan_contact(sent, after, [follow], planner())
        cancelled = [n for n in changes if n.id == follow.id]
        assert cancelled and cancelled[0].state is NudgeState.CANCELLED
        assert cancelled[0].history[-1].text == "they replied"


def test_keep_in_touch_counts_from_the_last_interaction_and_resets() -> None:
    met = replace(contact(Stage.THANKED), last_interaction=NOW)
    [kit] = plan_contact(None, met, [], planner())
    assert kit.kind is NudgeKind.KEEP_IN_TOUCH
    assert kit.due_at.astimezone(LA).date() == (NOW + timedelta(days=90)).astimezone(LA).date()
    later = NOW + timedelta(days=30)
    talked = log_interaction(met, later, "Coffee")
    [moved] = plan_contact(met, talked, [kit], planner(later))
    assert moved.id == kit.id and moved.anchor == later
    assert moved.due_at.astimezone(LA).date() == (later + timedelta(days=90)).astimezone(LA).date()


def test_keep_in_touch_skips_family_and_stopped_contacts() -> None:
    family = replace(contact(Stage.THANKED, circle="family"), last_interaction=NOW)
    assert plan_contact(None, family, [], planner()) == []
    stopped = planner(prefs=NudgePrefs().stop("c1"))
    assert plan_contact(None, contact(Stage.THANKED), [], stopped) == []


def _interview(start: datetime | None, status: Status = Status.SCHEDULED) -> Interview:
    return Interview(
        id="i1", contact_id="c1", objective="learn", created_at=NOW, starts_at=start, status=status
    )


def test_meeting_time_plans_reminders_debrief_and_thank_you() -> None:
    start = datetime(2026, 12, 1, 15, 0, tzinfo=LA)
    changes = plan_interview(_interview(None, Status.PLANNED), _interview(start), [], planner())
    kinds = {n.kind: n for n in changes}
    assert set(kinds) == {
        NudgeKind.MEETING_DAY_BEFORE,
        NudgeKind.MEETING_HOUR_BEFORE,
        NudgeKind.DEBRIEF,
        NudgeKind.THANK_YOU,
        NudgeKind.THANK_YOU_AGAIN,
    }
    assert kinds[NudgeKind.MEETING_DAY_BEFORE].deliver_at.astimezone(LA) == datetime(
        2026, 11, 30, 15, 0, tzinfo=LA
    )
    assert kinds[NudgeKind.MEETING_HOUR_BEFORE].deliver_at.astimezone(LA).hour == 14
    assert kinds[NudgeKind.THANK_YOU].deliver_at.astimezone(LA) == datetime(
        2026, 12, 1, 18, 20, tzinfo=LA
    )
    assert kinds[NudgeKind.MEETING_HOUR_BEFORE].expires_at == start
    moved = _interview(start + timedelta(days=1))
    again = plan_interview(_interview(start), moved, changes, planner())
    assert sum(n.state is NudgeState.CANCELLED for n in again) == 5
    assert sum(n.state is NudgeState.PENDING for n in again) == 5


def test_a_meeting_booked_for_soon_skips_reminders_already_past() -> None:
    start = NOW + timedelta(minutes=40)
    changes = plan_interview(None, _interview(start), [], planner())
    assert NudgeKind.MEETING_DAY_BEFORE not in {n.kind for n in changes}
    assert NudgeKind.MEETING_HOUR_BEFORE not in {n.kind for n in changes}


def test_debrief_done_and_thank_you_sent_finish_their_nudges() -> None:
    start = NOW + timedelta(days=2)
    planned = plan_interview(None, _interview(start), [], planner())
    done = plan_interview(_interview(start), _interview(start, Status.DONE), planned, planner())
    assert {n.kind for n in done} == {
        NudgeKind.DEBRIEF,
        NudgeKind.MEETING_DAY_BEFORE,
        NudgeKind.MEETING_HOUR_BEFORE,
    }
    thanked = plan_draft_sent("thank_you", "c1", planned, planner())
    assert {n.kind for n in thanked} == {NudgeKind.THANK_YOU, NudgeKind.THANK_YOU_AGAIN}
    assert all(n.state is NudgeState.DONE for n in thanked)


def test_follow_up_sent_plans_the_no_reply_check_once() -> None:
    sent = change_stage(contact(), Stage.REQUEST_SENT, NOW)
    [follow] = plan_contact(contact(), sent, [], planner())
    later = NOW + timedelta(days=7)
    changes = plan_draft_sent("follow_up", "c1", [follow], planner(later))
    kinds = {n.kind: n for n in changes}
    assert kinds[NudgeKind.FOLLOW_UP].state is NudgeState.DONE
    assert kinds[NudgeKind.NO_REPLY].due_at.astimezone(LA).date().isoformat() == "2026-12-11"


def test_delivery_sets_up_what_follows() -> None:
    sent = change_stage(contact(), Stage.REQUEST_SENT, NOW)
    [follow] = plan_contact(contact(), sent, [], planner())
    [no_reply] = after_delivery(follow, [follow], planner())
    assert no_reply.kind is NudgeKind.NO_REPLY
    summary = planner().make(NudgeKind.WEEKLY_SUMMARY, NOW)
    [following] = after_delivery(summary, [summary], planner(summary.deliver_at))
    assert following.deliver_at - summary.deliver_at == timedelta(days=7)


def test_claim_policies_after_a_crash_between_send_and_record() -> None:
    sent = change_stage(contact(), Stage.REQUEST_SENT, NOW)
    [follow] = plan_contact(contact(), sent, [], planner())
    start = NOW + timedelta(days=10)
    meeting = [
        n
        for n in plan_interview(None, _interview(start), [], planner())
        if n.kind is NudgeKind.MEETING_DAY_BEFORE
    ]
    due = start - timedelta(hours=12)
    first = claim_due([follow, *meeting], due, boot="A")
    assert len(first.to_send) == 2 and all(n.state is NudgeState.CLAIMED for n in first.changed)
    # the same process, within the lease: nothing is taken twice
    assert claim_due(first.changed, due + timedelta(seconds=5), boot="A").changed == []
    # a new process (boot B) finds both claims: the follow-up is not repeated, the reminder is
    after = claim_due(first.changed, due + timedelta(seconds=30), boot="B")
    by_kind = {n.kind: n for n in after.changed}
    assert NudgeKind.FOLLOW_UP.spec.delivery is Delivery.AT_MOST_ONCE
    assert by_kind[NudgeKind.FOLLOW_UP].state is NudgeState.SENT
    assert [n.kind for n in after.to_send] == [NudgeKind.MEETING_DAY_BEFORE]
    # the same process after the lease ran out behaves the same way
    lapsed = claim_due(first.changed, due + LEASE + timedelta(seconds=1), boot="A")
    assert [n.kind for n in lapsed.to_send] == [NudgeKind.MEETING_DAY_BEFORE]
    # replicas: A's claims stand while A runs (it may be sending right now), until the lease ends
    live = frozenset({"A", "B"})
    assert claim_due(first.changed, due + timedelta(seconds=30), boot="B", live=live).changed == []
    lapsed = claim_due(first.changed, due + LEASE + timedelta(seconds=1), boot="B", live=live)
    assert [n.kind for n in lapsed.to_send] == [NudgeKind.MEETING_DAY_BEFORE]


def test_an_expired_meeting_reminder_is_dropped_not_sent() -> None:
    start = NOW + timedelta(days=3)
    planned = plan_interview(None, _interview(start), [], planner())
    result = claim_due(planned, start + timedelta(days=7), boot="A")
    kinds = {n.kind for n in result.to_send}
    assert NudgeKind.MEETING_HOUR_BEFORE not in kinds and NudgeKind.DEBRIEF in kinds
    dropped = [n for n in result.changed if n.state is NudgeState.CANCELLED]
    assert {n.kind for n in dropped} == {
        NudgeKind.MEETING_DAY_BEFORE,
        NudgeKind.MEETING_HOUR_BEFORE,
    }


def test_next_due_counts_claims_from_their_claim_and_respects_off() -> None:
    sent = change_stage(contact(), Stage.REQUEST_SENT, NOW)
    [follow] = plan_contact(contact(), sent, [], planner())
    assert next_due([follow], NudgePrefs()) == follow.deliver_at
    claimed = claim_due([follow], follow.deliver_at, boot="A").changed
    assert next_due(claimed, NudgePrefs()) == follow.deliver_at
    assert next_due([follow], NudgePrefs(enabled=False)) is None
    assert next_due([delivered(claimed[0], NOW, 5)], NudgePrefs()) is None


def test_settings_change_moves_pending_nudges() -> None:
    sent = change_stage(contact(), Stage.REQUEST_SENT, NOW)
    [follow] = plan_contact(contact(), sent, [], planner())
    [moved] = replan([follow], planner(prefs=NudgePrefs(follow_up_days=10)))
    assert (moved.due_at - follow.due_at) == timedelta(days=3)


def test_weekly_summary_counts_last_week_and_lists_this_week() -> None:
    sent = change_stage(contact(), Stage.REQUEST_SENT, NOW)
    [follow] = plan_contact(contact(), sent, [], planner())
    summary = summarize_week(
        NOW + timedelta(days=3),
        goal=2,
        contacts=[sent],
        sent_drafts=[
            ("request_email", NOW),
            ("thank_you", NOW),
            ("request_email", NOW - timedelta(days=30)),
        ],
        interviews=[],
        nudges=[follow],
    )
    assert (summary.requests_sent, summary.thank_yous_sent, summary.contacts_added) == (1, 1, 1)
    assert not summary.goal_met and [i.kind for i in summary.coming] == [NudgeKind.FOLLOW_UP]


def test_a_late_summary_still_covers_its_own_week() -> None:
    summary = summarize_week(
        NOW + timedelta(days=10),
        week_end=NOW + timedelta(days=3),
        goal=1,
        contacts=[],
        sent_drafts=[("request_email", NOW + timedelta(days=1))],
        interviews=[],
        nudges=[],
    )
    assert summary.requests_sent == 1 and summary.goal_met
