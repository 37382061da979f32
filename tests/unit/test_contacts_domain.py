from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.features.contacts.domain import (
    LOG_CREATED,
    LOG_INTERACTION,
    LOG_MERGED,
    LOG_STAGE,
    CirclesFileError,
    Contact,
    ContactDraft,
    InvalidField,
    Stage,
    attention_order,
    attention_reason,
    change_stage,
    circle,
    circles,
    find_duplicates,
    intro_chain,
    load_circles,
    log_interaction,
    match_circle,
    merge,
    new_contact,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_url,
    parse_contact_line,
    parse_names,
    search,
)
from bot.store.records import from_json, to_json

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def make(cid: str, name: str, **fields) -> Contact:
    created = fields.pop("created_at", NOW - timedelta(days=30))
    return Contact(id=cid, name=name, created_at=created, updated_at=created, **fields)


# -- circles ---------------------------------------------------------------------------------


def test_circles_load_in_order_with_questions():
    keys = [c.key for c in circles()]
    assert keys[0] == "family"
    assert {"friends", "roommates", "faculty", "alumni", "coworkers", "gym", "online"} <= set(keys)
    assert circle("introduced").brainstorm is None
    assert all(c.brainstorm for c in circles() if c.key != "introduced")
    assert all(len(c.label) <= 32 for c in circles())


def test_unknown_circle_key_names_it():
    with pytest.raises(KeyError, match="nope"):
        circle("nope")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "expected"),
        ({"circles": [{"key": "Bad Key", "label": "x", "brainstorm": None}]}, "snake_case"),
        ({"circles": [{"key": "a", "label": "", "brainstorm": None}]}, "label"),
        ({"circles": [{"key": "a", "label": "A", "brainstorm": 3}]}, "brainstorm"),
        (
            {
                "circles": [
                    {"key": "a", "label": "A", "brainstorm": None},
                    {"key": "a", "label": "B", "brainstorm": None},
                ]
            },
            "duplicate",
        ),
    ],
)
def test_bad_circles_file_is_rejected_clearly(raw, message):
    with pytest.raises(CirclesFileError, match=message):
        load_circles(raw)


def test_match_circle_accepts_key_label_and_alias():
    assert match_circle("Alumni") == "alumni"
    assert match_circle("co-worker") == "coworkers"
    assert match_circle("👪 Family") == "family"
    assert match_circle("Acme Robotics") is None


# -- one-line parsing ------------------------------------------------------------------------


def test_parse_maria_example():
    d = parse_contact_line("/add Maria Lopez, Acme Robotics, hardware engineer, maria@acme.com")
    assert (d.name, d.organization, d.role, d.email) == (
        "Maria Lopez",
        "Acme Robotics",
        "hardware engineer",
        "maria@acme.com",
    )
    assert d.problems == ()


def test_parse_reordered_fields_recognises_shapes():
    d = parse_contact_line("maria@acme.com; Maria Lopez; Acme Robotics")
    assert (d.name, d.organization, d.email) == ("Maria Lopez", "Acme Robotics", "maria@acme.com")


def test_parse_phone_and_linkedin_and_circle():
    d = parse_contact_line("Ben Ng, +1 (408) 555-0123, linkedin.com/in/benng, alumni")
    assert d.phone == "+14085550123"
    assert d.url == "https://linkedin.com/in/benng"
    assert d.circle == "alumni"
    assert d.organization == ""


def test_parse_local_phone_uses_region_or_explains():
    assert parse_contact_line("Dan Wu, (408) 555-0199", "US").phone == "+14085550199"
    d = parse_contact_line("Dan Wu, (408) 555-0199")
    assert d.phone == "(408) 555-0199"
    assert d.problems[0][0] == "phone" and "country code" in d.problems[0][1]


def test_parse_only_a_name():
    d = parse_contact_line("Chloe")
    assert d.name == "Chloe" and d.problems == ()


def test_parse_labelled_parts_and_extra_parts_to_notes():
    d = parse_contact_line("name: Eve Li, org: Initech, role: PM, notes: met at fair")
    assert (d.name, d.organization, d.role, d.notes) == ("Eve Li", "Initech", "PM", "met at fair")
    d = parse_contact_line("Ann, Org, Role, Robotics, likes hiking")
    assert (d.field, d.notes) == ("Robotics", "likes hiking")


