"""The offline builder says the student's answers as sentences, and fits every length to the
student's own pace without cutting one in the middle (issue 10)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.text import count_words, split_sentences, word_budget
from tests.support.pitch import all_lengths

ANA = PitchAnswers(
    name="Ana Ruiz",
    identity="junior, cognitive science w minor in CS",
    focus="How people actually use apps vs. what designers think",
    position="summer UX research internship",
    experience="Understanding why users do what they do, from psych research methods.",
    leadership="ran the UX club's first design sprint w 12 people",
    interest="Duolingo, esp how they test features",
    fit="mixed methods research skills",
)
AISHA = PitchAnswers(
    name="Aisha Bello",
    identity="second-year master's student in public policy at the Goldman School, focusing on "
    "housing and land use",
    focus="housing affordability, zoning reform and how eviction data can guide tenant outreach "
    "in cities like Oakland and San Francisco",
    position="policy analyst role in a city housing office",
    experience="two years at the San Francisco Planning Department, where I analyzed eviction "
    "data for 11 neighborhoods and wrote the memo that shaped the 2024 tenant outreach program",
)
KEVIN = PitchAnswers(
    name="Kevin Tran",
    identity="CS senior @ UC Davis",
    focus="backend systems esp distributed stuff",
    position="new grad SWE role",
    experience="interned at intuit, built internal tool for payroll dept",
    leadership="TA for intro CS, 2 qtrs",
)
GRACE = PitchAnswers(
    name="Grace Kim",
    identity="a senior accounting major at San José State",
    focus="forensic accounting",
    position="an audit or forensic internship for next summer",
    experience="prepared 40 tax returns for low-income families with VITA",
)


def test_a_long_gerund_answer_gets_a_frame_not_a_line_of_its_own() -> None:
    text = all_lengths(ANA, 150)[30]
    assert "Hi, I'm Ana Ruiz — a junior in cognitive science with a minor in CS." in text
    assert "drawn to how people actually use apps versus what designers think." in text
    assert "One thing I'm proud of is understanding why users do what they do" in text
    assert "psych " not in text and "vs." not in text
    assert not any(s.startswith("Understanding") for s in split_sentences(text))


def test_noun_phrases_with_a_verb_inside_are_not_said_as_sentences() -> None:
    texts = all_lengths(AISHA, 150)
    assert texts[60].startswith(
        "Hi, I'm Aisha Bello — a second-year master's student in public policy at the Goldman "
        "School, focusing on housing and land use. Lately I've been drawn to housing "
        "affordability, zoning reform and how eviction data can guide tenant outreach in cities"
    )
    # cut to fit 15 s, the list keeps its "and"
    assert "I'm interested in housing affordability and zoning reform." in texts[15]


def test_chat_answers_become_sentences_with_articles_and_the_company_capitalised() -> None:
    text = all_lengths(KEVIN, 140)[60]
    assert "Hi, I'm Kevin Tran — a CS senior at UC Davis." in text
    assert "drawn to backend systems, especially distributed ones." in text
    assert "I interned at Intuit and built an internal tool for the payroll department." in text
    assert "I have been a TA for introductory computer science for 2 quarters." in text
    assert "stuff" not in text and "intuit" not in text


@pytest.mark.parametrize("seconds", [15, 30, 60])
def test_clipped_words_and_jargon_are_said_in_full_at_every_length(seconds: int) -> None:
    text = all_lengths(KEVIN, 140)[seconds]
    assert "I'm looking for a new-grad software engineering role." in text
    assert "SWE" not in text and "intro CS" not in text and "new grad " not in text
    priya = PitchAnswers(name="Priya Nair", identity="sophomore, econ w minor in data science")
    said = all_lengths(priya, 150)[seconds]
    assert "a sophomore in economics with a minor in data science" in said


def test_a_subject_alone_is_said_as_what_they_study() -> None:
    text = all_lengths(PitchAnswers(name="Ria", identity="Economics"), 150)[15]
    assert text.startswith("Hi, I'm Ria, and I'm studying Economics.")
    none = all_lengths(PitchAnswers(identity="sophomore in biology", focus="public health"))[15]
    assert none.startswith("Hi! I'm a sophomore in biology.")


def test_not_sure_yet_is_not_said_as_the_position() -> None:
    text = all_lengths(PitchAnswers(name="Sofia Rossi", position="Not sure yet"), 150)[30]
    assert "not sure" not in text.lower()


def _whole_sentences(text: str) -> None:
    for sentence in split_sentences(text):
        assert sentence[0].isupper() and sentence[-1] in ".?!", sentence
        last = sentence.rstrip(".?!").split()[-1].lower()
        assert last not in {"a", "an", "the", "to", "of", "in", "for", "with", "and"}, sentence


@pytest.mark.parametrize("wpm", [110, 130, 150, 180])
def test_every_length_fits_the_students_pace_in_whole_sentences(wpm: int) -> None:
    for answers in (ANA, AISHA, KEVIN, GRACE):
        for seconds, text in all_lengths(answers, wpm).items():
            _whole_sentences(text)
            assert count_words(text) <= word_budget(seconds, wpm), (wpm, seconds, text)


def test_a_long_core_is_cut_by_whole_clauses_and_the_closing_question_shortened() -> None:
    text = all_lengths(ANA, 110)[15]
    assert text == (
        "Hi, I'm Ana Ruiz — a junior. I'm interested in how people actually use apps. I'm "
        "looking for a summer UX research internship. How did you get started?"
    )


def test_the_slow_speakers_fifteen_seconds_keep_every_core_element() -> None:
    text = all_lengths(GRACE, 110)[15]
    assert count_words(text) <= word_budget(15, 110) == 28
    assert text == (
        "Hi, I'm Grace Kim — a senior accounting major. I'm interested in forensic accounting. "
        "I'm looking for an audit or forensic internship. How did you get into forensic "
        "accounting?"
    )


def test_a_company_typed_in_lower_case_or_standing_alone_keeps_its_capital() -> None:
    answers = PitchAnswers(
        name="Priya Nair",
        identity="sophomore, econ w minor in data science",
        focus="fintech esp payments stuff",
        experience="interned at deloitte, built dashboard for audit team",
        interest="Stripe, esp how they price risk",
    )
    text = all_lengths(answers, 150)[60]
    assert "Hi, I'm Priya Nair — a sophomore in economics with a minor in data science." in text
    assert "drawn to fintech, especially payments." in text
    assert "I interned at Deloitte and built a dashboard for the audit team." in text
    assert "What stands out to me is Stripe, especially how they price risk." in text


def test_an_experience_opening_with_what_they_did_is_said_with_i() -> None:
    answers = PitchAnswers(
        name="Lucía Fernández",
        identity="nursing student, final year",
        experience="counted cyclists at 14 intersections for a county traffic study",
    )
    text = all_lengths(answers, 150)[30]
    assert "— a nursing student in my final year." in text
    assert "I counted cyclists at 14 intersections for a county traffic study." in text


def test_an_answer_typed_as_several_pieces_is_said_as_several_sentences() -> None:
    answers = PitchAnswers(
        name="Kim Park",
        identity="Second-year MBA student. I focus on fintech.",
        focus="AI. Especially safety.",
        experience="Interned at Intuit last summer. Built an internal tool for payroll.",
        leadership="Leading the robotics club. 20 members.",
    )
    text = all_lengths(answers, 150)[60]
    assert text.startswith("Hi, I'm Kim Park — a second-year MBA student. I focus on fintech.")
    assert "Lately I've been drawn to AI, especially safety." in text
    assert "I interned at Intuit last summer. I built an internal tool for payroll." in text
    assert "Outside class, I'm leading the robotics club with 20 members." in text
    _whole_sentences(text)


def test_a_past_tense_without_ed_is_still_something_they_did() -> None:
    text = all_lengths(PitchAnswers(experience="Got into coding at 12 and never stopped."))[30]
    assert "I got into coding at 12 and never stopped." in text
    assert "my got" not in text


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("interned at goldman sachs last summer", "I interned at Goldman Sachs last summer."),
        ("interned at morgan stanley", "I interned at Morgan Stanley."),
        ("worked at intuit full time", "I worked at Intuit full time."),
        ("worked at the food bank", "I worked at the food bank."),
    ],
)
def test_a_company_of_several_words_is_capitalised_whole(typed: str, said: str) -> None:
    assert said in all_lengths(replace(KEVIN, experience=typed), 140)[60]


@pytest.mark.parametrize(
    ("identity", "said"),
    [
        ("Junior studying psych", "Hi, I'm Kevin Tran — a junior studying psychology."),
        ("final-year BSc Economics", "Hi, I'm Kevin Tran — a final-year BSc Economics student."),
        (
            "BA Economics, junior at Ohio State",
            "Hi, I'm Kevin Tran — a BA Economics student, in my junior year at Ohio State.",
        ),
        ("CS senior @ UC Davis", "Hi, I'm Kevin Tran — a CS senior at UC Davis."),
        ("Economics", "Hi, I'm Kevin Tran, and I'm studying Economics."),
    ],
)
def test_the_pitch_introduces_the_student_as_the_drafts_do(identity: str, said: str) -> None:
    # one rule for both (self_introduction): the pitch and the email never disagree
    text = all_lengths(PitchAnswers(name="Kevin Tran", identity=identity, focus="fintech"))[30]
    assert text.startswith(said), text
    assert "studying junior" not in text and "studying final-year" not in text


def test_a_name_and_an_organization_typed_in_lower_case_get_their_capitals() -> None:
    answers = replace(
        KEVIN,
        name="kevin tran",
        organization="epic systems",
        interest="its work on patient records",
    )
    text = all_lengths(answers)[60]
    assert text.startswith("Hi, I'm Kevin Tran — a CS senior at UC Davis."), text
    assert "What draws me to Epic Systems is its work on patient records." in text
    assert "kevin tran" not in text and "epic systems" not in text
