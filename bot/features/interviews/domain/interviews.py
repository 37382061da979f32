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
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser  # type: ignore[import-untyped]

from bot.explained import Explained
from bot.features.interviews.domain.logistics import essentials_for, logistics_for
from bot.features.outreach.domain.asking import objective_clause
from bot.features.outreach.domain.introductions import self_introduction, with_article

MIN_MINUTES, MAX_MINUTES = 20, 30
MAX_QUESTION_CHARS = 300
MAX_AHEAD = timedelta(days=366)


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
    research: str = ""  # one thing the student found about them before the meeting
    research_question: str = ""  # the question it gave ("" in records stored before it was kept)

    def __post_init__(self) -> None:
        if not MIN_MINUTES <= self.duration_minutes <= MAX_MINUTES:
            raise ValueError(f"duration must be {MIN_MINUTES}–{MAX_MINUTES} minutes")
        if self.starts_at is not None and self.starts_at.tzinfo is None:
            raise ValueError("starts_at must be timezone-aware")

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
        """Move one question to position ``to`` (0-based; past the end means last), so the
        student's own question can go first: time can run short."""
        _check_index(self.questions, index)
        qs = list(self.questions)
        question = qs.pop(index)
        qs.insert(max(0, min(to, len(qs))), question)
        return replace(self, questions=tuple(qs))

    def with_objective(self, objective: str, was: str | None, now: str | None) -> Interview:
        """A new objective; the question asking the old one in the student's words (``was``)
        becomes the one asking the new (``now``), where it stands, so the list keeps the
        student's edits and never asks about an objective they dropped."""
        questions = list(self.questions)
        if was is not None and was in questions:
            at = questions.index(was)
            if now is None or now in questions:
                questions.pop(at)
            else:
                questions[at] = now
        return replace(self, objective=objective, questions=tuple(questions))

    @property
    def research_at(self) -> int | None:
        """Where the question the last find gave stands in the list; None once it is gone (or
        the student reworded it, which makes it theirs)."""
        if self.research_question:
            if self.research_question in self.questions:
                return self.questions.index(self.research_question)
            return None
        if self.research:  # stored before the question was kept: it quoted the find as typed
            was = self.research.casefold()
            return next((i for i, q in enumerate(self.questions) if was in q.casefold()), None)
        return None

    def with_research(self, found: str, question: str) -> Interview:
        """Keep what the student found and ask about it first; a new find replaces the question
        the last one gave, wherever the student had moved it."""
        old = list(self.questions)
        if (at := self.research_at) is not None:
            old.pop(at)
        kept = tuple(q for q in old if q != question)
        return replace(
            self, research=found, research_question=question, questions=(question, *kept)
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


class WhenError(Explained):
    """The date can't be used; its ``interviews.when_*`` message is a friendly sentence."""


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
        raise WhenError("interviews.when_no_timezone") from exc
    cleaned = _normalise(text)
    if not cleaned:
        raise WhenError("interviews.when_empty")
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
        raise WhenError("interviews.when_unreadable")
    if not _HAS_TIME.search(cleaned):
        raise WhenError("interviews.when_no_time")
    when: datetime = parsed.replace(tzinfo=tz)
    if when <= now and when.date() == local_now.date():
        raise WhenError("interviews.when_passed_today")
    if when <= now:
        raise WhenError("interviews.when_passed")
    if when - now > MAX_AHEAD:
        raise WhenError("interviews.when_too_far")
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
    as_role = f" as {with_article(role)}" if role.strip() else ""  # "as a UX researcher"
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
    name = " ".join(student_name.split())
    studies = self_introduction(programme)
    if name:
        intro = f"Hi, I'm {name}, {studies}." if studies else f"Hi, I'm {name}."
    else:  # no name given (skipped at /start): never "Hi, I'm ."
        intro = f"Hi! I'm {studies}." if studies else "Hi!"
    interest = (
        f"I'm exploring a career in {field.strip()}"
        if field.strip()
        else ("I'm exploring where my interests fit best")
    )
    if organization.strip():
        interest += f", and I'm especially interested in the work at {organization.strip()}"
    return f"{intro} {interest}. Today I'm hoping to {objective_clause(objective)}."


# The sheet's first screen (about 900 characters, 18 short lines on a phone) lists questions
# until the next would not fit beside the rest of the sheet: three to five usually, fewer only
# when names, place and objective are long. The rest wait behind "All questions".
SCREEN_CHARS, FRAME_CHARS = 900, 170  # FRAME: the labels, the count of the rest, the sign-off
TOP_CHARS, TOP_MOST = 420, 5


def top_questions(questions: tuple[str, ...], budget: int = TOP_CHARS) -> tuple[str, ...]:
    """The questions that fit ``budget`` characters, most important (first) first; never none."""
    out: list[str] = []
    used = 0
    for question in questions[:TOP_MOST]:
        if out and used + len(question) > budget:
            break
        out.append(question)
        used += len(question)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PrepSheet:
    """What to read just before the conversation: who, when, why, what to ask, how.

    ``when`` is already in the student's zone and words ("Tue 11 Mar 2025, 15:00"), or None
    while the date is not set. The first screen shows ``top`` and ``essentials``; ``questions``,
    ``logistics`` and ``commercial`` are there in full for the views behind its buttons (and
    for the day-before reminder).
    """

    who: str
    when: str | None
    minutes: int
    mode: str
    location: str
    objective: str
    commercial: str | None
    questions: tuple[str, ...]
    logistics: tuple[str, ...] = ()
    essentials: tuple[str, ...] = ()
    found: str = ""
    found_question: str = ""  # the question the find gave, while it is on the list

    @property
    def top(self) -> tuple[str, ...]:
        """The questions on the first screen: as many as fit beside the rest of it."""
        fixed = sum(
            len(part)
            for part in (self.who, self.when or "", self.location, self.objective, *self.essentials)
        )
        fixed += len(self.found) + 30 if self.found else 0
        return top_questions(self.questions, min(TOP_CHARS, SCREEN_CHARS - FRAME_CHARS - fixed))

    @property
    def mention(self) -> str:
        """What they found, when no question on the first screen brings it up already."""
        if not self.found or self.found_question in self.top:
            return ""
        return self.found

    @property
    def more(self) -> int:
        """How many questions wait behind "All questions"."""
        return len(self.questions) - len(self.top)


def prep_sheet(
    interview: Interview,
    *,
    contact_name: str,
    organization: str,
    role: str,
    tz_name: str,
    commercial: str | None = None,
) -> PrepSheet:
    """The prep sheet for ``interview`` with this contact."""
    when = None
    if interview.starts_at:
        local = interview.starts_at.astimezone(ZoneInfo(tz_name))
        when = day_label(local, short=True, year=True)
    at = interview.research_at
    return PrepSheet(
        who=", ".join(p for p in (contact_name, role, organization) if p.strip()),
        when=when,
        minutes=interview.duration_minutes,
        mode=interview.mode.label,
        location=interview.location,
        objective=interview.objective,
        commercial=commercial or None,
        questions=interview.questions,
        logistics=logistics_for(interview.mode.value),
        essentials=essentials_for(interview.mode.value),
        found=interview.research,
        found_question="" if at is None else interview.questions[at],
    )
