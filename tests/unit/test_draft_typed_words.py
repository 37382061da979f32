"""Offline drafts say what the student typed in a letter's words: whole sentences for the offer
of a call, "a CS senior at UC Davis", "Priya Shah" at "Intuit", and "you" for "u"."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

import pytest

from bot.features.contacts.domain import Contact
from bot.features.outreach.coach_offline import offline_draft
from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.display import (
    display_name,
    display_organization,
    written,
    written_field,
    written_role,
)
from bot.features.outreach.domain.facts import DraftFacts, draft_context
from bot.features.outreach.domain.introductions import self_introduction
from bot.features.outreach.domain.kinds import LINKEDIN_NOTE_LIMIT, DraftKind
from bot.features.outreach.domain.rules import check_draft
from bot.features.outreach.domain.text import sentences, word_count
from bot.features.outreach.domain.tone import PLAIN, Tone
from bot.features.profile.domain.profile import Profile

NOW = datetime(2026, 12, 2, tzinfo=UTC)
WARMER, FORMAL, SHORTER = Tone(warmer=True), Tone(formal=True), Tone(shorter=True)
TONES = (PLAIN, WARMER, FORMAL, SHORTER)
KEVIN = Profile(name="Kevin Tran", degree="CS senior @ UC Davis")
PRIYA = Contact(
    "c1",
    "priya shah",
    NOW,
    NOW,
    organization="intuit",
    role="sr software eng",
    field="payments",
    circle="coworkers",
)
HURRIED = "hear how u moved from backend work into payments"
LONG_DEGREE = "BS Computer Science, San Jose State University"
HAPPY = "I'm happy to talk by phone or video, whenever suits you."
GLAD = "I'm glad to talk by phone or video, whenever suits you."
WHATEVER = "Whatever suits you works for me: phone, video or in person."


def _ctx(
    profile: Profile = KEVIN, contact: Contact = PRIYA, objective: str = HURRIED
) -> DraftContext:
    return draft_context(profile, contact, facts=DraftFacts(objective=objective, highlight=""))


# --- the offer of a call is a sentence ------------------------------------------------------

# "Phone or video, whenever suits you.": the ways to meet, then a comma, and no verb at all.
_FRAGMENT = re.compile(r"^(?:Phone or video|Phone, video or in person), (?:whenever|at)\b")


@pytest.mark.parametrize(
    "kind", [DraftKind.LINKEDIN_NOTE, DraftKind.REQUEST_EMAIL, DraftKind.FOLLOW_UP]
)
def test_the_offer_of_phone_or_video_is_a_whole_sentence(kind: DraftKind) -> None:
    ctx = _ctx(objective="learn how teams choose payment providers")
    for tone, variant in itertools.product(TONES, range(3)):
        body = offline_draft(kind, ctx, tone=tone, variant=variant).body
        fragments = [s for s in sentences(body) if _FRAGMENT.match(s)]
        assert not fragments, (tone, variant, body)


@pytest.mark.parametrize(
    ("kind", "tone", "variant", "sentence"),
    [
        (DraftKind.LINKEDIN_NOTE, PLAIN, 0, HAPPY),
        (DraftKind.LINKEDIN_NOTE, WARMER, 0, HAPPY),
        (DraftKind.REQUEST_EMAIL, WARMER, 0, WHATEVER),
        (DraftKind.FOLLOW_UP, WARMER, 0, GLAD),
        (DraftKind.FOLLOW_UP, PLAIN, 1, "Either phone or video works for me."),
    ],
)
def test_each_offer_says_it_in_full(
    kind: DraftKind, tone: Tone, variant: int, sentence: str
) -> None:
    ctx = _ctx(objective="learn how teams choose payment providers")
    assert sentence in offline_draft(kind, ctx, tone=tone, variant=variant).body


def test_a_note_that_would_run_long_says_the_offer_in_fewer_words_and_still_fits() -> None:
    objective = "hear how you moved from backend work into payments at scale"
    ctx = _ctx(Profile(name="Kevin Tran", degree=LONG_DEGREE), objective=objective)
    for tone, variant in itertools.product((PLAIN, WARMER, FORMAL), range(3)):
        note = offline_draft(DraftKind.LINKEDIN_NOTE, ctx, tone=tone, variant=variant)
        assert len(note.body) <= LINKEDIN_NOTE_LIMIT, (tone, variant, note.body)
        assert re.search(r"phone or video", note.body), note.body
        assert check_draft(note, ctx) == []


@pytest.mark.parametrize(
    "degree",
    [LONG_DEGREE, "junior, cognitive science w/ minor in CS"],
)
def test_requests_stay_under_a_hundred_words(degree: str) -> None:
    ana = Contact("c2", "maria santos", NOW, NOW, organization="bank of america", circle="alumni")
    ctx = _ctx(Profile(name="Ana Silva", degree=degree), ana, "learn abt ur path w/ the team")
    for tone, variant in itertools.product(TONES, range(3)):
        email = offline_draft(DraftKind.REQUEST_EMAIL, ctx, tone=tone, variant=variant)
        assert word_count(email.body) < 100, (tone, variant, email.body)
        assert check_draft(email, ctx) == []


# --- who the student is ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("degree", "said"),
    [
        ("CS senior @ UC Davis", "a CS senior at UC Davis"),
        # a degree, then the class year: the year is said as the year it is
        (
            "BA Economics, junior at Ohio State",
            "a BA Economics student, in my junior year at Ohio State",
        ),
        (
            "MS Statistics, first-year at Purdue",
            "an MS Statistics student, in my first year at Purdue",
        ),
        ("BS Computer Science, senior", "a BS Computer Science student, in my senior year"),
        ("CS senior at UC Davis", "a CS senior at UC Davis"),
        ("Senior, Computer Science", "a senior in Computer Science"),
        ("Senior, UC Davis", "a senior at UC Davis"),
        (
            "junior, cognitive science w/ minor in CS",
            "a junior in cognitive science with a minor in CS",
        ),
        ("Second-year MBA student", "a second-year MBA student"),
        ("final-year BSc Economics", "a final-year BSc Economics student"),
        ("first-year at Stanford University", "a first-year at Stanford University"),
        ("Junior studying CS", "a junior studying CS"),
        ("master's student", "a master's student"),
        ("PhD student in Sociology", "a PhD student in Sociology"),
        ("BS Computer Science at UC Davis", "a BS Computer Science student at UC Davis"),
        # shapes that already read well stay as they were
        ("BS Computer Science", "a BS Computer Science student"),
        ("BS Economics, minor in Math", "a BS Economics student with a minor in Math"),
        ("MBA candidate", "an MBA candidate"),
        ("Economics", "studying Economics"),
    ],
)
def test_a_class_year_is_said_as_who_the_student_is(degree: str, said: str) -> None:
    assert self_introduction(degree) == said


def test_the_draft_introduces_a_cs_senior_as_one() -> None:
    body = offline_draft(DraftKind.REQUEST_EMAIL, _ctx()).body
    assert "I'm Kevin Tran, a CS senior at UC Davis, and" in body
    assert "studying CS senior" not in body


# --- names the student typed in lower case --------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("priya shah", "Priya Shah"),
        ("maria de la cruz", "Maria de la Cruz"),
        ("ludwig van beethoven", "Ludwig van Beethoven"),
        ("sean o'brien", "Sean O'Brien"),
        ("josé garcía-lópez", "José García-López"),
        ("dr. alan brooks", "Dr. Alan Brooks"),
        ("alan brooks jr", "Alan Brooks Jr"),
        ("van morrison", "Van Morrison"),  # a particle opening a name is the given name
        ("danah boyd", "Danah Boyd"),  # all lower case: a choice we cannot know from the typing
        ("danah Boyd", "danah Boyd"),  # any capital: the student chose, kept as typed
        ("DJ Patil", "DJ Patil"),
    ],
)
def test_a_name_typed_all_in_lower_case_gets_its_capitals(typed: str, shown: str) -> None:
    assert display_name(typed) == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("intuit", "Intuit"),
        ("bank of america", "Bank of America"),
        ("the new york times", "The New York Times"),
        ("kpmg", "KPMG"),
        ("hewlett-packard", "Hewlett-Packard"),
        ("eBay", "eBay"),
        ("Kaiser Permanente", "Kaiser Permanente"),
        # initialisms with a vowel, which read "Ibm" and "Nyu Langone" before
        ("ibm", "IBM"),
        ("nyu langone", "NYU Langone"),
        ("mit media lab", "MIT Media Lab"),
        ("at&t", "AT&T"),
    ],
)
def test_an_organization_typed_in_lower_case_gets_its_capitals(typed: str, shown: str) -> None:
    assert display_organization(typed) == shown


def test_the_draft_greets_priya_and_names_intuit() -> None:
    email = offline_draft(DraftKind.REQUEST_EMAIL, _ctx(), tone=WARMER).body
    assert email.startswith("Hi Priya,") and "what drew you to Intuit." in email
    script = offline_draft(DraftKind.PHONE_SCRIPT, _ctx()).body
    assert "Phone script: Priya Shah, Intuit" in script and "is this Priya?" in script
    thanks = draft_context(
        KEVIN, PRIYA, facts=DraftFacts(objective=HURRIED, highlight="the payments launch story")
    )
    assert "priya" not in offline_draft(DraftKind.THANK_YOU, thanks).body


def test_the_student_signs_with_their_name_capitalised() -> None:
    ctx = _ctx(Profile(name="kevin tran", degree="CS senior @ UC Davis"))
    assert offline_draft(DraftKind.REQUEST_EMAIL, ctx).body.splitlines()[-2] == "Kevin Tran"


# --- chat register --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written_as"),
    [
        (HURRIED, "hear how you moved from backend work into payments"),
        ("learn abt ur path w/ the team", "learn about your path with the team"),
        ("ask bc i wanna know, pls", "ask because i want to know, please"),
        ("thx for the tips @ the fair", "thanks for the tips at the fair"),
        ("talk w/o a script b4 the fair", "talk without a script before the fair"),
        ("learn about U.S. payments and UR's lab", "learn about U.S. payments and UR's lab"),
    ],
)
def test_chat_shorthand_is_written_out(typed: str, written_as: str) -> None:
    assert written(typed) == written_as


def test_a_job_title_and_a_field_are_written_out() -> None:
    assert written_role("sr software eng") == "senior software engineer"
    assert written_role("eng manager") == "eng manager"  # engineer or engineering: not known
    assert written_role("ux research mgr") == "UX research manager"
    assert written_field("ux research") == "UX research"
    assert written_field("it consulting") == "it consulting"  # "it" is also a word


def test_the_draft_asks_in_plain_words() -> None:
    note = offline_draft(DraftKind.LINKEDIN_NOTE, _ctx()).body
    assert "to hear how you moved from backend work into payments?" in note
    assert not re.search(r"(?<!\w)(?:u|ur|@|w/)(?!\w)", note), note


@pytest.mark.parametrize(
    ("typed", "written_as"),
    [
        # a capitalised clipping before a capitalised word is part of a name: kept as typed
        ("what the Bio Club does", "what the Bio Club does"),
        ("met you at Info Session Day", "met you at Info Session Day"),
        ("as a CHEM 101 TA", "as a CHEM 101 TA"),
        # typed in lower case it is chat, said in full
        ("what the bio club does", "what the biology club does"),
    ],
)
def test_a_clipped_word_in_a_name_stays_as_typed(typed: str, written_as: str) -> None:
    assert written(typed) == written_as


def test_the_draft_keeps_the_name_of_the_club() -> None:
    objective = "hear how the Bio Club's mentoring program started"
    email = offline_draft(DraftKind.REQUEST_EMAIL, _ctx(objective=objective)).body
    assert "the Bio Club's mentoring program" in email and "Biology Club" not in email
