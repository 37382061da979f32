"""The offline coach's topic answers read as sentences a careful counselor would sign.

Issue 10: the "questions" answer said "• closing: whom else to speak with (and may you use their
name), and may you contact them again." Every list item is now a full sentence, with no asides
in parentheses and no "may you".
"""

from __future__ import annotations

import re

import pytest

from bot.features.ask.domain.topics import classify
from bot.features.ask.topics_data import shipped_topics
from bot.features.profile.domain.profile import Profile
from bot.render.html import visible_text
from bot.render.templates import render

PROFILES = (Profile(), Profile(name="Maya Chen", interests="health informatics"))
_ITEM = re.compile(r"^(?:•|\d+\.)\s*")
_ENDS = re.compile(r"[.!?][\"”']?$")


def _answer(topic: str, profile: Profile) -> str:
    return visible_text(render(f"ask/offline/{topic}.html.j2", profile=profile))


def test_every_topic_has_an_offline_answer() -> None:
    assert len(shipped_topics()) == 15
    for topic in shipped_topics():
        assert _answer(topic.id, Profile()).strip(), topic.id


@pytest.mark.parametrize("topic", [t.id for t in shipped_topics()])
def test_every_line_of_an_offline_answer_reads_as_a_sentence(topic: str) -> None:
    for profile in PROFILES:
        text = _answer(topic, profile)
        assert not re.search(r"\bmay you\b", text, re.IGNORECASE), text
        assert "(" not in text and ")" not in text, f"an aside in parentheses: {text}"
        for line in filter(None, (line.strip() for line in text.splitlines())):
            item = _ITEM.sub("", line)
            assert item[:1].isupper(), f"{topic}: starts in lower case: {line!r}"
            if _ITEM.match(line):
                assert _ENDS.search(item), f"{topic}: a list item that is no sentence: {line!r}"
                assert len(item.split()) >= 5, f"{topic}: a fragment: {line!r}"
            else:
                assert _ENDS.search(item) or item.endswith(":"), f"{topic}: {line!r}"


def test_the_questions_answer_closes_as_a_counselor_would_say_it() -> None:
    text = _answer("questions", Profile())
    assert (
        "• To close: ask who else they'd suggest you talk to, whether you may mention their "
        "name, and whether you may stay in touch." in text
    )


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Why does networking even matter?", "networking"),
        ("is networking worth it?", "networking"),
        ("how do I start networking?", "networking"),
        ("how do I grow my network?", "people"),
        ("I have no network at all", "people"),
    ],
)
def test_a_question_about_networking_itself_gets_the_networking_answer(
    question: str, topic: str
) -> None:
    assert classify(question, shipped_topics()).id == topic
