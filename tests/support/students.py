"""A student with a profile and one contact (Dana Lopez, an alumna at Kaiser Permanente).

/draft, /prep and /debrief tests all start from her; the helper lives here so test modules
never import each other.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.features.contacts.domain import Contact, ContactDraft
from bot.features.profile.domain.profile import Profile
from tests.fakes.harness import Harness

UID = 1001
LA = ZoneInfo("America/Los_Angeles")


async def setup_student(
    h: Harness, *, timezone: str | None = "America/Los_Angeles", user_id: int = UID
) -> Contact:
    services = h.app.bot_data["services"]
    await services.profiles.save(
        user_id,
        Profile(
            name="Maya Chen",
            degree="BS Computer Science",
            interests="health informatics",
            timezone=timezone,
            onboarded=True,
        ),
    )
    return await services.contacts.add(
        user_id,
        ContactDraft(
            name="Dana Lopez",
            organization="Kaiser Permanente",
            role="Clinical Informatics Lead",
            field="health informatics",
            circle="alumni",
        ),
    )
