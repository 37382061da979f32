"""What /prep and /debrief share: the state naming the contact and interview, and the way in.

Both flows resume at their step after /cancel or a restart, and both can start from a contact
card, so that bookkeeping lives here once.
"""

from __future__ import annotations

from typing import TypeVar

from bot.features.contacts.domain import Contact
from bot.features.contacts.picker import Picker
from bot.features.interviews import service
from bot.features.interviews.domain.interviews import Interview
from bot.features.interviews.handlers.state import Meeting
from bot.flow import Go, Next, Turn
from bot.render.messages import message

M = TypeVar("M", bound=Meeting)


async def about(turn: Turn[M]) -> tuple[Contact, Interview] | None:
    """The contact and interview of this run, or None (after saying so: the flow should end)."""
    state = turn.state
    found = await service.meeting(turn.services, turn.user_id, state.contact, state.interview)
    if found is None:
        await turn.say_html(message("interviews.lost", command=turn.flow.resume_command))
    return found


async def contact_of(turn: Turn[M]) -> Contact | None:
    """The contact of this run, or None (after saying so: the flow should end)."""
    contact = await turn.services.contacts.get(turn.user_id, turn.state.contact)
    if contact is None:
        await turn.say_html(message("interviews.contact_gone", command=turn.flow.resume_command))
    return contact


async def open_or_resume(turn: Turn[M], pick: Picker[M]) -> Next:
    """The flow's command: continue a paused run at its step, or ask who it is about."""
    if turn.resumable:
        state = turn.state
        found = not state.interview or await service.meeting(
            turn.services, turn.user_id, state.contact, state.interview
        )
        if found:
            await turn.say_html(message("interviews.resumed"))
            return turn.resume()
        await turn.say_html(message("interviews.lost", command=turn.flow.resume_command))
    turn.fresh()
    return pick.ask(turn)


async def open_from_card(turn: Turn[M], press: Go, pick: Picker[M]) -> Next:
    """A contact card's button: the contact is known, so skip the picker if it still exists."""
    turn.fresh()
    return await pick.choose(turn, press.record)
