"""Drafts kept by the code before bot.store.records still load, and round-trip the same way."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import SavedDraft
from bot.store.records import from_json, to_json

OLD = {  # as SavedDraft.to_record wrote it
    "id": "1a2b3c4d",
    "kind": "thank_you",
    "contact_id": "c1",
    "subject": "Thank you for your time",
    "body": "Dear Dana, ...",
    "source": "offline",
    "created_at": "2026-11-27T17:00:00+00:00",
    "sent_at": None,
}


def test_a_draft_record_written_by_the_old_code_loads() -> None:
    saved = from_json(SavedDraft, OLD)
    assert saved.kind is DraftKind.THANK_YOU and saved.sent_at is None
    assert saved.created_at == datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    sent = from_json(SavedDraft, {**OLD, "sent_at": "2026-11-28T09:30:00+00:00", "subject": None})
    assert sent.sent_at == datetime(2026, 11, 28, 9, 30, tzinfo=UTC) and sent.subject is None


def test_the_stored_shape_keeps_its_field_names() -> None:
    record = to_json(from_json(SavedDraft, OLD))
    assert set(record) == set(OLD)
    assert record["kind"] == "thank_you"
    assert from_json(SavedDraft, record) == from_json(SavedDraft, OLD)
