"""The weekly summary and the "what's due" overview: plain counts and lists, no wording."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.features.contacts.domain.records import LOG_INTERACTION, Contact
from bot.features.interviews.domain.interviews import Interview, Status
from bot.features.nudges.domain.kinds import NudgeKind
from bot.features.nudges.domain.records import Nudge

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Item:
    """One thing coming up: when (UTC), what, about whom."""

    at: datetime
    kind: NudgeKind
    nudge_id: str
    contact_name: str


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """Last week's actions, this week's due items and progress against the weekly goal."""

    requests_sent: int
    goal: int
    follow_ups_sent: int
    thank_yous_sent: int
    interviews_held: int
    contacts_added: int
    interactions: int
    coming: tuple[Item, ...]

    @property
    def goal_met(self) -> bool:
        """Whether last week reached the student's goal."""
        return self.requests_sent >= self.goal

    @property
    def quiet_week(self) -> bool:
        """Nothing happened at all last week."""
        return not (
            self.requests_sent
            or self.follow_ups_sent
            or self.thank_yous_sent
            or self.interviews_held
            or self.contacts_added
            or self.interactions
        )


# Not something to do: the summary itself, and the quiet "no reply" bookkeeping after a follow-up.
_NOT_TASKS = frozenset({NudgeKind.WEEKLY_SUMMARY, NudgeKind.NO_REPLY})
REQUEST_DRAFTS = frozenset({"request_email", "phone_script", "linkedin_note", "linkedin_message"})


def listable(nudges: Iterable[Nudge]) -> list[Nudge]:
    """Active nudges worth listing as things to do: no summaries or "no reply" bookkeeping, and
    a thank-you's escalation only once the first reminder has gone out."""
    nudges = [n for n in nudges if n.state.active]
    first_thanks = {n.interview_id for n in nudges if n.kind is NudgeKind.THANK_YOU}
    return [
        n
        for n in nudges
        if n.kind not in _NOT_TASKS
        and not (n.kind is NudgeKind.THANK_YOU_AGAIN and n.interview_id in first_thanks)
    ]


def upcoming(
    nudges: Iterable[Nudge],
    names: Mapping[str, str],
    start: datetime,
    end: datetime,
) -> tuple[Item, ...]:
    """Listable contact nudges delivered in [start, end), soonest first."""
    items = [
        Item(n.deliver_at, n.kind, n.id, names.get(n.contact_id or "", ""))
        for n in listable(nudges)
        if start <= n.deliver_at < end and (n.contact_id is None or n.contact_id in names)
    ]
    return tuple(sorted(items, key=lambda i: i.at))


def summarize_week(
    now: datetime,
    *,
    week_end: datetime | None = None,
    goal: int,
    contacts: Iterable[Contact],
    sent_drafts: Iterable[tuple[str, datetime]],
    interviews: Iterable[Interview],
    nudges: Iterable[Nudge],
) -> WeekSummary:
    """Count the seven days before ``week_end`` (the summary's due moment, so a summary that
    arrives late after downtime still covers its own week) and list the seven days after ``now``."""
    end = week_end or now
    since = end - WEEK
    contacts = list(contacts)
    sent = [(kind, at) for kind, at in sent_drafts if since <= at < end]
    names = {c.id: c.name for c in contacts}
    return WeekSummary(
        requests_sent=sum(1 for kind, _ in sent if kind in REQUEST_DRAFTS),
        goal=goal,
        follow_ups_sent=sum(1 for kind, _ in sent if kind == "follow_up"),
        thank_yous_sent=sum(1 for kind, _ in sent if kind == "thank_you"),
        interviews_held=sum(
            1
            for i in interviews
            if i.starts_at is not None
            and since <= i.starts_at < now
            and i.status is not Status.CANCELLED
        ),
        contacts_added=sum(1 for c in contacts if since <= c.created_at < end),
        interactions=sum(
            1 for c in contacts for e in c.log if e.kind == LOG_INTERACTION and since <= e.at < end
        ),
        coming=upcoming(nudges, names, now, now + WEEK),
    )


@dataclass(frozen=True, slots=True)
class Overview:
    """What /start shows a returning student: due today, and the rest of the week."""

    today: tuple[Item, ...]
    week: tuple[Item, ...]


def overview(
    nudges: Iterable[Nudge], names: Mapping[str, str], now: datetime, tz: ZoneInfo
) -> Overview:
    """Split the coming week at the end of the student's local today (overdue counts as today)."""
    nudges = list(nudges)
    local = now.astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    end_of_today = midnight.astimezone(now.tzinfo)
    past = now - timedelta(days=3650)
    return Overview(
        today=upcoming(nudges, names, past, end_of_today),
        week=upcoming(nudges, names, end_of_today, now + WEEK),
    )
