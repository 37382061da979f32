"""When a debrief is about a meeting the record still places in the future.

Students meet earlier than planned (the contact had a free slot), or open /debrief by mistake
before the day. Moving the contact to "interviewed" and timing the thank-you from a date that
hasn't come would be wrong either way, so the flow asks first; these rules say when to ask and
which moment to record once the student says it already happened.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.features.interviews.domain.interviews import Interview, Status


def still_ahead(interview: Interview, now: datetime) -> bool:
    """Whether the interview is set for a moment after ``now`` and not yet debriefed."""
    return (
        interview.status in (Status.PLANNED, Status.SCHEDULED)
        and interview.starts_at is not None
        and interview.starts_at > now
    )


def held_today(interview: Interview, now: datetime, tz: ZoneInfo) -> datetime:
    """The start to record for a meeting the student says already happened, today.

    Today at the planned time of day when that meeting would be over by now (a 15:00 meeting
    debriefed at 18:00); otherwise one that ended just now. Either way the thank-you reminder
    and the keep-in-touch cadence count from today, never from the planned future date.
    """
    length = timedelta(minutes=interview.duration_minutes)
    planned = (interview.starts_at or now).astimezone(tz)
    local_now = now.astimezone(tz)
    today = local_now.replace(hour=planned.hour, minute=planned.minute, second=0, microsecond=0)
    start = today if today + length <= local_now else local_now - length
    return start.astimezone(now.tzinfo)
