"""The calendar file the coach sends once an interview has a date, for the student's own diary.

Built with ``icalendar`` rather than by hand: time zones, escaping and line folding are easy to get
subtly wrong, and a calendar app silently dropping the event is the worst kind of failure.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from bot.features.interviews.domain.interviews import Interview, Mode

TOP_QUESTIONS = 5


def interview_ics(
    interview: Interview,
    *,
    contact_name: str,
    organization: str,
    student_tz: str,
    uid_domain: str = "networking-coach",
) -> bytes:
    """An iCalendar file with one event and a reminder an hour before.

    The UID depends only on the interview id, so re-sending after a reschedule updates the event
    in the student's calendar instead of duplicating it.
    """
    if interview.starts_at is None:
        raise ValueError("the interview has no date yet")
    tz = ZoneInfo(student_tz)
    start = interview.starts_at.astimezone(tz)
    cal = Calendar()
    cal.add("prodid", "-//Networking Coach//Informational interviews//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")

    event = Event()
    event.add("uid", f"interview-{interview.id}@{uid_domain}")
    event.add("dtstamp", interview.created_at.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=interview.duration_minutes))
    event.add("summary", f"Informational interview: {contact_name}")
    event.add("description", _description(interview, organization))
    event.add("location", interview.location or _mode_place(interview.mode, organization))

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Informational interview with {contact_name} in 1 hour")
    alarm.add("trigger", timedelta(hours=-1))
    event.add_component(alarm)

    cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def _mode_place(mode: Mode, organization: str) -> str:
    if mode is Mode.IN_PERSON:
        return organization
    return mode.label


def _description(interview: Interview, organization: str) -> str:
    lines = [f"Objective: {interview.objective}"]
    if organization:
        lines.append(f"Organization: {organization}")
    lines.append(f"Keep it to {interview.duration_minutes} minutes. Bring a copy of your resume.")
    if interview.questions:
        lines.append("Top questions:")
        lines.extend(f"{i}. {q}" for i, q in enumerate(interview.questions[:TOP_QUESTIONS], 1))
    return "\n".join(lines)


def ics_slug(contact_name: str) -> str:
    """The contact's name as a safe file-name part: letters, digits and dashes only.

    A name may hold ``:`` or ``/`` (or come from a file with anything in it), which break the
    file name on a phone or a desktop; accents fold to their letters ("José" -> "jose").
    """
    folded = unicodedata.normalize("NFKD", contact_name.casefold())
    ascii_only = folded.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:30].strip("-")
    return slug or "contact"
