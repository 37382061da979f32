"""Regressions found walking /pitch as a student: wording, greetings, practice, tailoring."""

from __future__ import annotations

import pytest

from bot.features.pitch.coach_offline import build_text
from bot.features.pitch.content import pitch_language
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.parts import spoken_position
from bot.features.pitch.domain.practice import practice_feedback, practice_follow_ups
from bot.features.pitch.domain.review import analyze
from bot.features.pitch.domain.tailoring import tailored_answers
from bot.features.profile.domain.profile import Profile
from tests.support.pitch import all_lengths, offline_review
from tests.support.pitch_samples import GOOD_60

LANG = pitch_language()


@pytest.mark.parametrize(
    ("button", "said"),
    [
        ("Internship", "I'm looking for an internship."),
        ("Co-op", "I'm looking for a co-op."),
        ("First full-time role", "I'm looking for my first full-time role."),
    ],
)
def test_onboarding_position_buttons_read_as_speech(button: str, said: str) -> None:
    answers = PitchAnswers.from_profile(Profile(name="Sam", degree="BS Biology", position=button))
    assert said in build_text(answers, 15)


def test_not_sure_yet_is_never_said_out_loud() -> None:
    answers = PitchAnswers.from_profile(Profile(name="Sam", position="Not sure yet"))
    assert answers.position is None
    for text in all_lengths(answers.with_answer(Element.FOCUS, "robotics")).values():
        assert "not sure" not in text.lower()


def test_spoken_position_leaves_written_phrases_alone() -> None:
    assert spoken_position("summer internship") == "a summer internship"
    assert spoken_position("a Google internship") == "a Google internship"
    assert spoken_position("data analyst roles") == "data analyst roles"


@pytest.mark.parametrize("field", ["nursing", "engineering", "marketing", "consulting"])
def test_fields_ending_in_ing_are_not_verbs(field: str) -> None:
    answers = PitchAnswers(
        name="Lee", identity=f"{field}, year 3", position=f"{field} internships", focus="people"
    )
    for text in all_lengths(answers).values():
        assert f"I'm {field}" not in text and f"and I'm {field}" not in text


@pytest.mark.parametrize(
    ("name", "pitch"),
    [
        (
            "Maya Chen",
            "Hi, I'm Maya and I'm really interested in climate data. "
            "I'm looking for a summer internship in sustainability analytics.",
        ),
        (
            "Margaret Chen",
            "Hi, I'm Maya, a third-year environmental science major. "
            "I'm looking for a summer internship.",
        ),
        (
            "Maya Chen",
            "Good morning, I'm Maya Chen, a nursing student. "
            "I'm looking for a summer externship in a hospital.",
        ),
        (
            None,
            "Hi! Hi, I'm Maya Chen, a nursing student. "
            "I'm looking for a summer externship in a hospital. Hi, nice to meet you.",
        ),
    ],
)
def test_improved_version_greets_and_introduces_once(name: str | None, pitch: str) -> None:
    answers = PitchAnswers(name=name) if name else None
    for target in (15, 30, 60):
        _, improved, _ = offline_review(pitch, target_seconds=target, answers=answers)
        lowered = improved.lower()
        assert improved.startswith("Hi, ")
        assert lowered.count("hi,") == 1 and "good morning" not in lowered
        assert "nice to meet" not in lowered
        assert lowered.count("i'm maya") + lowered.count("i'm margaret") == 1


def test_practice_feedback_only_credits_questions_that_were_asked() -> None:
    opening = "I'm Maya and I like climate data a lot, I am passionate."
    asked = practice_follow_ups(analyze(opening, target_seconds=60, language=LANG), language=LANG)
    fb = practice_feedback(opening, ["I want an internship."], language=LANG)
    assert len(asked) == 2 and "passionate" in asked[0]
    assert fb.asked_about == (Element.POSITION,)  # the other question was about "passionate"
    assert fb.answered == (Element.POSITION,)


def test_tailoring_a_pasted_pitch_keeps_its_content() -> None:
    answers = PitchAnswers(
        organization="Riverside Water",
        interest="their flood maps that residents can actually read",
        fit="I can turn sensor data into maps people use",
    )
    text = build_text(tailored_answers(answers, GOOD_60, target_seconds=60, language=LANG), 60)
    assert "120 storm drains" in text and "Riverside Water" in text
    assert "flood maps that residents can actually read" in text
    assert "flood-resilience work in Riverside" not in text  # the old interest was for others


def test_a_full_sentence_answer_is_said_as_written_not_framed() -> None:
    from bot.features.pitch.domain.parts import PartKind, part_kind

    sentence = "Hospitals need people who can turn messy records into decisions."
    assert part_kind(sentence, language=LANG) == PartKind.SENTENCE
    assert (
        part_kind("a summer internship in sustainability analytics", language=LANG)
        == PartKind.PHRASE
    )
    assert part_kind("turning messy records into decisions", language=LANG) == PartKind.ING


def test_a_typed_list_of_interests_is_spoken_with_and() -> None:
    from bot.features.pitch.domain.answers import spoken_list

    assert spoken_list("health informatics, data science") == "health informatics and data science"
    assert spoken_list("robotics, design, consulting") == "robotics, design and consulting"
    hedged = "robotics or design, maybe consulting"
    assert spoken_list(hedged) == hedged
    assert spoken_list("machine learning") == "machine learning"
