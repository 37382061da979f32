"""The prep sheet's opener without a name, and a calendar file name any phone accepts."""

from __future__ import annotations

from bot.features.interviews.domain.calendar import ics_slug
from bot.features.interviews.domain.interviews import one_minute_commercial


def test_the_opener_without_a_name_never_reads_hi_im_dot() -> None:
    text = one_minute_commercial("", "BS Biology", "ecology", "Acme", "learn about field work")
    assert "I'm ." not in text and "I'm ," not in text
    assert text.startswith("Hi! I'm a BS Biology student.")
    bare = one_minute_commercial("  ", "", "", "", "learn about field work")
    assert bare.startswith("Hi! I'm exploring")


def test_the_opener_with_a_name_is_unchanged() -> None:
    text = one_minute_commercial("Maya Chen", "BS Biology", "ecology", "", "learn")
    assert text.startswith("Hi, I'm Maya Chen, a BS Biology student.")


def test_calendar_file_names_hold_letters_digits_and_dashes_only() -> None:
    assert ics_slug("Dr. Ana/Beth: O'Neil") == "dr-ana-beth-o-neil"
    assert ics_slug("José Núñez") == "jose-nunez"
    assert ics_slug("../../etc/passwd") == "etc-passwd"
    assert ics_slug("王小明") == "contact"
    assert len(ics_slug("A" * 80)) <= 30
