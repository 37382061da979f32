"""Issue 10's pitch findings, each checked on what the student reads after pasting a pitch."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bot.features.pitch.coach_offline import build_text
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.review import analyze
from bot.features.pitch.domain.tailoring import tailored_answers
from bot.features.pitch.domain.text import count_words
from tests.support.pitch import LANG, all_lengths, offline_review

JOB_ASK = (
    "Hi, I'm Ravi Patel, an electrical engineering senior at Purdue. I love embedded systems and "
    "last summer I built firmware for a drone startup. Could you refer me for an open hardware "
    "role or pass my resume to your recruiter?"
)
SPANISH = (
    "Hola, soy Lucía Fernández, estudiante de tercer año de ingeniería industrial en la "
    "Universidad de Guadalajara. Me interesa la logística y las cadenas de suministro. El verano "
    "pasado hice prácticas en una planta de Bosch. Busco una pasantía en operaciones."
)


def test_a_pitch_that_asks_for_a_job_is_warned_and_the_cleaner_version_drops_the_ask() -> None:
    analysis, improved, html = offline_review(JOB_ASK, target_seconds=30)
    assert analysis.job_asks and "asks for a job" in html
    assert "refer me" not in improved and "resume" not in improved
    assert "drone startup" in improved


def test_a_pitch_that_says_what_role_it_seeks_is_not_warned() -> None:
    pitch = "I'm Maya, a junior in statistics. I'm looking for a summer internship in analytics."
    analysis, _, html = offline_review(pitch, target_seconds=15)
    assert analysis.job_asks == () and "asks for a job" not in html


def test_a_spanish_pitch_is_told_so_and_kept_in_its_own_words() -> None:
    analysis, improved, html = offline_review(
        SPANISH, target_seconds=30, answers=PitchAnswers(name="Lucía Fernández")
    )
    assert analysis.language == "es" and "This reads as Spanish" in html
    assert "[add:" not in improved and "Hi, I'm" not in improved
    assert improved.startswith("Hola, soy Lucía")
    assert "⬜" not in html  # no 0-of-7 English checklist


def test_fillers_the_review_flags_are_gone_from_the_cleaner_version() -> None:
    pitch = (
        "So my name is Jordan Lee and, um, I'm like a senior in psychology. I'm basically "
        "interested in UX research. I'm looking for an internship."
    )
    analysis, improved, _ = offline_review(pitch, target_seconds=30)
    assert {"so", "like", "um", "basically"} <= set(analysis.fillers)
    assert not any(f in improved.lower().split() for f in ("so", "like", "um", "basically"))
    assert "my name is Jordan Lee and I'm a senior in psychology" in improved


def test_actually_is_not_a_filler_when_it_carries_the_meaning() -> None:
    meant = analyze("I study how people actually use apps.", target_seconds=15, language=LANG)
    filler = analyze("I'm actually a psychology major.", target_seconds=15, language=LANG)
    assert "actually" not in meant.fillers and "actually" in filler.fillers


def test_shortening_keeps_the_sentence_with_the_number() -> None:
    pitch = (
        "I'm Daniel Osei, a senior in mechanical engineering at Georgia Tech, and I've been in the "
        "robotics club since my first year where I worked on a lot of different builds. I have "
        "always been fascinated by how things are made and I spend a lot of my free time "
        "tinkering with 3D printers and old bikes. At my co-op with Stryker I redesigned an "
        "assembly fixture that cut assembly time by twenty percent on the knee-implant line. I'm "
        "looking for a full-time manufacturing engineering role."
    )
    _, improved, _ = offline_review(pitch, target_seconds=30)
    assert "twenty percent" in improved
    assert count_words(improved) <= 80


@pytest.mark.parametrize(
    ("sentence", "element"),
    [
        ("I'm really interested in how your company builds medical devices.", Element.INTEREST),
        (
            "I'm excited about Deloitte's forensic practice because I like tracing money.",
            Element.INTEREST,
        ),
        ("My goal is to join a product team after I graduate.", Element.POSITION),
        ("I care most about pediatric oncology.", Element.FOCUS),
        ("During my clinical rotation I cared for six children.", Element.EXPERIENCE),
    ],
)
def test_elements_in_everyday_phrasings_are_found(sentence: str, element: Element) -> None:
    assert element in analyze(sentence, target_seconds=60, language=LANG).present


def test_a_sentence_with_an_opening_phrase_is_said_as_written_not_framed() -> None:
    pitch = (
        "I'm Grace Kim, a senior accounting major. As treasurer of the Accounting Society I "
        "rebuilt our budget tracker. Before that I spent two summers at a tax clinic. I'm hoping "
        "to find an audit internship."
    )
    _, improved, _ = offline_review(pitch, target_seconds=60)
    assert "I'm as treasurer" not in improved and "proud of is before" not in improved.lower()
    assert "As treasurer of the Accounting Society I rebuilt our budget tracker." in improved


UX = PitchAnswers(
    name="Ana Ruiz",
    identity="junior, cognitive science w minor in CS",
    focus="How people actually use apps vs. what designers think",
    position="summer UX research internship",
    leadership="ran the UX club's first design sprint w 12 people",
    experience="prepared 40 tax returns for low-income families with VITA",
)


def test_the_builder_says_shorthand_in_full_and_frames_a_wh_clause() -> None:
    for text in all_lengths(UX).values():
        assert " w " not in f" {text} " and "esp" not in text.split()
        assert "drawn to how people actually use apps" in text or (
            "interested in how people actually use apps" in text
        )
    sixty = all_lengths(UX)[60]
    assert "with 12 people" in sixty and "I prepared 40 tax returns" in sixty


def test_a_cut_never_ends_on_a_function_word_and_a_bare_experience_gets_my() -> None:
    answers = PitchAnswers(
        name="Tomás Herrera",
        identity="nursing student in my final year",
        focus="I'm interested in how cities use data to plan for climate risk.",
        position="new-grad residency in pediatrics",
        experience="clinical rotation at Lucile Packard on the oncology floor",
    )
    texts = all_lengths(answers)
    assert not any(re.search(r"\b(?:to|the|in|of|a)\.", t) for t in texts.values())
    assert "proud of is my clinical rotation" in texts[60]


def test_tailoring_a_built_pitch_does_not_say_its_sentences_twice() -> None:
    answers = replace(UX, organization="Google", interest=None, fit=None)
    built = all_lengths(UX)[60]
    tailored = build_text(tailored_answers(answers, built, target_seconds=60, language=LANG), 60)
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", tailored)]
    assert len(sentences) == len(set(sentences)), tailored
    assert tailored.count("12 people") == 1, tailored


def test_the_builder_keeps_a_brands_capital_and_reads_an_adjective_as_one() -> None:
    answers = replace(
        UX, interest="Duolingo, esp how they test features", fit="mixed methods research skills"
    )
    sixty = all_lengths(answers)[60]
    assert "Duolingo, especially how they test features" in sixty
    assert "I'd bring mixed methods research skills" in sixty and "I mixed" not in sixty
    focus = all_lengths(PitchAnswers(name="Ana", focus="Environmental policy"))[15]
    assert "interested in environmental policy" in focus


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("policy analyst role in a city housing office", "a policy analyst role in a city"),
        ("new-grad residency in pediatrics", "a new-grad residency in pediatrics"),
    ],
)
def test_a_position_with_a_place_after_it_still_gets_its_article(typed: str, said: str) -> None:
    text = all_lengths(PitchAnswers(name="Aisha Bello", position=typed))[15]
    assert f"I'm looking for {said}" in text


def test_a_cut_down_sentence_gets_its_frame_back_and_a_hyphenated_past_action_its_subject() -> None:
    answers = PitchAnswers(
        name="Aisha Bello",
        identity="second-year master's student in public policy",
        focus="housing affordability, zoning reform and how eviction data can guide outreach",
        position="policy analyst role",
        leadership="co-founded a tenants' rights clinic that has helped over 300 renters",
    )
    texts = all_lengths(answers)
    assert "Housing affordability, zoning reform." not in texts[15]
    assert "interested in housing affordability" in texts[15]
    assert "I co-founded a tenants' rights clinic" in texts[60]


def test_the_cleaner_version_drops_stuff_and_ends_a_comma_splice_with_a_full_stop() -> None:
    pasted = (
        "Uh, so I'm Kevin Tran, I study computer science at UC Davis. I think I'm kind of "
        "interested in, um, marketing or maybe business stuff. So yeah, I'm looking for a "
        "full-time role."
    )
    analysis, improved, _ = offline_review(pasted, target_seconds=30)
    assert improved.startswith("Hi, I'm Kevin Tran. I study computer science at UC Davis.")
    assert "I'm interested in marketing or business." in improved
    assert "stuff" not in improved and "Kevin Tran, I" not in improved
    assert "stuff" in analysis.fillers  # flagged in the review, so the student hears why
    kept = analyze("I love this stuff and the stuff I build.", target_seconds=15, language=LANG)
    assert "stuff" not in kept.fillers  # "this stuff" is a thing, not a filler


def test_the_cleaner_version_says_a_restated_sentence_once_and_keeps_time_words_lower_case() -> (
    None
):
    pasted = (
        "I'm Hannah Berg, a junior in journalism. I love data journalism. I love data journalism "
        "because numbers tell stories. I'm hoping to find a newsroom internship for next summer."
    )
    _, improved, _ = offline_review(pasted, target_seconds=30)
    assert improved.count("I love data journalism") == 1
    assert "I love data journalism because numbers tell stories." in improved
    assert "for next summer" in improved and "Next summer" not in improved
