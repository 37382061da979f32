"""A "warmer" draft is warmer in its sentences (opening, ask, thanks), not only the greeting
and sign-off, and still keeps every rule of the handout."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.features.contacts.domain import Contact
from bot.features.outreach.coach_offline import offline_draft
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.facts import DraftFacts, draft_context
from bot.features.outreach.domain.kinds import REQUEST_KINDS, DraftKind
from bot.features.outreach.domain.repairs import signature_lines
from bot.features.outreach.domain.rules import check_draft, has_time_ask
from bot.features.outreach.domain.text import sentences, word_count
from bot.features.outreach.domain.tone import Tone
from bot.features.profile.domain.profile import Profile

NOW = datetime(2026, 11, 27, tzinfo=UTC)
WARMER = Tone(warmer=True)
PROFILE = Profile(name="Maya Chen", degree="BS Computer Science", interests="health informatics")


def _contact(name: str = "Omar Haddad", **fields: str) -> Contact:
    values = {"organization": "Kaiser Permanente", "role": "informatics lead", "circle": "alumni"}
    values.update(fields)
    return Contact(id="c1", name=name, created_at=NOW, updated_at=NOW, **values)  # type: ignore[arg-type]


def _ctx(contact: Contact, introducer: Contact | None = None) -> DraftContext:
    facts = DraftFacts(objective="learn how you moved from nursing into health informatics")
    return draft_context(PROFILE, contact, introducer=introducer, facts=facts)


PRIYA = _contact("Priya Shah", circle="family")
CONTEXTS = {
    "alumni": _ctx(_contact()),
    "stranger": _ctx(_contact(circle="")),
    "personal": _ctx(_contact(circle="friends")),
    "took-class": _ctx(_contact("Dr. Alan Brooks", circle="faculty", notes="I took his class")),
    "referred": _ctx(
        replace(_contact(circle="introduced"), introduced_by="c0", may_use_name=True), PRIYA
    ),
    "no-org": _ctx(_contact(organization="", role="", field="", circle="online")),
}


def _body_sentences(body: str, ctx: DraftContext) -> list[str]:
    """The sentences between the greeting line and the sign-off with the signature."""
    lines = [ln for ln in body.splitlines() if ln.strip()]
    if lines and lines[0].endswith(",") and len(lines[0].split()) <= 4:
        lines = lines[1:]
    signature = set(signature_lines(ctx))
    while lines and (lines[-1] in signature or len(lines[-1].split()) <= 2):
        lines.pop()
    return sentences("\n".join(lines))


@pytest.mark.parametrize("name", sorted(CONTEXTS))
@pytest.mark.parametrize("kind", list(DraftKind))
def test_warmer_changes_the_sentences_and_keeps_every_rule(name: str, kind: DraftKind) -> None:
    ctx = CONTEXTS[name]
    for variant in range(3):
        plain = offline_draft(kind, ctx, variant=variant)
        warm = offline_draft(kind, ctx, tone=WARMER, variant=variant)
        assert check_draft(warm, ctx) == [], (name, kind, variant, warm.body)
        before, after = _body_sentences(plain.body, ctx), _body_sentences(warm.body, ctx)
        assert before and after
        if kind is not DraftKind.LINKEDIN_NOTE and kind is not DraftKind.PHONE_SCRIPT:
            assert after[0] != before[0], f"the opening is the same: {after[0]!r}"
        if kind in REQUEST_KINDS:
            ask_before = [s for s in before if has_time_ask(s)]
            ask_after = [s for s in after if has_time_ask(s)]
            assert ask_after and ask_after[0] not in ask_before, "the ask is not softer"
        assert len(set(after) - set(before)) >= 2, "warmer in more than one sentence"
        if kind is DraftKind.REQUEST_EMAIL:
            assert word_count(warm.body) < 100
            assert (
                "Would you be open" in warm.body
                or "If you're open" in warm.body
                or ("Would you have" in warm.body)
            )


def test_warmer_uses_the_students_own_interests_when_they_fit_the_person() -> None:
    informatics = offline_draft(DraftKind.REQUEST_EMAIL, CONTEXTS["alumni"], tone=WARMER).body
    assert "I'm really excited about health informatics" in informatics
    hardware = _ctx(_contact(organization="Apple", role="hardware engineer", field="hardware"))
    other = offline_draft(DraftKind.REQUEST_EMAIL, hardware, tone=WARMER).body
    assert "excited about a career in hardware" in other and "about health" not in other