def test_parse_email_inside_a_part():
    d = parse_contact_line("Maria Lopez maria@acme.com")
    assert (d.name, d.email) == ("Maria Lopez", "maria@acme.com")


@pytest.mark.parametrize("text", ["", ",,,;;", "/add", "!!!"])
def test_parse_garbage_reports_a_name_problem(text):
    d = parse_contact_line(text)
    assert any(field == "name" for field, _ in d.problems)


def test_parse_mistyped_email_is_kept_with_reason():
    d = parse_contact_line("Dan Wu, Foo, dan@")
    assert d.email == "dan@"
    assert d.role == ""
    assert d.problems and d.problems[0][0] == "email"


# -- brainstorm names ------------------------------------------------------------------------


def test_parse_names_splits_trims_and_dedupes():
    text = "Ana, Ben and Chloe\n- Dan\n1. Eve; ana, & , Bob & Carol\n\n  ,"
    assert parse_names(text) == ["Ana", "Ben", "Chloe", "Dan", "Eve", "Bob", "Carol"]


def test_parse_names_keeps_full_names_and_ignores_numbers():
    assert parse_names("Maria Lopez;  José  Pérez , 42") == ["Maria Lopez", "José Pérez"]
    assert parse_names("   ") == []


# -- validation ------------------------------------------------------------------------------


def test_email_normalized_and_bad_ones_explained():
    assert normalize_email(" Maria@ACME.com ") == "Maria@acme.com"
    with pytest.raises(InvalidField) as err:
        normalize_email("maria@")
    assert err.value.field == "email" and "after the @" in err.value.reason
    with pytest.raises(InvalidField, match="@"):
        normalize_email("maria.acme.com")


def test_phone_needs_country_code_without_region():
    assert normalize_phone("+1 408 555 0100", None) == "+14085550100"
    assert normalize_phone("0044 20 7946 0958", None) == "+442079460958"
    assert normalize_phone("(408) 555-0100", "US") == "+14085550100"
    with pytest.raises(InvalidField, match="country code"):
        normalize_phone("408 555 0100", None)
    with pytest.raises(InvalidField, match="isn't valid"):
        normalize_phone("+1 123", None)
    with pytest.raises(InvalidField, match="doesn't look like"):
        normalize_phone("call me", "US")


def test_url_accepts_bare_linkedin_and_rejects_junk():
    assert normalize_url("linkedin.com/in/maria") == "https://linkedin.com/in/maria"
    assert normalize_url("HTTP://Example.org/a") == "http://example.org/a"
    with pytest.raises(InvalidField, match="spaces"):
        normalize_url("my site")
    with pytest.raises(InvalidField, match="domain"):
        normalize_url("localhost")
    with pytest.raises(InvalidField, match="http"):
        normalize_url("ftp://files.example.com")


def test_name_checks():
    assert normalize_name("  Maria   Lopez ") == "Maria Lopez"
    for bad, why in [("", "name"), ("1234", "letter"), ("x" * 101, "100"), ("a@b.com", "email")]:
        with pytest.raises(InvalidField, match=why):
            normalize_name(bad)


# -- duplicates and merge --------------------------------------------------------------------


def test_duplicate_same_email_any_case():
    existing = [make("a", "M. Lopez", email="Maria@acme.com")]
    assert find_duplicates(ContactDraft(name="Maria", email="maria@ACME.com"), existing) == existing


def test_duplicate_same_phone():
    existing = [make("a", "Someone", phone="+14085550100")]
    assert find_duplicates(ContactDraft(name="Other", phone="+14085550100"), existing) == existing


def test_duplicate_similar_name_same_or_missing_org():
    maria = make("a", "Maria Lopez", organization="Acme Robotics")
    assert find_duplicates(ContactDraft(name="maria lopes", organization="Acme Robotics"), [maria])
    assert find_duplicates(ContactDraft(name="Lopez, Maria"), [maria])


def test_not_duplicate_same_first_name_or_other_org_or_other_email():
    maria = make("a", "Maria Lopez", organization="Acme", email="maria@acme.com")
    assert find_duplicates(ContactDraft(name="Maria Garcia", organization="Acme"), [maria]) == []
    assert find_duplicates(ContactDraft(name="Maria", organization="Acme"), [maria]) == []
    assert find_duplicates(ContactDraft(name="Maria Lopez", organization="Globex"), [maria]) == []
    other = ContactDraft(name="Maria Lopez", organization="Acme", email="mlopez@gmail.com")
    assert find_duplicates(other, [maria]) == []


