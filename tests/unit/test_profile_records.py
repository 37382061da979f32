"""The profile as stored: files written by earlier releases keep opening."""

from __future__ import annotations

from bot.features.profile.domain.profile import Profile
from bot.store.records import from_json, to_json


def test_a_profile_as_stored_by_earlier_releases_still_loads() -> None:
    old = {
        "name": "Ria Sen",
        "degree": "BS Physics",
        "interests": None,
        "position": "Internship",
        "timezone": "Europe/Berlin",
        "onboarded": True,
        "created_at": "2026-11-27T17:00:00+00:00",
        "added_by_a_newer_release": 1,
    }
    profile = from_json(Profile, old)
    assert profile.name == "Ria Sen" and profile.onboarded
    assert to_json(profile) == {k: v for k, v in old.items() if k != "added_by_a_newer_release"}
