"""The messages the coach can draft, and the limits that keep each readable on a phone."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Source = Literal["offline", "claude"]


class DraftKind(StrEnum):
    """The messages the coach can draft."""

    REQUEST_EMAIL = "request_email"
    PHONE_SCRIPT = "phone_script"
    LINKEDIN_NOTE = "linkedin_note"
    LINKEDIN_MESSAGE = "linkedin_message"
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    INTRO_REQUEST = "intro_request"
    KEEP_IN_TOUCH = "keep_in_touch"

    @property
    def label_key(self) -> str:
        """The catalogue key of its button text, so handlers never invent their own names."""
        return f"outreach.kind_{self.value}"

    @property
    def has_subject(self) -> bool:
        """Email kinds need a subject line; notes, messages and scripts don't."""
        return self in EMAIL_KINDS

    @property
    def is_request(self) -> bool:
        """Kinds that ask for the interview, so they must ask for a specific short time."""
        return self in REQUEST_KINDS


EMAIL_KINDS = frozenset(
    {
        DraftKind.REQUEST_EMAIL,
        DraftKind.THANK_YOU,
        DraftKind.FOLLOW_UP,
        DraftKind.INTRO_REQUEST,
        DraftKind.KEEP_IN_TOUCH,
    }
)
SIGNED_KINDS = EMAIL_KINDS | {DraftKind.LINKEDIN_MESSAGE}
REQUEST_KINDS = frozenset(
    {
        DraftKind.REQUEST_EMAIL,
        DraftKind.PHONE_SCRIPT,
        DraftKind.LINKEDIN_NOTE,
        DraftKind.LINKEDIN_MESSAGE,
        DraftKind.FOLLOW_UP,
    }
)
# Word limits keep drafts readable on a phone; the request email aims under 100 words.
WORD_LIMITS: dict[DraftKind, int] = {
    DraftKind.REQUEST_EMAIL: 110,
    DraftKind.PHONE_SCRIPT: 300,
    DraftKind.LINKEDIN_MESSAGE: 160,
    DraftKind.THANK_YOU: 150,
    DraftKind.FOLLOW_UP: 80,
    DraftKind.INTRO_REQUEST: 130,
    DraftKind.KEEP_IN_TOUCH: 140,
}
LINKEDIN_NOTE_LIMIT = 300
MIN_ASK_MINUTES, MAX_ASK_MINUTES = 10, 30