def test_contact_is_not_its_own_duplicate():
    maria = make("a", "Maria Lopez", email="m@acme.com")
    assert find_duplicates(maria, [maria]) == []


def test_merge_keeps_the_formal_title_the_student_chose_for_either_record():
    chosen = make("b", "Omar Haddad", salutation="Dr.")
    assert merge(make("a", "Omar Haddad"), chosen, NOW).salutation == "Dr."
    assert merge(make("a", "Omar Haddad", salutation="Mx."), chosen, NOW).salutation == "Mx."


def test_merge_fills_gaps_and_keeps_history():
    a = make("a", "Maria Lopez", email="m@acme.com", notes="met at fair", stage=Stage.TO_CONTACT)
    a = change_stage(a, Stage.REQUEST_SENT, NOW - timedelta(days=3))
    b = make("b", "Maria L.", organization="Acme", phone="+14085550100", notes="likes robots")
    b = change_stage(b, Stage.SCHEDULED, NOW - timedelta(days=1))
    m = merge(a, b, NOW)
    assert (m.id, m.name, m.email, m.organization, m.phone) == (
        "a",
        "Maria Lopez",
        "m@acme.com",
        "Acme",
        "+14085550100",
    )
    assert m.notes == "met at fair\nlikes robots"
    assert m.stage is Stage.SCHEDULED
    assert [e.kind for e in m.log][-1] == LOG_MERGED
    assert [e.at for e in m.log] == sorted(e.at for e in m.log)


# -- search ----------------------------------------------------------------------------------


@pytest.fixture
def people() -> list[Contact]:
    return [
        make("1", "Maria Lopez", organization="Acme Robotics", role="hardware engineer"),
        make("2", "Mario Rossi", organization="Globex", notes="met at the robotics fair"),
        make("3", "Ben Ng", organization="Initech", role="data scientist"),
        make("4", "Chloe Park", field="biotech", notes="knows people at Acme"),
        make("5", "José Pérez", organization="Umbrella"),
    ]


def names(found: list[Contact]) -> list[str]:
    return [c.name for c in found]


def test_search_tolerates_typos(people):
    assert names(search(people, "mria lopz"))[0] == "Maria Lopez"
    assert "Ben Ng" in names(search(people, "initec"))


def test_search_substring_hits_first_name_before_notes(people):
    assert names(search(people, "acme")) == ["Maria Lopez", "Chloe Park"]
    assert names(search(people, "robotics")) == ["Maria Lopez", "Mario Rossi"]


def test_search_org_role_notes_and_accents(people):
    assert names(search(people, "scientist")) == ["Ben Ng"]
    assert names(search(people, "biotech")) == ["Chloe Park"]
    assert names(search(people, "jose perez")) == ["José Pérez"]
    assert names(search(people, "fair")) == ["Mario Rossi"]


def test_search_is_not_too_loose(people):
    assert search(people, "zzz") == []
    assert search(people, "") == []
    assert "Ben Ng" not in names(search(people, "maria"))


def test_search_limit(people):
    assert len(search(people, "a", limit=2)) == 2


# -- attention -------------------------------------------------------------------------------


def test_attention_order_and_reasons():
    day = timedelta(days=1)
    waiting = make("w", "Waiting Long", stage=Stage.REQUEST_SENT, last_interaction=NOW - 9 * day)
    recent = make("r", "Sent Yesterday", stage=Stage.REQUEST_SENT, last_interaction=NOW - day)
    soon = make("s", "Soon", stage=Stage.SCHEDULED, scheduled_for=NOW + day)
    later = make("l", "Later", stage=Stage.SCHEDULED, scheduled_for=NOW + 20 * day)
    thank = make("t", "Thank Me", stage=Stage.INTERVIEWED, last_interaction=NOW - day)
    new = make("n", "New Person")
    stale = make("k", "Old Friend", stage=Stage.KEEPING_IN_TOUCH, last_interaction=NOW - 90 * day)
    declined = make("d", "Declined", stage=Stage.DECLINED, last_interaction=NOW)
    everyone = [declined, new, recent, later, stale, waiting, thank, soon]
    order = [c.id for c in attention_order(everyone, NOW)]
    assert order == ["s", "t", "w", "n", "k", "r", "l", "d"]
    assert attention_reason(soon, NOW) == "Interview tomorrow — prepare your questions"
    assert "thank-you" in attention_reason(thank, NOW)
    assert "9 days" in attention_reason(waiting, NOW)
    assert attention_reason(recent, NOW) is None
    assert attention_reason(declined, NOW) is None


