from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.features.contacts.domain import (
    Contact,
    ContactDraft,
    Stage,
    change_stage,
    new_contact,
    parse_contact_line,
)
from bot.features.contacts.domain.csv_files import from_csv, to_csv
from bot.features.contacts.domain.vcards import parse_vcards, to_vcards

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)

THREE_CARDS = b"""BEGIN:VCARD
VERSION:3.0
FN:Maria Lopez
N:Lopez;Maria;;;
ORG:Acme Robotics;Hardware
TITLE:Hardware Engineer
EMAIL;TYPE=INTERNET,WORK:maria@acme.com
EMAIL;TYPE=HOME:maria@gmail.com
TEL;TYPE=CELL:+1 408 555 0100
URL:https://www.linkedin.com/in/marialopez
NOTE:Met at the career fair\\, spring
END:VCARD
BEGIN:VCARD
VERSION:4.0
N:Ng;Ben;;;
TEL;VALUE=uri;TYPE=cell:tel:+44-20-7946-0958
END:VCARD
BEGIN:VCARD
VERSION:3.0
ORG:Nameless Inc.
EMAIL:nobody@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Chloe Park
EMAIL:chloe@
END:VCARD
"""

QP_21_CARD = (
    b"BEGIN:VCARD\r\n"
    b"VERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:P=C3=A9rez;Jos=C3=A9;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 P=C3=A9rez\r\n"
    b"TEL;CELL:+14085550111\r\n"
    b"EMAIL;INTERNET:jose@example.com\r\n"
    b"NOTE;ENCODING=QUOTED-PRINTABLE:Met at the caf=C3=A9=0D=0A=\r\n"
    b"near campus\r\n"
    b"END:VCARD\r\n"
)


def test_vcf_with_several_cards_and_broken_ones():
    drafts, errors = parse_vcards(THREE_CARDS)
    assert [d.name for d in drafts] == ["Maria Lopez", "Ben Ng", "Chloe Park"]
    maria, ben, chloe = drafts
    assert maria.organization == "Acme Robotics, Hardware"
    assert maria.role == "Hardware Engineer"
    assert (maria.email, maria.phone) == ("maria@acme.com", "+14085550100")
    assert maria.url == "https://www.linkedin.com/in/marialopez"
    assert maria.notes.startswith("Met at the career fair, spring")
    assert "Other email: maria@gmail.com" in maria.notes
    assert ben.phone == "+442079460958"
    assert chloe.problems and chloe.problems[0][0] == "email"
    assert errors == ["card 3: no name"]


def test_vcf_21_quoted_printable():
    drafts, errors = parse_vcards(QP_21_CARD)
    assert errors == []
    (jose,) = drafts
    assert jose.name == "José Pérez"
    assert (jose.phone, jose.email) == ("+14085550111", "jose@example.com")
    assert "café" in jose.notes and "near campus" in jose.notes


def test_vcf_unreadable_and_cut_off_cards_do_not_stop_the_rest():
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nthis is not a property line\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Also Good\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n"
    )
    drafts, errors = parse_vcards(data)
    assert [d.name for d in drafts] == ["Good One", "Also Good"]
    # Plain words and the card's name, so the student knows whom to add by hand.
    assert errors[0] == "card 2: couldn't be read — line 3 is garbled"
    assert errors[1] == "card 4 (Cut Off): cut off before its end (the file may be incomplete)"


def test_vcf_without_cards_and_local_phone_region():
    assert parse_vcards(b"hello") == (
        [],
        ["no vCard found in the file (expected BEGIN:VCARD ... END:VCARD)"],
    )
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Dan\nTEL:(408) 555-0199\nEND:VCARD\n"
    assert parse_vcards(card, "US")[0][0].phone == "+14085550199"
    kept = parse_vcards(card)[0][0]
    assert kept.phone == "(408) 555-0199" and kept.problems[0][0] == "phone"


def test_vcf_latin1_file_is_decoded():
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Brontë\nEND:VCARD\n".encode("cp1252")
    assert parse_vcards(card)[0][0].name == "Zoë Brontë"


@pytest.fixture
def network() -> list[Contact]:
    maria = new_contact(
        parse_contact_line(
            "Maria Lopez, Acme, Inc., hardware engineer, robotics, maria@acme.com, "
            "+1 408 555 0100, linkedin.com/in/ml"
        ),
        "a1",
        NOW - timedelta(days=20),
    )
    maria = replace(maria, circle="alumni", notes='Loves "robots"; met at fair\nsecond line, too')
    ben = new_contact(ContactDraft(name="Ben Ng, Jr.", organization="Globex"), "b2", NOW)
    ben = replace(ben, introduced_by="a1", may_use_name=True, circle="introduced")
    ben = change_stage(ben, Stage.SCHEDULED, NOW, scheduled_for=NOW + timedelta(days=2))
    chloe = new_contact(ContactDraft(name="Chloe"), "c3", NOW)
    chloe = replace(chloe, introduced_by="b2", may_use_name=False, stage=Stage.DECLINED)
    return [maria, ben, chloe]


FIELDS = (
    "name",
    "circle",
    "organization",
    "role",
    "field",
    "email",
    "phone",
    "url",
    "notes",
    "may_use_name",
    "last_interaction",
    "scheduled_for",
)


def same_fields(contacts: list[Contact], drafts: list[ContactDraft]) -> None:
    assert len(drafts) == len(contacts)
    for contact, draft in zip(contacts, drafts, strict=True):
        for name in FIELDS:
            assert getattr(draft, name) == getattr(contact, name), name
        assert draft.stage is contact.stage
        assert draft.source_id == contact.id
        assert draft.introduced_by == contact.introduced_by
        assert draft.problems == ()


def test_csv_round_trip(network):
    drafts, errors = from_csv(to_csv(network))
    assert errors == []
    same_fields(network, drafts)
    assert drafts[1].introduced_by_name == "Maria Lopez"


def test_vcard_round_trip(network):
    drafts, errors = parse_vcards(to_vcards(network).encode())
    assert errors == []
    same_fields(network, drafts)
    assert drafts[2].introduced_by_name == "Ben Ng, Jr."


def test_csv_from_linkedin_export_with_preamble():
    text = (
        "Notes:\n"
        '"When exporting your connection data, you may notice..."\n'
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Maria,Lopez,https://www.linkedin.com/in/ml,,Acme,Engineer,01 Mar 2025\n"
        ",,https://www.linkedin.com/in/nobody,,,,\n"
        "Ben,Ng,https://www.linkedin.com/in/bn,ben@globex.com,Globex,PM,02 Mar 2025\n"
    )
    drafts, errors = from_csv(text)
    assert [(d.name, d.organization, d.role) for d in drafts] == [
        ("Maria Lopez", "Acme", "Engineer"),
        ("Ben Ng", "Globex", "PM"),
    ]
    assert drafts[1].email == "ben@globex.com"
    assert errors == ["row 6: no name"]  # the spreadsheet row: 3 preamble rows, then header


def test_csv_flags_bad_values_and_missing_header():
    drafts, _ = from_csv("name,email,stage,circle\nAnn,ann@,nope,gym\n")
    (ann,) = drafts
    assert ann.circle == "gym"
    assert ann.stage is None
    assert {f for f, _ in ann.problems} == {"email", "stage"}
    assert from_csv("a,b\n1,2\n")[0] == []
    assert "no header" in from_csv("a,b\n1,2\n")[1][0]
