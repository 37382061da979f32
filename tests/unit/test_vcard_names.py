"""vCard N is Family;Given;Additional;Prefix;Suffix: titles go to Prefix, a relation stays in FN
only, and an export read back keeps every name and title as the student wrote it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import vobject  # type: ignore[import-untyped]

from bot.features.contacts.domain import Contact
from bot.features.contacts.domain.vcards import parse_vcards, to_vcards

NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)


def _card_lines(name: str) -> list[str]:
    text = to_vcards([Contact(id="c1", name=name, created_at=NOW, updated_at=NOW)])
    return [line for line in text.splitlines() if line.startswith(("N:", "FN:"))]


@pytest.mark.parametrize(
    ("name", "n"),
    [
        ("Dr. Alan Brooks", "N:Brooks;Alan;;Dr.;"),
        ("Aunt Lakshmi", "N:;Lakshmi;;;"),
        ("Dr Brooks", "N:Brooks;;;Dr;"),
        ("Maria Lopez", "N:Lopez;Maria;;;"),
        ("Mia", "N:;Mia;;;"),
        ("Maria de la Cruz", "N:de la Cruz;Maria;;;"),
        ("Prof. Alan B. Brooks Jr.", "N:Brooks;Alan;B.;Prof.;Jr."),
        ("Uncle Joe Diaz", "N:Diaz;Joe;;;"),
    ],
)
def test_n_puts_titles_in_prefix_and_never_a_relation_in_given(name: str, n: str) -> None:
    assert _card_lines(name) == [f"FN:{name}", n]


@pytest.mark.parametrize(
    ("salutation", "n"),
    [
        ("Dr.", "N:Haddad;Omar;;Dr.;"),
        ("not sure", "N:Haddad;Omar;;;"),
        ("first name", "N:Haddad;Omar;;;"),
    ],
)
def test_the_title_chosen_in_draft_fills_the_prefix(salutation: str, n: str) -> None:
    contact = Contact(
        id="c1", name="Omar Haddad", created_at=NOW, updated_at=NOW, salutation=salutation
    )
    assert n in to_vcards([contact]).splitlines()


def test_an_export_read_back_keeps_names_and_titles() -> None:
    names = [
        "Dr. Alan Brooks",
        "Aunt Lakshmi",
        "Prof. Alan B. Brooks Jr.",
        "José Ortiz",
        "Ben Ng, Jr.",
    ]
    contacts = [
        Contact(id=f"c{i}", name=name, created_at=NOW, updated_at=NOW)
        for i, name in enumerate(names)
    ]
    exported = to_vcards(contacts)
    drafts, errors = parse_vcards(exported.encode())
    assert errors == [] and [d.name for d in drafts] == names
    cards = list(vobject.readComponents(exported))
    brooks = cards[0].n.value
    assert (brooks.family, brooks.given, brooks.prefix) == ("Brooks", "Alan", "Dr.")
    assert cards[1].n.value.given == "Lakshmi" and cards[1].fn.value == "Aunt Lakshmi"


def test_a_card_with_only_n_reads_as_the_full_name_with_its_title() -> None:
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Brooks;Alan;;Dr.;\r\nEND:VCARD\r\n"
    drafts, errors = parse_vcards(card)
    assert errors == [] and [d.name for d in drafts] == ["Dr. Alan Brooks"]
