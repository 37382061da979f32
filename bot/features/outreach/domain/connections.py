"""What a request may truthfully say about how the student knows the person.

"I came across your work" is a line for a stranger; written to an aunt, a neighbour or a former
manager it reads as a form letter, and "I found you through my department" to a professor whose
class the student took is simply invented. The line depends on the circle the student put the
contact in and, when they wrote it down, on how they know them ("I took his auditing class").
"""

from __future__ import annotations

import re

#: Circles of people the student knows personally: no "how I found you" at all.
PERSONAL = frozenset(
    {
        "family",
        "friends",
        "roommates",
        "partners",
        "neighbors",
        "coworkers",
        "gym",
        "religious",
        "local",
    }
)
_KNOWN = "I hope you're doing well"
_BY_CIRCLE = {
    "faculty": "I'm reaching out as a student who would value your perspective",
    "alumni": "I found you through the alumni network",
    "clubs": "I found you through a club we share",
    "online": "I found you through an online professional group",
}
# "I took his auditing class", "We met at the career fair", "She was my TA last year".
_HOW_WE_MET = re.compile(
    r"^(?:i|we)\s+(?:took|met|worked|volunteered|interned|studied|served|played|sat)\b"
    r"|^(?:she|he|they)\s+(?:was|were|is|are|taught|supervised|mentored|coached|managed)\b",
    re.IGNORECASE,
)
_TO_YOU = {
    "his": "your",
    "her": "your",
    "their": "your",
    "him": "you",
    "them": "you",
    "she": "you",
    "he": "you",
    "they": "you",
    "herself": "yourself",
    "himself": "yourself",
}
_MAX_CHARS = 120


def _addressed(note: str) -> str | None:
    """A first-person note about how they met, said to the person ("you"), or None."""
    sentence = re.split(r"(?<=[.!?])\s+", " ".join(note.split()), maxsplit=1)[0]
    sentence = sentence.rstrip(".!?").strip()
    if not sentence or len(sentence) > _MAX_CHARS or not _HOW_WE_MET.match(sentence):
        return None
    said = re.sub(
        r"\b(his|her|their|him|them|she|he|they|herself|himself)\b",
        lambda m: _TO_YOU[m.group(1).lower()],
        sentence,
        flags=re.IGNORECASE,
    )
    said = re.sub(
        r"^you (?:was|is)\b", lambda m: "you were" if "was" in m.group(0) else "you are", said
    )
    said = re.sub(r"^you\b", "You", said)
    return said[0].upper() + said[1:]


def connection_line(circle: str | None, notes: str = "") -> str | None:
    """The sentence (no final full stop) a request may open with; None when nothing is known.

    A note in the student's words about how they met wins; otherwise the circle decides, and
    for people the student knows personally the line claims nothing at all.
    """
    if said := _addressed(notes):
        return said
    if circle in PERSONAL:
        return _KNOWN
    return _BY_CIRCLE.get(circle or "")


# The warmer line says what the relationship means to the student, never more about the person
# than the student told us: "I'd love to reconnect" rather than "you were my favourite teacher".
_WARM_KNOWN = "I hope you're doing well, and it would be lovely to catch up"
_WARM_BY_CIRCLE = {
    "faculty": "I'm reaching out as a student who would truly value your perspective",
    "alumni": "I found you through the alumni network, and I was so glad to see where your "
    "path has led",
    "clubs": "I found you through a club we share, and it's always good to meet a fellow member",
    "online": "I found you through an online professional group, and I was glad to find someone "
    "doing the work I'm most curious about",
}


def warm_connection_line(circle: str | None, notes: str = "") -> str | None:
    """The warmer version of :func:`connection_line` (no final full stop), or None."""
    if said := _addressed(notes):
        return f"{said}, and I'd love to reconnect"
    if circle in PERSONAL:
        return _WARM_KNOWN
    return _WARM_BY_CIRCLE.get(circle or "")


#: Circles so close that a message introducing the student by full name and degree reads as a
#: form letter: an aunt knows who Maya is. Neighbours, coworkers and the gym may not.
CLOSE = frozenset({"family", "friends", "roommates", "partners"})


def knows_well(circle: str | None) -> bool:
    """Whether the person knows the student well enough that a draft skips "I'm Maya Chen, a
    BS Computer Science student" and signs with a first name."""
    return circle in CLOSE


def knows_personally(circle: str | None) -> bool:
    """Whether the student knows this person outside any professional channel."""
    return circle in PERSONAL
