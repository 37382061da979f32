"""The student's profile, kept in their own file's key-value area."""

from __future__ import annotations

import asyncio

from bot.clock import Clock
from bot.features.profile.content import timezones
from bot.features.profile.domain.profile import Profile
from bot.store.base import Store, Transaction
from bot.store.records import from_json, to_json

_KEY = "profile"


class ProfileRepository:
    """Load and save :class:`Profile` records."""

    def __init__(self, store: Store, clock: Clock, home_country: str | None = None) -> None:
        self._store = store
        self._clock = clock
        self._home = home_country  # a city name several countries share is read as this one's

    async def get(self, user_id: int) -> Profile:
        """The profile, empty for someone we have never met."""
        return await self._store.run(user_id, _load)

    async def set_answer(self, user_id: int, field: str, raw: str) -> Profile:
        """Validate and keep one answer at once, so a crash or /cancel never loses it.

        Raises :class:`bot.features.profile.domain.profile.InvalidAnswer` (nothing is written then).
        """
        now = self._clock.now()
        zones = await asyncio.to_thread(timezones, self._home)  # loads the city list once

        def work(tx: Transaction) -> Profile:
            profile = _load(tx).started(now).with_answer(field, raw, zones)
            tx.set_value(_KEY, to_json(profile))
            return profile

        return await self._store.run(user_id, work)

    async def save(self, user_id: int, profile: Profile) -> Profile:
        """Replace the whole profile."""

        def work(tx: Transaction) -> Profile:
            tx.set_value(_KEY, to_json(profile.started(self._clock.now())))
            return profile

        return await self._store.run(user_id, work)


def _load(tx: Transaction) -> Profile:
    record = tx.get_value(_KEY)
    # Keys a newer release may have added are ignored, so a rollback still opens the file.
    return from_json(Profile, record) if record else Profile()
