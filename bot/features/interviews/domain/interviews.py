"""An informational interview from preparation to debrief, and the dates students type for it.

The handout's advice (clear objective, written questions, 20–30 minutes, face to face when
possible, thank them and follow up) becomes fields and checks here, so /prep, the calendar file and
/debrief all work from one record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser

from bot.features.outreach.domain.introductions import self_introduction
from bot.features.outreach.domain.text import objective_clause

MIN_MINUTES, MAX_MINUTES = 20, 30
MAX_QUESTION_CHARS = 300
MAX_AHEAD = timedelta(days=366)

LOGISTICS: tuple[str, ...] = (
    "Keep it to 20–30 minutes, and keep to it unless they offer more time.",
    "Meet face to face where you can: you'll see the workplace and its culture.",
    "Treat it like an interview: dress appropriately.",
    "Be on time, with your questions written down.",
    "Bring a copy of your resume, just in case.",
    "Close by thanking them, then send a short thank-you note the same day.",
)


class Mode(StrEnum):
    """How the conversation happens."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"

    @property
    def label(self) -> str:
        """Words for the prep sheet and the calendar."""
        return {"in_person": "In person", "video": "Video call", "phone": "Phone call"}[self.value]


class Status(StrEnum):
    """Where the interview is in its life."""

    PLANNED = "planned"
    SCHEDULED = "scheduled"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """What the contact said in answer to one prepared question."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Referral:
    """Someone the contact recommended; becomes a contact introduced by them."""

    name: str
    organization: str = ""
    may_use_name: bool = False


@dataclass(frozen=True, slots=True)
class Interview:
    """One informational interview; questions are a tuple, edited through the ``with_*`` methods."""

    id: str
    contact_id: str
    objective: str
    created_at: datetime
    questions: tuple[str, ...] = ()
    starts_at: datetime | None = None
    duration_minutes: int = MIN_MINUTES
    mode: Mode = Mode.IN_PERSON
    location: str = ""
    prep_done: bool = False
    notes: tuple[NoteEntry, ...] = ()
    free_notes: str = ""
    referrals: tuple[Referral, ...] = ()
    next_steps: tuple[str, ...] = ()
    highlight: str = ""
    status: Status = Status.PLANNED

    def __post_init__(self) -> None:
        if not MIN_MINUTES <= self.duration_minutes <= MAX_MINUTES:
            raise ValueError(f"duration must be {MIN_MINUTES}–{MAX_MINUTES} minutes")
        if self.starts_at is not None and self.starts_at.tzinfo is None:
            raise ValueError("starts_at must be timezone-aware")

    @property
    def ends_at(self) -> datetime | None:
        """When the agreed time is up."""
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None

    # editing the question list
    def with_question_added(self, text: str) -> Interview:
        """Append a question the student wrote."""
        return replace(self, questions=(*self.questions, _clean_question(text)))

    def with_question_replaced(self, index: int, text: str) -> Interview:
        """Reword one question."""
        _check_index(self.questions, index)
        qs = list(self.questions)
        qs[index] = _clean_question(text)
        return replace(self, questions=tuple(qs))

    def with_question_removed(self, index: int) -> Interview:
        """Drop one question."""
        _check_index(self.questions, index)
        return replace(self, questions=self.questions[:index] + self.questions[index + 1 :])

    def with_question_moved(self, index: int, to: int) -> Interview:
        """Reorder: the most important questions go first in case time runs short."""
        _check_index(self.questions, index)
        qs = list(self.questions)
        qs.insert(max(0, min(to, len(qs) - 1)), qs.pop(index))
        return replace(self, questions=tuple(qs))

    def to_record(self) -> dict[str, Any]:
        """JSON-safe form for storage."""
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "objective": self.objective,
            "created_at": self.created_at.isoformat(),
            "questions": list(self.questions),
            "starts_at": self.starts_at.isoformat() if self.starts_at else None,
            "duration_minutes": self.duration_minutes,
            "mode": self.mode.value,
            "location": self.location,
            "prep_done": self.prep_done,
            "notes": [{"question": n.question, "answer": n.answer} for n in self.notes],
            "free_notes": self.free_notes,
            "referrals": [
                {"name": r.name, "organization": r.organization, "may_use_name": r.may_use_name}
                for r in self.referrals
            ],
            "next_steps": list(self.next_steps),
            "highlight": self.highlight,
            "status": self.status.value,
        }

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> Interview:
        """Rebuild from storage; missing optional keys take their defaults."""
        starts = d.get("starts_at")
        return cls(
            id=d["id"],
            contact_id=d["contact_id"],
            objective=d.get("objective", ""),
            created_at=datetime.fromisoformat(d["created_at"]),
            questions=tuple(d.get("questions", ())),
            starts_at=datetime.fromisoformat(starts) if starts else None,
            duration_minutes=d.get("duration_minutes", MIN_MINUTES),
            mode=Mode(d.get("mode", Mode.IN_PERSON.value)),
            location=d.get("location", ""),
            prep_done=d.get("prep_done", False),
            notes=tuple(NoteEntry(n["question"], n["answer"]) for n in d.get("notes", ())),
            free_notes=d.get("free_notes", ""),
            referrals=tuple(
                Referral(r["name"], r.get("organization", ""), r.get("may_use_name", False))
                for r in d.get("referrals", ())
            ),
            next_steps=tuple(d.get("next_steps", ())),
            highlight=d.get("highlight", ""),
            status=Status(d.get("status", Status.PLANNED.value)),
        )


def _clean_question(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValueError("A question can't be empty.")
    if len(text) > MAX_QUESTION_CHARS:
        raise ValueError(f"Keep each question under {MAX_QUESTION_CHARS} characters.")
    return text


def _check_index(items: tuple[str, ...], index: int) -> None:
    if not 0 <= index < len(items):
        raise IndexError(f"There is no question {index + 1}.")


# --- plain-words dates -----------------------------------------------------------------------


class WhenError(ValueError):
    """The date can't be used; ``reason`` is a friendly sentence for the student."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_HAS_TIME = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b(?:noon|midday|midnight)\b"
    r"|\bin\s+\d+\s*(?:hours?|hrs?|minutes?|mins?)\b|\b\d{1,2}h\d{0,2}\b",
    re.IGNORECASE,
)
_BARE_AT = re.compile(r"\bat\s+(\d{1,2})\b(?!\s*(?:[:.h]\d|am|pm|a\.m|p\.m))", re.IGNORECASE)


