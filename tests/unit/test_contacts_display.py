"""Regressions from a QA pass over what students read: phones as people write them, email
reasons in plain words, spreadsheet row numbers, and how to write a number without a region."""

from __future__ import annotations

import pytest

from bot.features.contacts.domain import (
    Contact,
    ContactDraft,
    InvalidField,
    display_phone,
    display_value,
    normalize_email,
    normalize_phone,
)
from bot.features.contacts.domain.csv_files import from_csv
from bot.store.records import from_json, to_json


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+14085550100", "+1 408-555-0100"),
        ("+442079460958", "+44 20 7946 0958"),
        ("+4930123456", "+49 30 123456"),
        ("(408) 555-0199", "(408) 555-0199"),  # flawed value kept as typed: shown as typed
        ("+1 123", "+1 123"),
        ("", ""),
    ],
)
def test_phones_are_shown_readably_and_kept_in_e164(stored: str, shown: str):
    assert display_phone(stored) == shown


def test_display_value_only_changes_phones():
    assert display_value("phone", "+14085550100") == "+1 408-555-0100"
    assert display_value("notes", "+14085550100") == "+14085550100"


def test_records_show_the_readable_phone_but_store_e164():
    at = from_json(
        Contact,
        {"id": "1", "name": "Maria", "created_at": "2026-01-01T00:00:00+00:00"}
        | {"updated_at": "2026-01-01T00:00:00+00:00", "phone": "+14085550100"},
    )
    assert (at.phone, at.phone_display) == ("+14085550100", "+1 408-555-0100")
    assert to_json(at)["phone"] == "+14085550100"
    assert ContactDraft(phone="+14085550100").phone_display == "+1 408-555-0100"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("maria.acme.com", "needs an @"),
        ("maria lopez@acme.com", "can't contain spaces or commas"),
        ("maria,lopez@acme.com", "can't contain spaces or commas"),
        ("maria@acme .com", "can't contain spaces or commas"),
        ("maria@acme", "needs a dot"),
        ("@acme.com", "missing before the @"),
        ("maria@", "missing after the @"),
        ("maria@@acme.com", "just one @"),
    ],
)
def test_common_email_mistakes_are_explained_plainly(typed: str, reason: str):
    with pytest.raises(InvalidField) as err:
        normalize_email(typed)
    assert reason in err.value.reason
    assert "@-sign" not in err.value.reason and "SPACE" not in err.value.reason


def test_other_email_mistakes_keep_the_library_text():
    with pytest.raises(InvalidField) as err:
        normalize_email("maria..lopez@acme.com")
    assert "two periods in a row" in err.value.reason


def test_csv_errors_use_the_spreadsheet_row_number():
    _, errors = from_csv("name,email\nAnn,ann@x.com\n,bob@x.com\n\nCarl,c@x.com\n,dee@x.com\n")
    assert errors == ["row 3: no name", "row 6: no name"]  # header is row 1


def test_csv_row_numbers_count_preamble_rows():
    _, errors = from_csv('"Notes:"\n\nname,email\nAnn,a@x.com\n,b@x.com\n')
    assert errors == ["row 5: no name"]


def test_a_local_number_without_a_region_says_how_to_write_it():
    with pytest.raises(InvalidField) as err:
        normalize_phone("408 555 0100", None)
    assert "start" in err.value.reason.lower()
    assert "+ and the country code, e.g. +1 408 555 0100" in err.value.reason
