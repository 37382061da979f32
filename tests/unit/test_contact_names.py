"""One person written two ways: the parts of a name, and the matcher duplicate detection and the
brainstorm use ("Dr Brooks" is "Dr. Alan Brooks"; "Mr Lee" is not "Mrs Lee")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.features.contacts.domain import Contact, ContactDraft, find_duplicates
from bot.features.contacts.domain.adding import brainstorm_twin, split_known
from bot.features.contacts.domain.capitals import display_name
from bot.features.contacts.domain.names import PersonName, names_alike, same_name, split_name

NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)


def _contact(name: str, cid: str = "c1", **fields: str) -> Contact:
    return Contact(id=cid, name=name, created_at=NOW, updated_at=NOW, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Dr. Alan Brooks", PersonName(prefix="Dr.", given="Alan", family="Brooks")),
        ("Dr Brooks", PersonName(prefix="Dr", family="Brooks")),
        ("Aunt Lakshmi", PersonName(given="Lakshmi", relation="Aunt")),
        ("Mia", PersonName(given="Mia")),
        ("Maria de la Cruz", PersonName(given="Maria", family="de la Cruz")),
        (
            "Prof. Alan B. Brooks Jr.",
            PersonName(
                prefix="Prof.", given="Alan", additional="B.", family="Brooks", suffix="Jr."
            ),
        ),
        ("Ms. Patel", PersonName(prefix="Ms.", family="Patel")),
        ("Dr", PersonName(given="Dr")),  # a lone word is a name, even one that is a title
    ],
)
def test_split_name(name: str, parts: PersonName) -> None:
    assert split_name(name) == parts


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dr Brooks", "Dr. Alan Brooks"),  # the issue: title without its dot, surname only
        ("Dr. Brooks", "Alan Brooks"),
        ("Prof Brooks", "Dr. Alan Brooks"),
        ("dr alan brooks", "Dr. Alan Brooks"),
        ("Alan Brooks", "Dr. Alan Brooks"),
        ("A. Brooks", "Dr. Alan Brooks"),
        ("jose ortiz", "José Ortiz"),
        ("MRS. PATEL", "Mrs Priya Patel"),
        ("Alan Brookes", "Alan Brooks"),  # a typo
        ("Aunt Lakshmi", "Lakshmi"),
    ],
)
def test_the_same_person_written_differently(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mr Lee", "Mrs Lee"),
        ("Sarah Brooks", "Alan Brooks"),
        ("Dr Brooks", "Dr. Sarah Brooke"),
        ("Alan Brooks", "Alan Smith"),
        ("Ana", "Ana Diaz"),
        ("Brooks", ""),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert not same_name(a, b) and not same_name(b, a)
    assert not names_alike(a, b)


def test_find_duplicates_offers_the_full_name_for_a_title_and_surname() -> None:
    alan = _contact("Dr. Alan Brooks", organization="Carnegie Mellon")
    other = _contact("Dr. Sarah Lin", "c2")
    assert find_duplicates(ContactDraft(name="Dr Brooks"), [other, alan]) == [alan]
    assert find_duplicates(ContactDraft(name="Dr Lin"), [other, alan]) == [other]
    assert find_duplicates(ContactDraft(name="Mr Brooks", email="b@x.org"), [alan]) == [alan]
    elsewhere = ContactDraft(name="Dr Brooks", organization="Google")
    assert find_duplicates(elsewhere, [alan]) == []  # another organization: another person


def test_an_import_finds_the_look_alike_through_the_index() -> None:
    alan = _contact("Dr. Alan Brooks")
    new, known = split_known([ContactDraft(name="dr brooks"), ContactDraft(name="Dr. Lee")], [alan])
    assert [d.name for d in new] == ["Dr. Lee"]
    assert [(d.name, c.id) for d, c in known] == [("dr brooks", alan.id)]


def test_brainstorm_twin_leaves_two_bare_first_names_alone() -> None:
    saved = [_contact("Ana", circle="family"), _contact("Dr. Alan Brooks", "c2", circle="faculty")]
    assert brainstorm_twin("Ana", saved) is None
    assert brainstorm_twin("Dr Brooks", saved) == saved[1]
    assert brainstorm_twin("Alan", saved) is None


def test_matching_and_capitals_read_the_same_name_words() -> None:
    """The two lists had drifted: "alan brooks md" was written "Alan Brooks Md"."""
    assert display_name("alan brooks md") == "Alan Brooks MD"
    assert split_name("Alan Brooks MD").suffix == "MD"
    assert display_name("ana dos santos") == "Ana dos Santos"
    assert split_name("Ana dos Santos").family == "dos Santos"
    assert split_name("Alan E Brooks").family == "Brooks"  # an initial, not a particle
