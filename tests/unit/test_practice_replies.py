"""Practice feedback judges the student's reply to the follow-up, not only its keywords.

Issue 10: "a follow-up caught you without an answer" came right after an answer. A reply to the
only question asked answers it; "I'm not sure" is named as no answer; a question Claude wrote
is judged by whether the student replied.
"""

from __future__ import annotations

import json

import pytest

from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.language import PitchLanguageError, parse_pitch_language
from bot.features.pitch.domain.practice import FollowUpReply, practice_feedback
from bot.resources import resource_dir
from tests.support.pitch import LANG

THIN = "I'm Maya, I study environmental science and I love climate data."


def test_a_reply_to_the_only_question_asked_answers_it() -> None:
    opening = (
        "I'm Maya, a junior in environmental science. I love climate data and I worked at NOAA."
    )
    fb = practice_feedback(
        opening, ["Something in water policy."], target_seconds=30, language=LANG
    )
    assert fb.asked_about == (Element.POSITION,)
    assert fb.reply == FollowUpReply.GIVEN and fb.answered == (Element.POSITION,)
    assert fb.open_questions == () and Element.POSITION in fb.later


@pytest.mark.parametrize("dodge", ["I'm not sure yet.", "No idea, honestly.", "Good question!"])
def test_a_reply_with_no_answer_in_it_is_a_dodge(dodge: str) -> None:
    fb = practice_feedback(THIN, [dodge], language=LANG)
    assert fb.reply == FollowUpReply.DODGED and fb.answered == ()
    assert Element.POSITION in fb.still_missing


def test_not_sure_followed_by_an_answer_is_an_answer() -> None:
    fb = practice_feedback(THIN, ["Not sure yet, maybe an internship in policy."], language=LANG)
    assert fb.reply == FollowUpReply.GIVEN and fb.answered == (Element.POSITION,)
    assert fb.open_questions == ("What have you worked on so far that connects to that?",)


def test_a_follow_up_claude_wrote_is_judged_by_the_reply() -> None:
    fb = practice_feedback(
        THIN,
        ["Mostly cleaning survey data."],
        follow_up="What data have you worked with?",
        language=LANG,
    )
    assert fb.asked_about == () and fb.reply == FollowUpReply.GIVEN and fb.open_questions == ()
    ended = practice_feedback(THIN, [], follow_up="What data have you worked with?", language=LANG)
    assert ended.reply == FollowUpReply.NONE


def test_the_language_file_names_a_bad_practice_answers_entry() -> None:
    raw = json.loads((resource_dir("data") / "pitch_language.json").read_text(encoding="utf-8"))
    raw["practice"]["answers"]["hobbies"] = ["chess"]
    with pytest.raises(PitchLanguageError, match=r"practice\.answers: unknown \['hobbies'\]"):
        parse_pitch_language(raw)
    del raw["practice"]["answers"]["hobbies"]
    raw["practice"]["non_answers"] = []
    with pytest.raises(PitchLanguageError, match="non_answers"):
        parse_pitch_language(raw)


HARD_WORKER = "Hi, I'm Jordan, I'm a sophomore and I'm a hard worker."


def test_a_date_is_not_the_example_a_vague_claim_asked_for() -> None:
    # "this summer" is an experience cue, but it says when, not what showed the claim
    fb = practice_feedback(
        HARD_WORKER, ["An internship in sustainable investing this summer."], language=LANG
    )
    assert fb.example_for == "hard worker"
    assert not fb.example_given and "hard worker" in fb.vague_claims


@pytest.mark.parametrize(
    "reply",
    [
        "Last summer I tutored twenty kids in math at the Eastside library.",
        "For example, I ran the food drive on my own when our lead got sick.",
        "I organized our club's fundraiser.",
    ],
)
def test_a_concrete_moment_is_the_example(reply: str) -> None:
    fb = practice_feedback(HARD_WORKER, [reply], language=LANG)
    assert fb.example_given and "hard worker" not in fb.vague_claims


@pytest.mark.parametrize("dodge", ["idk", "dunno", "n/a", "Honestly idk yet."])
def test_chat_shorthand_for_no_answer_is_a_dodge(dodge: str) -> None:
    fb = practice_feedback(THIN, [dodge], language=LANG)
    assert fb.reply == FollowUpReply.DODGED and fb.answered == ()
