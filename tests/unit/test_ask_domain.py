"""Asking the coach, the pure parts: topics, offers, memory, which contacts a question names."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.features.ask.domain.context import contact_data, mentioned
from bot.features.ask.domain.memory import MEMORY_CHARS, TURN_CHARS, Turn, clip, remember
from bot.features.ask.domain.topics import TopicsError, classify, offers_for, parse_topics
from bot.features.ask.repository import stored_turn
from bot.features.ask.topics_data import shipped_topics
from bot.store.records import to_json


@dataclass
class C:
    name: str
    organization: str = ""
    role: str = ""
    field: str = ""
    notes: str = ""
    email: str = "x@y.z"


def test_shipped_topics_load_and_bad_entries_are_named() -> None:
    assert len(shipped_topics()) > 10
    with pytest.raises(TopicsError, match=r"topics\[0\] \(x\): unknown offers \['jobs'\]"):
        parse_topics({"topics": [{"id": "x", "cues": ["a"], "offers": ["jobs"]}]})
    with pytest.raises(TopicsError, match="needs the topics"):
        parse_topics({"topics": [{"id": "x", "cues": ["a"]}]})


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Are they hiring? Should I ask?", "job_ask"),
        ("Following up after no reply", "follow_up"),
        ("what’s a good elevator pitch", "pitch"),
        ("what is the dress code for a bank?", "meeting"),  # "code" alone would be off topic
        ("write me a poem", "off_topic"),
        ("hmm", "next_step"),
    ],
)
def test_classify(question: str, topic: str) -> None:
    assert classify(question, shipped_topics()).id == topic


def test_offers_put_commands_named_in_the_answer_first_and_stop_at_two() -> None:
    pitch = classify("elevator pitch", shipped_topics())
    assert offers_for(pitch) == ["pitch"]
    assert offers_for(pitch, "Try /draft, then /prep.") == ["draft", "prep"]
    off = classify("tell me a joke", shipped_topics())
    assert offers_for(off) == [] and offers_for(off, "see /pitch") == ["pitch"]


def test_memory_is_trimmed_by_size_oldest_first() -> None:
    turns = remember((), [Turn("student", "a" * 900)])
    assert len(turns[0].text) <= TURN_CHARS and turns[0].text.endswith("…")
    for n in range(30):
        turns = remember(turns, [Turn("student", f"q{n} " * 50), Turn("coach", "ok")])
    assert MEMORY_CHARS // 2 < sum(len(t.text) for t in turns) <= MEMORY_CHARS
    assert turns[-2].text.startswith("q29") and not any(t.text.startswith("q0 ") for t in turns)
    assert clip("short") == "short"


def test_stored_turns_load_as_written_and_a_damaged_speaker_is_the_student() -> None:
    assert stored_turn({"speaker": "coach", "text": "Hi"}) == Turn("coach", "Hi")
    assert stored_turn({"speaker": "system", "text": "x"}) == Turn("student", "x")
    assert stored_turn({"speaker": "student"}) == Turn("student", "")
    assert to_json(Turn("coach", "Hi")) == {"speaker": "coach", "text": "Hi"}


def test_mentioned_contacts_by_name_or_organization_and_no_addresses() -> None:
    people = [C("Maria Lopez", "Acme Robotics"), C("Dana Kim", "Kaiser"), C("Li", "Acme Robotics")]
    assert [c.name for c in mentioned("should I email maria?", people)] == ["Maria Lopez"]
    assert [c.name for c in mentioned("who at Acme?", people)] == ["Maria Lopez", "Li"]
    assert mentioned("what next?", people) == []
    assert "email" not in contact_data(people[0])
