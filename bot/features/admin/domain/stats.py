"""Anonymous usage figures for career-center staff: counts over a period, never a person.

Each student's activity arrives as bare timestamps per kind of event, with no id, name or text,
and leaves as totals. A figure between 1 and :data:`MIN_SHOWN` - 1 is shown as "fewer than 5",
so a small pilot cannot be read back to the one student who did something.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

MIN_SHOWN = 5
# What staff see, in this order; "active" is any dated event at all, counted once per student.
COUNTED = (
    "contacts_added",
    "requests_sent",
    "interviews_held",
    "thank_yous_sent",
    "rehearsals",
    "nudges_acted_on",
)
PERIODS = {"7": timedelta(days=7), "30": timedelta(days=30), "90": timedelta(days=90)}


@dataclass(frozen=True, slots=True)
class Activity:
    """One student's dated events, by kind; ``other`` only marks them active."""

    events: Mapping[str, tuple[datetime, ...]] = field(default_factory=dict)
    other: tuple[datetime, ...] = ()


@dataclass(frozen=True, slots=True)
class Stats:
    """Totals for ``[since, until]``."""

    since: datetime | None
    until: datetime
    students: int
    active_students: int
    counts: Mapping[str, int]


def summarize(activities: Iterable[Activity], since: datetime | None, until: datetime) -> Stats:
    """Add up every student's events inside the period (``since=None``: all time)."""

    def inside(moment: datetime) -> bool:
        return (since is None or moment >= since) and moment <= until

    counts = dict.fromkeys(COUNTED, 0)
    students = active = 0
    for activity in activities:
        students += 1
        seen = False
        for kind, moments in activity.events.items():
            n = sum(1 for m in moments if inside(m))
            if kind in counts:
                counts[kind] += n
            seen = seen or n > 0
        if seen or any(inside(m) for m in activity.other):
            active += 1
    return Stats(since, until, students, active, counts)


def shown(count: int) -> str:
    """A figure as staff see it: small non-zero counts are not told exactly."""
    return f"fewer than {MIN_SHOWN}" if 0 < count < MIN_SHOWN else f"{count:,}"


def period_start(choice: str, until: datetime) -> datetime | None:
    """The start of the chosen period ("7", "30", "90" days, or "all")."""
    span = PERIODS.get(choice)
    return until - span if span is not None else None
