"""The contacts feature's buttons, one typed class each.

Codes and field order are the ones sent before the flow kit (``ca|sk|email``, ``ct|o|<id>``…),
so buttons already on students' phones keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.flow import Press

# -- /add ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddContact(Press, code="ca|new"):
    """Start (or resume) adding a contact."""


@dataclass(frozen=True, slots=True)
class SkipField(Press, code="ca|sk"):
    """Leave this field empty and ask the next."""

    field: str


@dataclass(frozen=True, slots=True)
class PickCircle(Press, code="ca|ci"):
    """Where the student knows the person from."""

    circle: str


@dataclass(frozen=True, slots=True)
class SaveNow(Press, code="ca|sv"):
    """Save with what is filled in so far."""


@dataclass(frozen=True, slots=True)
class SaveDraft(Press, code="ca|ok"):
    """Save the draft as shown."""


@dataclass(frozen=True, slots=True)
class FixDraft(Press, code="ca|fx"):
    """Choose a part of the draft to change."""


@dataclass(frozen=True, slots=True)
class FixField(Press, code="ca|f"):
    """Change this part."""

    field: str


@dataclass(frozen=True, slots=True)
class BackToDraft(Press, code="ca|bk"):
    """Back to the draft without changing anything."""


@dataclass(frozen=True, slots=True)
class DiscardDraft(Press, code="ca|no"):
    """Drop the draft; nothing is saved."""


@dataclass(frozen=True, slots=True)
class MergeTwin(Press, code="ca|dm"):
    """The look-alike is the same person: fill their gaps from the draft."""


@dataclass(frozen=True, slots=True)
class KeepBoth(Press, code="ca|dk"):
    """Two different people: save the draft as well."""


ADD_PRESSES: tuple[type[Press], ...] = (
    SkipField,
    PickCircle,
    SaveNow,
    SaveDraft,
    FixDraft,
    FixField,
    BackToDraft,
    DiscardDraft,
    MergeTwin,
    KeepBoth,
)

# -- brainstorm ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartBrainstorm(Press, code="bs|go"):
    """Walk the circles of the student's life, typing names as they come."""
