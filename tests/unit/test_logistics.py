"""Logistics follow the format: a call is not told to meet face to face or bring paper."""

from __future__ import annotations

from bot.features.interviews.domain.logistics import logistics_for


def test_calls_are_not_told_to_meet_or_bring_paper() -> None:
    for mode in ("video", "phone"):
        text = " ".join(logistics_for(mode)).lower()
        assert "face to face" not in text and "copy of your resume" not in text
    assert "dress" not in " ".join(logistics_for("phone")).lower()
    assert "link" in " ".join(logistics_for("video")).lower()


def test_a_visit_keeps_the_handouts_advice_and_every_format_keeps_time_and_thanks() -> None:
    visit = " ".join(logistics_for("in_person"))
    assert "dress appropriately" in visit and "copy of your resume" in visit
    for mode in ("in_person", "video", "phone", "unknown"):
        items = logistics_for(mode)
        assert items[0].startswith("Keep it to 20–30 minutes")
        assert "thank-you note the same day" in items[-1]
