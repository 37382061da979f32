"""Greetings from the contact's salutation, and a "warmer" draft that is warmer in its sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.features.contacts.domain import Contact
from bot.features.outreach.coach_offline import claude_variables, greeting_line, offline_draft
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.facts import DraftFacts, draft_context, formal_greeting
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.salutations import (
    Salutation,
    needs_asking,
    typed_salutation,
    with_greeting,
)
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.features.profile.domain.profile import Profile

NOW = datetime(2026, 11, 27, tzinfo=UTC)
FORMAL, WARMER = Tone(formal=True), Tone(warmer=True)
PROFILE = Profile(name="Maya Chen", degree="BS Computer Science", interests="health informatics")


def _contact(name: str = "Omar Haddad", salutation: str = "", **fields: str) -> Contact:
    values = {"organization": "Kaiser Permanente", "role": "informatics lead", "circle": "alumni"}
    values.update(fields)
    return Contact(
        id="c1", name=name, created_at=NOW, updated_at=NOW, salutation=salutation, **values
    )  # type: ignore[arg-type]


def _ctx(contact: Contact, introducer: Contact | None = None) -> DraftContext:
    facts = DraftFacts(objective="learn how you moved from nursing into health informatics")
    return draft_context(PROFILE, contact, introducer=introducer, facts=facts)


@pytest.mark.parametrize(
    ("name", "salutation", "tone", "line"),
    [
        ("Omar Haddad", "Dr.", FORMAL, "Dear Dr. Haddad,"),
        ("Omar Haddad", "Ms.", FORMAL, "Dear Ms. Haddad,"),
        ("Omar Haddad", "Mx.", FORMAL, "Dear Mx. Haddad,"),
        ("Omar Haddad", "first name", FORMAL, "Dear Omar,"),
        ("Omar Haddad", "not sure", FORMAL, "Hello Omar Haddad,"),
        ("Dr. Alan Brooks", "", FORMAL, "Dear Dr. Brooks,"),
        ("Omar Haddad", "Prof.", PLAIN, "Hello Prof. Haddad,"),  # reused in every tone
        ("Omar Haddad", "Prof.", WARMER, "Hi Prof. Haddad,"),
        ("Omar Haddad", "", PLAIN, "Hello Omar,"),
        ("Omar Haddad", "not sure", WARMER, "Hi Omar,"),
        ("Omar", "Dr.", FORMAL, "Dear Omar,"),  # no family name: never "Dr. Omar"
        ("Omar", "", FORMAL, "Dear Omar,"),
    ],
)
def test_the_greeting_follows_the_students_answer(
    name: str, salutation: str, tone: Tone, line: str
) -> None:
    ctx = _ctx(_contact(name, salutation))
    assert greeting_line(ctx, tone) == line
    body = offline_draft(DraftKind.REQUEST_EMAIL, ctx, tone=tone).body
    assert body.startswith(line + "\n")
    assert "Dear Omar Haddad" not in body


def test_a_formal_draft_never_guesses_a_title() -> None:
    for kind in DraftKind:
        for variant in range(3):
            draft = offline_draft(kind, _ctx(_contact()), tone=FORMAL, variant=variant)
            assert not any(t in draft.text for t in ("Mr.", "Ms.", "Mrs.", "Dear Omar Haddad"))


def test_claude_is_given_the_greeting_and_its_own_is_replaced() -> None:
    ctx = _ctx(_contact(salutation="Dr."))
    data = claude_variables(DraftKind.REQUEST_EMAIL, ctx, tone=FORMAL)["data_json"]
    assert '"greeting": "Dear Dr. Haddad,"' in data
    assert with_greeting("Dear Mr. Haddad,\n\nI'm Maya.", "Dear Dr. Haddad,") == (
        "Dear Dr. Haddad,\n\nI'm Maya."
    )
    assert with_greeting("I'm Maya.", "Dear Dr. Haddad,") == "I'm Maya."
    assert with_greeting("Hello Alan Brooks, PhD,\n\nI'm Maya.", "Dear Dr. Brooks,") == (
        "Dear Dr. Brooks,\n\nI'm Maya."
    )  # a comma inside the greeting line is still the greeting
    unchanged = "Hi there! I'm Maya Chen, a senior at UCLA.\n\nMay I…"
    assert with_greeting(unchanged, "Dear Dr. Haddad,") == unchanged  # not a greeting line


def test_who_needs_asking_and_typed_answers() -> None:
    assert needs_asking("Omar Haddad", "")
    assert not needs_asking("Omar Haddad", "not sure")  # asked once, the answer kept
    assert not needs_asking("Dr. Alan Brooks", "")  # the name carries the title
    assert not needs_asking("Omar", "")  # a title needs a family name to go before
    assert needs_asking("Omar Haddad", "Sir")  # an unreadable stored value asks again
    assert typed_salutation(" Professor ") is Salutation.PROF
    assert typed_salutation("dr") is Salutation.DR
    assert typed_salutation("Mrs.") is Salutation.MRS
    assert typed_salutation("I don’t know") is Salutation.NOT_SURE
    assert typed_salutation("use their first name") is Salutation.FIRST_NAME
    assert typed_salutation("a nice man") is None


def test_the_greeting_shown_after_choosing_a_title_is_the_one_drafts_write() -> None:
    """Typed "omar haddad": the confirmation said "Dear Dr. haddad," while drafts wrote
    "Dear Dr. Haddad,"."""
    assert formal_greeting(_contact("omar haddad", "Dr.")) == "Dear Dr. Haddad,"
    assert formal_greeting(_contact("Aunt Rosa", "")) == "Dear Aunt Rosa,"
