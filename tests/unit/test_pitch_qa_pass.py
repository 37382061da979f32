"""Domain pieces behind the /pitch QA fixes: identical lengths, placeholders, snippet starts."""

from __future__ import annotations

from bot.features.pitch.content import pitch_language
from bot.features.pitch.domain.assemble import distinct_lengths
from bot.features.pitch.domain.review import analyze
from bot.features.pitch.domain.text import placeholders, snippet

LANG = pitch_language()


def test_identical_lengths_are_kept_once_under_the_shortest() -> None:
    texts = {15: "Hi, I'm Maya.", 30: "Hi, I'm Maya. I study CS.", 60: "Hi, I'm Maya.  I study CS."}
    shown, same = distinct_lengths(texts)
    assert shown == {15: "Hi, I'm Maya.", 30: "Hi, I'm Maya. I study CS."}
    assert same == {15: [], 30: [60]}


def test_distinct_lengths_are_all_kept() -> None:
    texts = {15: "a", 30: "a b", 60: "a b c"}
    assert distinct_lengths(texts) == (texts, {15: [], 30: [], 60: []})


def test_placeholders_in_order_once_each() -> None:
    text = "I'm Priya [your example: a moment]. [add: why them] Thanks [add: why them]."
    assert placeholders(text) == ["[your example: a moment]", "[add: why them]"]
    assert placeholders("No notes here.") == []


def test_snippet_does_not_start_inside_markup() -> None:
    sentence = "Hi there, <b>Maya</b> & I study CS at Ohio State"
    start = sentence.index("I study")
    shown = snippet(sentence, start, start + len("I study"))
    assert shown.startswith("…I study CS"), shown


def test_snippet_still_starts_at_earlier_plain_words() -> None:
    sentence = "Hello, my name is Maya and I study CS at Ohio State"
    start = sentence.index("I study")
    assert snippet(sentence, start, start + 7) == "…Maya and I study CS at Ohio…"


def test_snippet_keeps_a_word_after_an_opening_quote() -> None:
    sentence = 'People call me "Maya the mapper" at work'
    start = sentence.index("the")
    assert snippet(sentence, start, start + 3, before=1).startswith("…Maya the")


def test_checklist_evidence_of_pasted_markup_starts_at_a_word() -> None:
    a = analyze(
        "Hi there, <b>Maya</b> & I study CS at Ohio State.", target_seconds=30, language=LANG
    )
    assert a.present, a
    for evidence in a.present.values():
        body = evidence.lstrip("…")
        assert not body.startswith(("b>", "b ", "/b")), evidence
