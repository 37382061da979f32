"""Names and numbers a model wrote that the data never gave it."""

from __future__ import annotations

from bot.llm.grounding import unsupported_facts

DATA = ["Maria Lopez", "Acme Robotics", "BSc Mechanical Engineering", "the robotics club", "20"]


def test_names_and_numbers_not_in_the_data_are_listed_once_in_order() -> None:
    text = (
        "Hello Maria,\n\nI found you through the Robotics Club at Stanford. I'm a student at "
        "Stanford with 3 internships. May I have 20 minutes to learn about Acme Robotics?"
    )
    assert unsupported_facts(text, DATA) == ["Stanford", "3"]


def test_sentence_starts_placeholders_possessives_and_common_words_are_not_facts() -> None:
    text = (
        "Thank you! Could we meet on Zoom next Tuesday? I'd love to hear about Acme's plans. "
        "I led [your example: a team of 4 at Google]. Best regards,\nMaria Lopez"
    )
    assert unsupported_facts(text, DATA) == []


def test_quotes_open_a_sentence_and_allowed_words_count_as_data() -> None:
    assert unsupported_facts('She said "Great idea" to Priya.', DATA) == ["Priya"]
    assert unsupported_facts("I met Priya at 9.", DATA, allowed=["Priya", "9"]) == []
