"""Regressions in the pure contact rules found while testing as a student: one-line parsing,
phone reasons, spreadsheet headers and separators, and when a half-added contact is kept."""

from __future__ import annotations

import pytest

from bot.features.contacts.domain import (
    ContactDraft,
    InvalidField,
    normalize_phone,
    parse_contact_line,
)
from bot.features.contacts.domain.adding import retyped_line, worth_keeping
from bot.features.contacts.domain.csv_files import decode, from_csv


def test_a_sentence_in_the_fourth_place_is_a_note_not_a_field():
    d = parse_contact_line("/add Maria Lopez, Acme, engineer, met at the career fair")
    assert (d.field, d.notes) == ("", "met at the career fair")
    d = parse_contact_line("/add Maria Lopez, Acme, engineer, renewable energy policy")
    assert (d.field, d.notes) == ("renewable energy policy", "")


def test_letters_for_a_phone_get_the_right_reason():
    with pytest.raises(InvalidField) as err:
        normalize_phone("abc")
    assert "doesn't look like a phone number" in err.value.reason


@pytest.mark.parametrize(
    ("header", "value", "field"),
    [
        ("Mobile Phone", "+1 408 555 0100", "phone"),  # Outlook
        ("Business Phone", "+1 408 555 0100", "phone"),
        ("Phone 1 - Value", "+1 408 555 0100", "phone"),  # Google
        ("E-mail 2 Address", "a@b.com", "email"),
        ("Organization 1 - Name", "Acme", "organization"),
        ("Web Page", "acme.com", "url"),
    ],
)
def test_spreadsheet_headers_for_phones_emails_and_more(header: str, value: str, field: str):
    [draft], errors = from_csv(f"Name,{header}\nAna,{value}\n")
    assert errors == [] and getattr(draft, field)


def test_type_and_phonetic_columns_are_not_taken_for_values():
    text = "Name,Phonetic First Name,E-mail 1 - Type,E-mail 1 - Value\nAna,AH-na,* Home,a@b.com\n"
    [draft], _ = from_csv(text)
    assert (draft.phone, draft.email) == ("", "a@b.com")


def test_semicolon_separated_cp1252_csv_from_excel():
    data = "Name;Company\r\nJosé Núñez;Acme\r\n".encode("cp1252")
    [draft], errors = from_csv(decode(data))
    assert errors == [] and (draft.name, draft.organization) == ("José Núñez", "Acme")


def test_half_added_contact_is_kept_only_for_someone_else():
    assert worth_keeping(ContactDraft(name="Zed"), ContactDraft(name="Lou"))
    assert not worth_keeping(ContactDraft(name="Ana Diaz"), ContactDraft(name="Ana Díaz"))
    assert not worth_keeping(ContactDraft(name=""), ContactDraft(name="Lou"))
    assert not worth_keeping(
        ContactDraft(name="Maria", email="m@x.com"), ContactDraft(name="M. L.", email="M@x.com")
    )


def test_a_whole_line_typed_again_is_recognised():
    assert retyped_line("Sam Lee, Globex, sam@globex.com")
    assert not retyped_line("sam@globex.com")
