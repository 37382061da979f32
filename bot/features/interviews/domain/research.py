"""What to look up before the meeting, from what we know about the contact.

The handout: "most questions you ask will come from your own research and curiosity", and the
first contact can bring inside information such as "an organization's plan to expand operations
or release a new product". So before the questions, the student gets a short checklist made for
this person: their profile (the link on their card, when there is one), their organization's
recent news (or, for someone independent, their own site), what they have written, what is
changing in their field, and what the circle they come from makes easy to find out.
"""

from __future__ import annotations

from bot.explained import Reason

_SHARED = {
    "alumni": "interviews.research_alumni",
    "faculty": "interviews.research_faculty",
    "coworkers": "interviews.research_coworkers",
    "family": "interviews.research_close",
    "friends": "interviews.research_close",
    "roommates": "interviews.research_close",
    "partners": "interviews.research_close",
    "neighbors": "interviews.research_close",
    "clubs": "interviews.research_met",
    "gym": "interviews.research_met",
    "local": "interviews.research_met",
    "religious": "interviews.research_met",
    "online": "interviews.research_online",
}


def research_checklist(
    *,
    name: str,
    organization: str = "",
    role: str = "",
    field: str = "",
    circle: str | None = None,
    url: str = "",
    introducer: str = "",
) -> tuple[Reason, ...]:
    """Four or five things to look up, each a catalogue sentence with this contact's details."""
    name, organization, role, field = (v.strip() for v in (name, organization, role, field))
    items: list[Reason] = []
    if url.strip():
        items.append(Reason("interviews.research_profile_link", {"url": url.strip()}))
    elif role:
        items.append(Reason("interviews.research_profile_role", {"name": name, "role": role}))
    else:
        items.append(Reason("interviews.research_profile", {"name": name}))
    if organization:
        items.append(Reason("interviews.research_news", {"organization": organization}))
    else:
        items.append(Reason("interviews.research_own_site", {"name": name}))
    items.append(Reason("interviews.research_written", {"name": name}))
    if field:
        items.append(Reason("interviews.research_field", {"field": field}))
    if introducer.strip():
        values = {"introducer": introducer.strip(), "name": name}
        items.append(Reason("interviews.research_introducer", values))
    elif circle in _SHARED:
        items.append(Reason(_SHARED[circle], {"name": name}))
    return tuple(items)
