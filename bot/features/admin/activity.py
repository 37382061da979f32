"""Reading each student's dated events through the features' repositories, for /stats.

Only timestamps leave this module: no id, name or text reaches the summary. Students are read
a few at a time, each inside the store's worker threads, so a /stats over thousands of files
never holds the event loop.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.features.admin.domain.stats import Activity
from bot.features.interviews.domain.interviews import Status
from bot.features.outreach.domain.kinds import DraftKind
from bot.services import Services

REQUESTS = frozenset(
    {
        DraftKind.REQUEST_EMAIL,
        DraftKind.PHONE_SCRIPT,
        DraftKind.LINKEDIN_NOTE,
        DraftKind.LINKEDIN_MESSAGE,
    }
)
_AT_ONCE = 8


async def activity_of(services: Services, user_id: int) -> Activity:
    """One student's events, as bare timestamps."""
    contacts = await services.contacts.all(user_id)
    drafts = await services.drafts.all(user_id)
    interviews = await services.interviews.all(user_id)
    rehearsals = await services.pitches.rehearsals(user_id)
    profile = await services.profiles.get(user_id)
    acted_on = await services.nudges.acted_on(user_id)
    other: list[datetime] = [c.updated_at for c in contacts]
    other += [d.created_at for d in drafts] + [i.created_at for i in interviews]
    if profile.created_at:
        other.append(datetime.fromisoformat(profile.created_at))
    return Activity(
        events={
            "contacts_added": tuple(c.created_at for c in contacts),
            "requests_sent": tuple(
                d.sent_at for d in drafts if d.sent_at is not None and d.kind in REQUESTS
            ),
            "thank_yous_sent": tuple(
                d.sent_at for d in drafts if d.sent_at is not None and d.kind is DraftKind.THANK_YOU
            ),
            "interviews_held": tuple(
                i.starts_at or i.created_at for i in interviews if i.status is Status.DONE
            ),
            "rehearsals": tuple(r.at for r in rehearsals),
            "nudges_acted_on": tuple(acted_on),
        },
        other=tuple(other),
    )


async def all_activity(services: Services) -> list[Activity]:
    """Every student's events, read :data:`_AT_ONCE` students at a time."""
    gate = asyncio.Semaphore(_AT_ONCE)

    async def one(user_id: int) -> Activity:
        async with gate:
            return await activity_of(services, user_id)

    return list(await asyncio.gather(*(one(u) for u in await services.store.user_ids())))
