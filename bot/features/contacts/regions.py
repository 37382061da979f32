"""The default region for the phone numbers one student types, shares or imports.

Their own country (from the time zone their city gave) comes first, so a Pittsburgh student's
"412 555 0199" is read as a US number; the deployment's ``DEFAULT_PHONE_REGION`` is the fallback
for students who haven't said where they are. With neither, numbers need their +country code.
"""

from __future__ import annotations

from bot.features.contacts.content import zone_countries
from bot.features.contacts.domain.regions import region_for_zone
from bot.services import Services


async def phone_region(services: Services, user_id: int) -> str | None:
    """Two-letter region for local numbers (e.g. "US"), or None: ask for the +country form."""
    profile = await services.profiles.get(user_id)
    own = region_for_zone(profile.timezone, zone_countries())
    return own or services.settings.default_phone_region