# "15h", "15h30" and "9.30" are how much of the world writes a time; dateparser misreads them
# ("15h" as the 15th), so they become "15:00", "15:30" and "9:30" first.
_H_TIME = re.compile(r"\b([01]?\d|2[0-3])h(?:([0-5]\d))?\b", re.IGNORECASE)
_DOT_TIME = re.compile(
    r"(?:(?<=\bat\s)|(?<=\bat\s\s))([01]?\d|2[0-3])\.([0-5]\d)\b"
    r"|\b([01]?\d|2[0-3])\.([0-5]\d)(?=\s*(?:am|pm|a\.m\.|p\.m\.))",
    re.IGNORECASE,
)
_AFTERNOON_CLOCK = re.compile(r"\b([1-7]):([0-5]\d)\b(?!\s*(?:am|pm|a\.m|p\.m))", re.IGNORECASE)


MAX_NEXT_STEPS = 5
NEXT_STEP_CHARS = 200


def add_next_steps(steps: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The next steps so far plus the ones in ``text`` (one per line, bullets dropped).

    Students send steps one message at a time as often as all at once, so each message adds to
    the list; repeats are ignored and the list stops at ``MAX_NEXT_STEPS``.
    """
    out = list(steps)
    for line in text.splitlines():
        step = line.strip(" -•*\t")[:NEXT_STEP_CHARS].strip()
        if step and step.casefold() not in {s.casefold() for s in out}:
            out.append(step)
    return tuple(out[:MAX_NEXT_STEPS])


def day_label(
    when: datetime,
    *,
    short: bool = False,
    weekday: bool = True,
    year: bool = False,
    clock: bool = True,
) -> str:
    """ "Tuesday 1 December, 15:00": how people write a date, with no leading zero on the day.

    ``strftime("%d")`` pads the day ("01 December") and ``%-d`` is not portable, so the parts are
    put together here; ``short`` gives "Tue 1 Dec". The caller converts to the student's zone.
    """
    parts = [f"{when:%a}" if short else f"{when:%A}"] if weekday else []
    parts += [str(when.day), f"{when:%b}" if short else f"{when:%B}"]
    if year:
        parts.append(str(when.year))
    text = " ".join(parts)
    return f"{text}, {when:%H:%M}" if clock else text


def _normalise(text: str) -> str:
    """ "at 10" reads as 10:00 and "at 3" (or "3:30") as 15:00: nobody books an interview for
    3 a.m."""

    def clock(match: re.Match[str]) -> str:
        hour = int(match.group(1))
        if hour > 23:
            return match.group(0)
        return f"at {hour + 12 if 1 <= hour <= 7 else hour}:00"

    def h_time(match: re.Match[str]) -> str:
        return f"{int(match.group(1))}:{match.group(2) or '00'}"

    def dot_time(match: re.Match[str]) -> str:
        hour, minute = match.group(1) or match.group(3), match.group(2) or match.group(4)
        return f"{int(hour)}:{minute}"

    def afternoon(match: re.Match[str]) -> str:
        return f"{int(match.group(1)) + 12}:{match.group(2)}"

    text = _DOT_TIME.sub(dot_time, _H_TIME.sub(h_time, text.strip()))
    return _AFTERNOON_CLOCK.sub(afternoon, _BARE_AT.sub(clock, text))


def parse_when(text: str, tz_name: str, now: datetime) -> datetime:
    """Read "next Tuesday 3pm" in the student's own zone; return an aware datetime in that zone."""
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise WhenError("I don't know your time zone yet; set it first.") from exc
    cleaned = _normalise(text)
    if not cleaned:
        raise WhenError("Tell me a day and a time, like “next Tuesday 3pm”.")
    local_now = now.astimezone(tz)
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": local_now.replace(tzinfo=None),
            "TIMEZONE": tz_name,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        raise WhenError("I couldn't read that as a date. Try “next Tuesday 3pm” or “Dec 3 14:30”.")
    if not _HAS_TIME.search(cleaned):
        raise WhenError("What time? Add a time of day, like “next Tuesday at 3pm”.")
    when = parsed.replace(tzinfo=tz)
    if when <= now and when.date() == local_now.date():
        raise WhenError("That time has already passed today. Which day? Like “tomorrow 3pm”.")
    if when <= now:
        raise WhenError("That time has already passed. When is it coming up?")
    if when - now > MAX_AHEAD:
        raise WhenError("That's more than a year away. Did you mean a nearer date?")
    return when


# --- helping with the objective and the prep sheet -------------------------------------------


def chosen_objective(choice: str, *, saved: str, suggestions: list[str]) -> str:
    """The objective a button press picks: "keep" the student's own, or suggestion ``choice``
    (1-based; an out-of-range or stale number falls back to the nearest suggestion)."""
    if choice == "keep" and saved:
        return saved
    index = int(choice) - 1 if choice.isdigit() else 0
    return suggestions[max(0, min(index, len(suggestions) - 1))]


def objective_suggestions(field: str, role: str, organization: str) -> list[str]:
    """Ready-made objectives the student can pick and adapt; each reads after "to ..."."""
    topic = field.strip() or "this field"
    at = f" at {organization.strip()}" if organization.strip() else ""
    as_role = f" as {role.strip()}" if role.strip() else ""
    return [
        f"learn how you got started in {topic} and what helped you most",
        f"understand what a typical week looks like in your work{as_role}{at}",
        f"get your advice on the skills and courses that matter most in {topic}",
        f"hear which organizations and resources in {topic} you'd suggest I explore",
    ]


def one_minute_commercial(
    student_name: str, programme: str, field: str, organization: str, objective: str
) -> str:
    """A short opener to rehearse aloud; a starting point the student makes their own."""
    intro = f"Hi, I'm {student_name.strip()}"
    studies = self_introduction(programme)
    intro += f", {studies}." if studies else "."
    interest = (
        f"I'm exploring a career in {field.strip()}"
        if field.strip()
        else ("I'm exploring where my interests fit best")
    )
    if organization.strip():
        interest += f", and I'm especially interested in the work at {organization.strip()}"
    return f"{intro} {interest}. Today I'm hoping to {objective_clause(objective)}."


def prep_sheet_lines(
    interview: Interview,
    *,
    contact_name: str,
    organization: str,
    role: str,
    tz_name: str,
    commercial: str | None = None,
) -> list[str]:
    """One screen to read just before the conversation: who, when, why, what to ask, how."""
    who = ", ".join(p for p in (contact_name, role, organization) if p.strip())
    lines = [f"Informational interview: {who}"]
    if interview.starts_at:
        local = interview.starts_at.astimezone(ZoneInfo(tz_name))
        when = day_label(local, short=True, year=True)
        lines.append(f"When: {when} ({interview.duration_minutes} min)")
    else:
        lines.append(f"When: not set yet ({interview.duration_minutes} min)")
    lines.append(
        f"How: {interview.mode.label}" + (f", {interview.location}" if interview.location else "")
    )
    lines.append(f"Objective: {interview.objective}")
    if commercial:
        lines.append(f"Open with: {commercial}")
    lines.append("Questions:")
    lines.extend(f"{i}. {q}" for i, q in enumerate(interview.questions, start=1))
    lines.append("Remember:")
    lines.extend(f"- {item}" for item in LOGISTICS)
    return lines
