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


# -- the list --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShowList(Press, code="ct|l"):
    """The list in its current view, from the top."""


@dataclass(frozen=True, slots=True)
class ShowPage(Press, code="ct|p"):
    """Another page of the list."""

    offset: int


@dataclass(frozen=True, slots=True)
class ShowFilters(Press, code="ct|f"):
    """Every stage and circle to filter by."""


@dataclass(frozen=True, slots=True)
class FilterStage(Press, code="ct|fs"):
    """Only contacts at this stage."""

    stage: str


@dataclass(frozen=True, slots=True)
class FilterCircle(Press, code="ct|fc"):
    """Only contacts from this circle ("-": those without one)."""

    circle: str


@dataclass(frozen=True, slots=True)
class ShowAll(Press, code="ct|fa"):
    """No filter, no search."""


@dataclass(frozen=True, slots=True)
class ExportMenu(Press, code="ct|x"):
    """Choose a file format for the whole list."""


@dataclass(frozen=True, slots=True)
class ExportCsv(Press, code="ct|xc"):
    """Every contact as a spreadsheet."""


@dataclass(frozen=True, slots=True)
class ExportVcard(Press, code="ct|xv"):
    """Every contact as address-book cards."""


@dataclass(frozen=True, slots=True)
class SearchList(Press, code="ce|s"):
    """Type a name, organization or anything else to search the list."""


# -- a contact's card ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenCard(Press, code="ct|o"):
    """This contact's card."""

    contact: str


@dataclass(frozen=True, slots=True)
class EditMenu(Press, code="ct|e"):
    """Which part of the contact to change."""

    contact: str


@dataclass(frozen=True, slots=True)
class CircleMenu(Press, code="ct|c"):
    """Where the student knows the contact from."""

    contact: str


@dataclass(frozen=True, slots=True)
class SetCircle(Press, code="ct|cc"):
    """Put the contact in this circle (empty: none)."""

    contact: str
    circle: str = ""


@dataclass(frozen=True, slots=True)
class SetMayUseName(Press, code="ct|m"):
    """Whether the introducer's name may be mentioned ("y" or "n")."""

    contact: str
    answer: str = ""


@dataclass(frozen=True, slots=True)
class ClearField(Press, code="ct|cl"):
    """Empty an optional field."""

    contact: str
    field: str


@dataclass(frozen=True, slots=True)
class StageMenu(Press, code="ct|s"):
    """Where the contact stands on the informational-interview path."""

    contact: str


@dataclass(frozen=True, slots=True)
class SetStage(Press, code="cs"):
    """Move the contact to this stage (logged with the date)."""

    contact: str
    stage: str


@dataclass(frozen=True, slots=True)
class AskDelete(Press, code="ct|d"):
    """Delete this contact? (asks first)"""

    contact: str


@dataclass(frozen=True, slots=True)
class ConfirmDelete(Press, code="ct|dy"):
    """Yes, delete this contact."""

    contact: str


# -- what a card asks the student to type --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EditField(Press, code="ce|e"):
    """Type a new value for this field."""

    contact: str
    field: str


@dataclass(frozen=True, slots=True)
class LogInteraction(Press, code="ce|l"):
    """Type what happened with this contact."""

    contact: str


@dataclass(frozen=True, slots=True)
class AskForIntros(Press, code="ce|i"):
    """Note that the student asked this contact who else to talk to."""

    contact: str


@dataclass(frozen=True, slots=True)
class TheyNamedSomeone(Press, code="ce|n"):
    """Type the person this contact suggested."""

    contact: str


@dataclass(frozen=True, slots=True)
class SkipFlawed(Press, code="ce|k"):
    """Leave the flawed part of a suggested person empty."""

    contact: str


@dataclass(frozen=True, slots=True)
class MayUseName(Press, code="ce|m"):
    """Whether the suggested person may hear the introducer's name ("y", "n", "u": didn't ask)."""

    contact: str
    answer: str
