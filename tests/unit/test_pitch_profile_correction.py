"""When a builder answer corrects the profile, and when it is only the pitch's own wording."""

from __future__ import annotations

import pytest

from bot.features.pitch.domain.answers import corrects


@pytest.mark.parametrize(
    ("profile", "typed"),
    [
        ("BS Comptuer Science", "BS Computer Science"),
        ("Maya Chn", "Maya Chen"),
        ("BA Psycology", "BA Psychology"),
    ],
)
def test_a_fixed_typo_is_a_correction(profile: str, typed: str) -> None:
    assert corrects(profile, typed)


@pytest.mark.parametrize(
    ("profile", "typed"),
    [
        ("Kevin Tran", "Kevin"),  # a shorter form, said in the pitch
        ("BA Cognitive Science", "junior, cognitive science w minor in CS"),  # another wording
        ("BS Comptuer Science", "bs comptuer science"),  # the same, in other capitals
        ("", "BS Computer Science"),  # nothing in the profile to correct
    ],
)
def test_a_different_way_to_say_it_is_not(profile: str, typed: str) -> None:
    assert not corrects(profile, typed)
