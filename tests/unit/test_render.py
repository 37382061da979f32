"""Escaping, splitting and signed callback data."""

from __future__ import annotations

import pytest

from bot.render.callbacks import CallbackCodec, CallbackTooLong, load_secret
from bot.render.html import MESSAGE_LIMIT, esc, split_message, visible_len
from tests.fakes.telegram_rules import html_errors


def test_escape_makes_user_text_safe_html() -> None:
    text = esc("<script>alert('x')</script> & <b>")
    assert html_errors(text) == []
    assert "<" not in text


def test_short_message_is_not_split() -> None:
    assert split_message("<b>Hi</b>\n\nthere") == ["<b>Hi</b>\n\nthere"]


def test_long_message_splits_at_paragraphs_within_the_visible_limit() -> None:
    paragraph = "<b>Tip</b> " + "word " * 150
    text = "\n\n".join(paragraph.strip() for _ in range(12))
    pieces = split_message(text)
    assert len(pieces) > 1
    assert all(visible_len(p) <= MESSAGE_LIMIT for p in pieces)
    assert all(html_errors(p) == [] for p in pieces)
    assert "\n\n".join(pieces) == text


def test_a_giant_paragraph_is_split_at_words() -> None:
    text = "word " * 2000
    pieces = split_message(text.strip())
    assert all(visible_len(p) <= MESSAGE_LIMIT for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_tags_do_not_count_towards_the_limit() -> None:
    text = "<b>" + "a" * 4000 + "</b>" + "&amp;" * 90
    assert visible_len(text) == 4090
    assert split_message(text) == [text]


def test_callback_round_trip_and_user_binding() -> None:
    codec = CallbackCodec(b"secret")
    data = codec.encode(42, "ct", "open", "a1b2c3d4")
    assert len(data.encode()) <= 64
    decoded = codec.decode(42, data)
    assert decoded is not None and decoded.action == "ct" and decoded.args == ("open", "a1b2c3d4")
    assert codec.decode(43, data) is None
    assert codec.decode(42, data.replace("a1b2", "ffff")) is None
    assert codec.decode(42, "garbage") is None
    assert CallbackCodec(b"other").decode(42, data) is None


def test_callback_refuses_data_over_64_bytes() -> None:
    with pytest.raises(CallbackTooLong):
        CallbackCodec(b"s").encode(1, "x", "é" * 30)


def test_secret_is_created_once_and_kept(tmp_path) -> None:
    first = load_secret(tmp_path)
    assert load_secret(tmp_path) == first
    assert len(first) == 32


def test_a_long_blockquote_is_closed_and_reopened_across_pieces() -> None:
    lines = "\n".join(
        f"Nov {i % 28 + 1} — we talked about robotics and next steps" for i in range(200)
    )
    text = f"<b>Maria Lopez</b>\n\n<blockquote expandable>{lines}</blockquote>\n\nDone."
    pieces = split_message(text)
    assert len(pieces) > 1
    for piece in pieces:
        assert html_errors(piece) == [], piece[:80]
        assert visible_len(piece) <= MESSAGE_LIMIT
    assert pieces[1].startswith("<blockquote expandable>")


def test_a_tag_with_attributes_is_never_cut_at_its_space() -> None:
    text = "<blockquote expandable>" + "word " * 1500 + "</blockquote>"
    pieces = split_message(text.replace("\n", " "))
    assert all(html_errors(p) == [] for p in pieces)
