"""The student's profile: their own words about who they are and what they want.

Onboarding asks these one at a time; every answer is optional except the name the bot greets them
by. The pitch builder and the outreach drafts reuse these words later, so we keep them verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.explained import Explained
from bot.features.profile.domain.timezones import Timezones, UnknownTimezone


class InvalidAnswer(Explained):
    """The answer can't be used; its ``profile.*`` message tells the student why, kindly."""


FIELD_LIMITS: dict[str, int] = {
    "name": 80,
    "degree": 160,
    "interests": 400,
    "position": 200,
}


@dataclass(frozen=True, slots=True)
class Profile:
    """What the coach knows about the student."""

    name: str | None = None
    degree: str | None = None
    interests: str | None = None
    position: str | None = None
    timezone: str | None = None
    onboarded: bool = False
    created_at: str | None = None

    @property
    def first_name(self) -> str:
        """How the bot greets them."""
        return (self.name or "there").split()[0]

    def with_answer(self, field: str, raw: str, zones: Timezones) -> Profile:
        """A copy with ``field`` set from the student's raw text, validated."""
        changes: dict[str, Any] = {field: clean_answer(field, raw, zones)}
        return replace(self, **changes)

    def started(self, now: datetime) -> Profile:
        """Stamp the first time we saw this student."""
        return self if self.created_at else replace(self, created_at=now.isoformat())


_URLISH = re.compile(r"https?://|www\.", re.IGNORECASE)


def clean_answer(field: str, raw: str, zones: Timezones) -> str:
    """Validate one onboarding answer and return the value to keep."""
    text = " ".join(raw.split())
    if field == "timezone":
        try:
            return zones.resolve(text)
        except UnknownTimezone as exc:
            raise InvalidAnswer(exc.key, **exc.values) from None
    if not text:
        raise InvalidAnswer("profile.invalid_empty")
    limit = FIELD_LIMITS[field]
    if len(text) > limit:
        raise InvalidAnswer("profile.invalid_too_long", length=len(text), limit=limit)
    if field == "name":
        if _URLISH.search(text) or "@" in text:
            raise InvalidAnswer("profile.invalid_name_link")
        if not any(ch.isalpha() for ch in text):
            raise InvalidAnswer("profile.invalid_name_letters")
    return text
