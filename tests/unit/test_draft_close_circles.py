"""Drafts to family and close friends: they know the student, so no "I'm Maya Chen, a BS …"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.features.contacts.domain import Contact
from bot.features.outreach.coach_offline import offline_draft
from bot.features.outreach.domain.facts import DraftFacts, draft_context
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.rules import check_draft
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.features.profile.domain.profile import Profile

NOW = datetime(2026, 11, 27, tzinfo=UTC)
MAYA = Profile(name="Maya Chen", degree="BS Computer Science")
FACTS = DraftFacts(objective="hear how you moved from bedside nursing into management")
SIGNED = (
    DraftKind.REQUEST_EMAIL,
    DraftKind.LINKEDIN_MESSAGE,
    DraftKind.FOLLOW_UP,
    DraftKind.THANK_YOU,
)


def _aunt(circle: str) -> Contact:
    return Contact(
        id="c1",
        name="Lakshmi Iyer",
        created_at=NOW,
        updated_at=NOW,
        circle=circle,
        organization="Kaiser Permanente",
        field="nursing",
    )


@pytest.mark.parametrize("circle", ["family", "friends", "roommates", "partners"])
@pytest.mark.parametrize("kind", list(DraftKind))
@pytest.mark.parametrize("tone", [PLAIN, Tone(warmer=True)])
def test_someone_close_is_not_told_who_the_student_is(
    circle: str, kind: DraftKind, tone: Tone
) -> None:
    ctx = draft_context(MAYA, _aunt(circle), facts=FACTS)
    for variant in range(3):
        draft = offline_draft(kind, ctx, tone=tone, variant=variant)
        assert "Maya Chen" not in draft.text, draft.text
        assert "BS Computer Science" not in draft.text, draft.text
        assert check_draft(draft, ctx) == [], draft.text
        if kind in SIGNED:
            assert draft.body.rstrip().endswith("\nMaya"), draft.body


@pytest.mark.parametrize("circle", ["coworkers", "neighbors", "alumni", ""])
def test_everyone_else_still_hears_the_full_introduction(circle: str) -> None:
    ctx = draft_context(MAYA, _aunt(circle), facts=FACTS)
    draft = offline_draft(DraftKind.REQUEST_EMAIL, ctx)
    assert "I'm Maya Chen, a BS Computer Science student" in draft.body
    assert draft.body.rstrip().endswith("Maya Chen\nBS Computer Science")


@pytest.mark.parametrize("kind", [DraftKind.REQUEST_EMAIL, DraftKind.PHONE_SCRIPT])
def test_a_relative_named_by_relation_is_greeted_by_it(kind: DraftKind) -> None:
    """The brainstorm suggests typing "Aunt Rosa"; the draft said "Hello Aunt," and the phone
    script "is this Aunt?"."""
    aunt = Contact(id="c2", name="Aunt Rosa", created_at=NOW, updated_at=NOW, circle="family")
    ctx = draft_context(MAYA, aunt, facts=FACTS)
    text = offline_draft(kind, ctx).text
    assert "Aunt Rosa" in text and "Hello Aunt," not in text and "is this Aunt?" not in text


@pytest.mark.parametrize(
    ("name", "salutation", "line"),
    [
        ("Dr. Alan Brooks Jr.", "", "Dear Dr. Brooks,"),
        ("Alan Brooks, PhD", "Dr.", "Dear Dr. Brooks,"),
        ("Maria de la Cruz", "Dr.", "Dear Dr. de la Cruz,"),
    ],
)
def test_a_formal_greeting_uses_the_family_name_not_the_last_word(
    name: str, salutation: str, line: str
) -> None:
    contact = Contact(
        id="c3", name=name, created_at=NOW, updated_at=NOW, circle="alumni", salutation=salutation
    )
    ctx = draft_context(MAYA, contact, facts=FACTS)
    body = offline_draft(DraftKind.REQUEST_EMAIL, ctx, tone=Tone(formal=True)).body
    assert body.startswith(line + "\n"), body
