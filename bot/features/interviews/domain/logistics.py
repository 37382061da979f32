"""What to remember on the day, for the way the conversation happens.

The handout's advice is written for a visit ("dress appropriately, be on time ... bring a copy of
your resume"); read out before a video or a phone call it tells the student to meet face to face
and bring paper. The same advice is kept, worded for each format.
"""

from __future__ import annotations

from typing import Literal

Format = Literal["in_person", "video", "phone"]

_TIME = "Keep it to 20–30 minutes, and keep to it unless they offer more time."
_THANKS = "Close by thanking them, then send a short thank-you note the same day."

LOGISTICS: dict[str, tuple[str, ...]] = {
    "in_person": (
        _TIME,
        "You'll see the workplace and its culture: look around and ask about it.",
        "Treat it like an interview: dress appropriately.",
        "Be on time, with your questions written down.",
        "Bring a copy of your resume, just in case.",
        _THANKS,
    ),
    "video": (
        _TIME,
        "Test the link, camera and sound ten minutes early, somewhere quiet.",
        "Treat it like an interview: dress as you would to meet them.",
        "Join on time, with your questions written down beside you.",
        "Have your resume open, in case they ask about it.",
        _THANKS,
    ),
    "phone": (
        _TIME,
        "Call from somewhere quiet, with your phone charged and good signal.",
        "Be ready on time, with your questions written down in front of you.",
        "Have your resume beside you, in case they ask about it.",
        "Smile as you talk: it carries in your voice.",
        _THANKS,
    ),
}


def logistics_for(mode: str) -> tuple[str, ...]:
    """The reminders for ``mode`` ("in_person", "video" or "phone"; unknown means in person)."""
    return LOGISTICS.get(mode, LOGISTICS["in_person"])


# The two lines the prep sheet's first screen keeps: what this format needs most, and the close.
_CLOSE = "Keep to the time you asked for, thank them, and send a short thank-you note the same day."
ESSENTIALS: dict[str, tuple[str, ...]] = {
    "in_person": (
        "Dress as for an interview, be on time, and bring your resume just in case.",
        _CLOSE,
    ),
    "video": ("Test the link, camera and sound ten minutes early, somewhere quiet.", _CLOSE),
    "phone": ("Call from somewhere quiet, with your phone charged and good signal.", _CLOSE),
}


def essentials_for(mode: str) -> tuple[str, ...]:
    """The one or two reminders for the sheet's first screen (unknown means in person)."""
    return ESSENTIALS.get(mode, ESSENTIALS["in_person"])
