"""The follow-up draft, coached: offered first for contacts waiting on a reply, only after a
request went out, with a gentle note when it is sooner than five working days.

/draft (outreach) calls these at its decision points, so the rule lives with the nudges that
share it and the draft flow stays a flow.
"""

from __future__ import annotations

from typing import Any

from bot.features.contacts.domain.records import Contact
from bot.features.nudges.domain.timing import zone
from bot.flow import Turn

FOLLOW_UP_KIND = "follow_up"


async def anyone_waiting(turn: Turn[Any]) -> bool:
    """Whether anyone is waiting on a reply; if not, say what comes first."""
    if await turn.services.nudges.waiting_on_reply(turn.user_id):
        return True
    await turn.say("nudges/follow_up_nobody.html.j2")
    return False


async def waiting_first(turn: Turn[Any]) -> tuple[list[Contact], str] | None:
    """For a follow-up, the contacts waiting on a reply (longest first) and the question."""
    kind = getattr(turn.state, "kind", None)
    if kind is None or str(kind) != FOLLOW_UP_KIND:
        return None
    waiting = await turn.services.nudges.waiting_on_reply(turn.user_id)
    return ([w.contact for w in waiting], "nudges.follow_up_who") if waiting else None


async def note_if_early(turn: Turn[Any], contact: Contact) -> None:
    """A gentle note when the follow-up to ``contact`` comes before five working days.

    /draft has already checked a request went out (outreach's ``request_went_out``) and offers
    the request instead when none did.
    """
    advice = await turn.services.nudges.follow_up_advice(turn.user_id, contact.id)
    if advice.too_soon and advice.sent_at is not None:
        profile = await turn.services.profiles.get(turn.user_id)
        sent = advice.sent_at.astimezone(zone(profile.timezone))
        await turn.say(
            "nudges/follow_up_soon.html.j2",
            contact=contact,
            days=advice.working_days,
            sent_on=f"{sent:%A}",
        )
