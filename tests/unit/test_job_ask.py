"""The one job-ask detector, on the asks students really write and on innocent job talk."""

from __future__ import annotations

import pytest

from bot.features.outreach.domain.job_ask import (
    AskKind,
    asks_for_job,
    find_job_asks,
    job_ask_sentences,
)

HARD_AND_SOFT_ASKS = [
    "move into your team",
    "switch to your company after graduation",
    # the audit's misses, verbatim
    "join Spotify's data team",
    "get hired at Google",
    "see if you could refer me",
    "be considered for your summer analyst program",
    "discuss potential roles for me",
    "talk about my application",
    "Could you refer me for an open hardware role or pass my resume to your recruiter?",
    # more of the same
    "Are you hiring?",
    "Is your team hiring this spring?",
    "Is Google hiring new grads this year?",
    "Could you hire me after graduation?",
    "Do you have any openings for new graduates?",
    "Are there any job openings on your team?",
    "I'd love to know if there are positions available.",
    "I'd love to be considered for any openings.",
    "Could you put in a good word for me?",
    "Please consider me for a summer role.",
    "Please keep me in mind for anything that opens up.",
    "Please keep me in mind for future roles.",
    "Do you know of any internships I could apply to?",
    "I hope you can help me get hired.",
    "Could you help me get a job at Kaiser?",
    "find out if you're hiring interns",
    "find out whether Kaiser is hiring",
    "I'd like to ask if you are hiring interns",
    "get an internship on your team",
    "get an internship at Kaiser",
    "ask you to pass my resume to the hiring manager",
    "Would you forward my CV to HR?",
    "hear about any openings you have",
    "learn whether your team has openings for new grads",
    "talk about working for you next summer",
    "tell you I'd love to work for you",
    "ask for a referral to your company",
    "see whether there's a chance of a job offer",
    "Let me know if a position opens up.",
    "Please let me know about any job at your company.",
    "I'd like to apply for your open analyst position.",
    "I know it's not your area, but are you hiring?",
    "My goal is to join Spotify's data team after I graduate, so I hope you can help me get hired.",
]

INNOCENT = [
    "understand what it takes to land a role like yours",
    "understand how your organization fills job openings",
    "learn how your organization fills job openings",
    "How does your organization fill job openings?",
    "learn how people usually get hired into product management",
    "learn how people get a job in clinical informatics",
    "learn how you got your first job in informatics",
    "What was your first internship like?",
    "How did you get your job at Google?",
    "How did you land your role at Stryker?",
    "What do you look for when hiring interns?",
    "Any job search advice you have would help me a lot.",
    "I'm not asking for a job, only for your perspective.",
    "I'd like to hear how you chose your first job after nursing school.",
    "What do you like most about your job?",
    "During my internship last summer I worked with clinical data.",
    "I'd love to understand what your position involves day to day.",
    "understand the role of data in nursing",
    "What other organizations in this field would you recommend I explore for opportunities?",
    "What are the employment prospects for someone entering this field?",
    "Currently, how secure are positions in your field?",
    "Can you recommend other professionals in this field with whom I should speak?",
    "May I use your name when I contact them?",
    "What is a typical starting salary range in this field?",
    "Thank you for introducing me to Dr. Kenji Sato.",
    "hear how you moved from bedside nursing into management",
    "pick your brain about fintech",
    "i want advice on breaking into UX",
    "what does a typical day look like for a PM?",
    "How do new engineers get onboarded on your team?",
]

SEEKING = [
    "I'm looking for an internship this summer.",
    "I'm looking for a summer internship in sustainability analytics.",
    "I'm hoping to find an audit or forensic internship for next summer.",
    "Right now I'm looking for a full-time design engineering role after graduation.",
    "I'm interested in internship opportunities at Kaiser.",
]


@pytest.mark.parametrize("text", HARD_AND_SOFT_ASKS)
def test_asks_for_a_job_are_caught(text: str) -> None:
    asks = find_job_asks(text)
    assert asks and asks[0].kind is AskKind.ASK, text
    assert asks_for_job(text, seeking_counts=False)


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_job_talk_is_not_an_ask(text: str) -> None:
    assert find_job_asks(text) == []


@pytest.mark.parametrize("text", SEEKING)
def test_seeking_a_role_is_told_apart_from_asking_for_one(text: str) -> None:
    assert [a.kind for a in find_job_asks(text)] == [AskKind.SEEKING]
    assert asks_for_job(text) and not asks_for_job(text, seeking_counts=False)


def test_the_sentence_that_asks_is_named_with_its_words() -> None:
    pitch = (
        "Hi, I'm Ravi Patel, an electrical engineering senior. I love embedded systems. "
        "Could you refer me for an open hardware role or pass my resume to your recruiter?"
    )
    [ask] = find_job_asks(pitch)
    assert ask.sentence.startswith("Could you refer me") and ask.phrase == "refer me"
    assert job_ask_sentences(pitch) == [ask.sentence]