# -- introductions ---------------------------------------------------------------------------


def test_intro_chain_follows_links_and_survives_cycles_and_gaps():
    a = make("a", "Ann")
    b = make("b", "Bo", introduced_by="a")
    c = make("c", "Cy", introduced_by="b")
    by_id = {x.id: x for x in (a, b, c)}
    assert [x.id for x in intro_chain(c, by_id)] == ["a", "b", "c"]
    loop_a = replace(a, introduced_by="c")
    looped = {**by_id, "a": loop_a}
    assert [x.id for x in intro_chain(c, looped)] == ["a", "b", "c"]
    orphan = make("o", "Orphan", introduced_by="gone")
    assert intro_chain(orphan, by_id) == [orphan]


# -- changes ---------------------------------------------------------------------------------


def test_new_contact_starts_log_and_round_trips_record():
    c = new_contact(parse_contact_line("Maria Lopez, Acme, maria@acme.com"), "x1", NOW)
    assert c.stage is Stage.TO_CONTACT and c.created_at == c.updated_at == NOW
    assert [e.kind for e in c.log] == [LOG_CREATED]
    c = change_stage(c, Stage.SCHEDULED, NOW, scheduled_for=NOW + timedelta(days=2))
    assert from_json(Contact, to_json(c)) == c


def test_change_stage_logs_and_sets_times():
    c = make("a", "Ann")
    later = NOW + timedelta(hours=2)
    sent = change_stage(c, Stage.REQUEST_SENT, later, note="emailed")
    assert sent.stage is Stage.REQUEST_SENT
    assert (sent.updated_at, sent.last_interaction) == (later, later)
    assert sent.log[-1].kind == LOG_STAGE
    assert sent.log[-1].text == "To contact → Request sent: emailed"
    assert c.log == ()  # the original is untouched
    no_reply = change_stage(sent, Stage.NO_REPLY, later + timedelta(days=10))
    assert no_reply.last_interaction == later


def test_log_interaction_after_the_fact_keeps_log_dated_in_order():
    c = change_stage(make("a", "Ann"), Stage.REQUEST_SENT, NOW)
    c = log_interaction(c, NOW + timedelta(days=2), "coffee chat", happened=NOW - timedelta(days=1))
    assert c.log[0].kind == LOG_INTERACTION and c.log[0].text == "coffee chat"
    assert c.last_interaction == NOW
    assert c.updated_at == NOW + timedelta(days=2)


def test_stage_parse_and_labels():
    assert Stage.parse("Request sent") is Stage.REQUEST_SENT
    assert Stage.parse("keeping_in_touch") is Stage.KEEPING_IN_TOUCH
    assert Stage.parse("bogus") is None
    assert Stage.NO_REPLY.label == "No reply"


def test_a_contact_as_stored_by_earlier_releases_still_loads() -> None:
    old = {
        "id": "a1b2c3d4",
        "name": "Maria Lopez",
        "organization": "Acme",
        "role": "",
        "field": "",
        "email": "maria@acme.com",
        "phone": "",
        "url": "",
        "notes": "",
        "circle": "alumni",
        "introduced_by": None,
        "may_use_name": None,
        "stage": "request_sent",
        "last_interaction": "2025-03-14T12:00:00+00:00",
        "scheduled_for": None,
        "created_at": "2025-03-01T09:30:00+00:00",
        "updated_at": "2025-03-14T12:00:00+00:00",
        "log": [{"at": "2025-03-01T09:30:00+00:00", "kind": "created", "text": "Added"}],
    }
    contact = from_json(Contact, old)
    assert contact.stage is Stage.REQUEST_SENT
    assert contact.last_interaction == datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
    assert contact.log[0].text == "Added"
    assert from_json(Contact, to_json(contact)) == contact
    assert (
        from_json(
            Contact, {"id": "x", "name": "Ann", **{k: old[k] for k in ("created_at", "updated_at")}}
        ).stage
        is Stage.TO_CONTACT
    )
