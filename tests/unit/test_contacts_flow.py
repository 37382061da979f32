from __future__ import annotations

import pytest

from bot.features.contacts.domain import (
    ContactDraft,
    InvalidField,
    normalize_field,
    phone_from_telegram,
)
from bot.features.contacts.domain.adding import (
    GUIDED_STEPS,
    draft_from_shared,
    fresh_names,
    looks_like_line,
    missing_steps,
    walk_circles,
)
from bot.store.records import from_json, to_json


def test_missing_steps_lists_empty_and_flawed_fields():
    assert missing_steps(ContactDraft()) == list(GUIDED_STEPS)
    draft = ContactDraft(name="Pat", phone="123", circle="friends", problems=(("phone", "bad"),))
    assert missing_steps(draft) == ["organization", "role", "email", "phone", "url", "notes"]


def test_shared_contact_number_without_plus_and_vcard_details():
    vcard = "BEGIN:VCARD\nVERSION:3.0\nFN:Pat Kim\nORG:Initech\nEMAIL:pat@initech.com\nEND:VCARD"
    draft = draft_from_shared("Pat", "Kim", "14085550100", vcard)
    assert (draft.name, draft.phone, draft.organization, draft.email) == (
        "Pat Kim",
        "+14085550100",
        "Initech",
        "pat@initech.com",
    )
    assert draft_from_shared("Pat", None, "12").problems[0][0] == "phone"


def test_field_checks_and_telegram_phone():
    assert normalize_field("role", "  test   engineer ") == "test engineer"
    with pytest.raises(InvalidField):
        normalize_field("email", "nope")
    with pytest.raises(InvalidField):
        normalize_field("organization", "x" * 121)
    assert phone_from_telegram("4085550100", "US") == "+14085550100"


def test_line_detection_fresh_names_and_walk():
    assert looks_like_line("Maria, Acme") and not looks_like_line("Maria Lopez")
    assert fresh_names(["Ana", "ana", "Ben"], ["Ben"]) == ["Ana"]
    assert walk_circles()[0].key == "family"
    assert all(c.brainstorm for c in walk_circles())


def test_draft_record_round_trip():
    draft = ContactDraft(name="Sam", circle="alumni", problems=(("email", "bad"),))
    assert from_json(ContactDraft, to_json(draft)) == draft
    # the shape the hand-written ``to_record`` stored in flow state before store/records
    assert to_json(draft) == {
        "name": "Sam",
        "circle": "alumni",
        "organization": "",
        "role": "",
        "field": "",
        "email": "",
        "phone": "",
        "url": "",
        "notes": "",
        "introduced_by": None,
        "introduced_by_name": "",
        "may_use_name": None,
        "stage": None,
        "last_interaction": None,
        "scheduled_for": None,
        "source_id": None,
        "problems": [["email", "bad"]],
    }
    assert draft.with_value("email", "sam@x.com").problems == ()
