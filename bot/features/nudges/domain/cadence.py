"""How often to keep in touch with a contact: a default per circle, and the student's own choice.

The handout's advice is to stay in touch with the people who helped you, without pestering them.
The defaults below follow from how often a note is welcome in each circle:

- Professional circles (faculty, alumni, co-workers, people introduced to you, local business
  and online contacts) follow the student's /settings number, 90 days unless changed: one short
  update a quarter (what you did with their advice, a relevant article) keeps a busy professional's
  goodwill without becoming a chore for either side.
- Clubs and religious communities: about every 60 days. These are peers the student meets less
  formally; a lighter, more frequent check-in suits them, and a reminder every two months is still
  rare enough not to nag.
- Family, friends, roommates, partners, neighbours and the gym: never by default. The student sees
  these people anyway; a "keep in touch with your mother" reminder would be silly. The student can
  still choose a cadence for one of them from the contact's card.

A contact without a circle (an imported card, say) counts as professional: the nudges only start
once the student has met them on the informational-interview path.
"""

from __future__ import annotations

from typing import Final

#: Days for each circle with a fixed default; 0 means no keep-in-touch reminders.
#: Circles not listed follow the student's /settings number (see :func:`cadence_days`).
CIRCLE_DAYS: Final[dict[str, int]] = {
    "family": 0,
    "friends": 0,
    "roommates": 0,
    "partners": 0,
    "neighbors": 0,
    "gym": 0,
    "clubs": 60,
    "religious": 60,
}

#: What the contact card offers: every month, 3 months, 6 months, never.
CHOICES: Final[tuple[int, ...]] = (30, 90, 180, 0)
NEVER: Final = 0


def cadence_days(circle: str | None, override: int | None) -> int | None:
    """Days between keep-in-touch nudges for a contact.

    The student's own choice wins; otherwise the circle's default. ``0`` means never; ``None``
    means "the student's /settings number", kept symbolic so that changing /settings moves every
    professional contact's pending reminder without touching the others.
    """
    if override is not None:
        return override
    return CIRCLE_DAYS.get(circle or "")


def effective_days(circle: str | None, override: int | None, setting_days: int) -> int:
    """The cadence the student actually gets for a contact (0: never), for showing it."""
    days = cadence_days(circle, override)
    return setting_days if days is None else days
