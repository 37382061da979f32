"""Issue 10: offline, the student's objective shapes the questions: asked in their own words
first, then the bank's questions that serve it, and the research find as a question."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.features.interviews.coach import tailor_questions
from bot.features.interviews.content import shipped_question_bank
from bot.features.interviews.domain.interviews import Interview, prep_sheet, top_questions
from bot.features.interviews.domain.phrasing import (
    clean_found,
    found_nothing,
    objective_question,
    research_question,
)
from bot.features.interviews.domain.questions import (
    QuestionBank,
    select_questions,
    tailored_questions,
)
from bot.features.interviews.domain.relevance import overlap, says_the_same, similar, topic_hits
from bot.llm.base import NoLLM
from bot.store.records import from_json, to_json

NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return shipped_question_bank()


@pytest.mark.parametrize(
    ("objective", "question"),
    [
        (
            "learn how to move from psych research into UX",
            "What would you suggest I do to move from psych research into UX?",
        ),
        (
            "understand what the CPA path looks like",
            "Could you tell me what the CPA path looks like?",
        ),
        (
            "learn how you moved into adaptive reuse projects",
            "Could you tell me how you moved into adaptive reuse projects?",
        ),
        (
            "get advice on timing the CPA exam",
            "What advice would you give me on timing the CPA exam?",
        ),
        ("I want advice on breaking into UX", "What advice would you give me on breaking into UX?"),
        (
            "what does a typical day look like for a PM?",
            "Could you tell me what a typical day looks like for a PM?",
        ),
        ("understand the CPA path", "Could you help me understand the CPA path?"),
        (
            "explore careers in public health",
            "Could you tell me more about careers in public health?",
        ),
        (
            "break into product management",
            "What would you suggest I do to break into product management?",
        ),
        (
            "decide between UX research and data science",
            "Could you help me decide between UX research and data science?",
        ),
    ],
)
def test_the_objective_is_asked_in_the_students_own_words(
    bank: QuestionBank, objective: str, question: str
) -> None:
    assert objective_question(bank.frames, objective) == question


@pytest.mark.parametrize("objective", ["hear your advice", "move into your team"])
def test_an_objective_that_would_read_badly_gives_no_question(
    bank: QuestionBank, objective: str
) -> None:
    assert objective_question(bank.frames, objective) is None


def test_bank_questions_that_serve_the_objective_come_first(bank: QuestionBank) -> None:
    accountant = {"field": "accounting", "role": "senior accountant", "organization": "Deloitte"}
    plain = select_questions(bank, **accountant, per_category=1)
    cpa = select_questions(
        bank, **accountant, per_category=1, objective="understand what the CPA path looks like"
    )
    assert plain[0].id == "field.path_in"
    assert cpa[0].id == "field.education"  # "Which courses, degrees or certifications ..."
    assert {q.id for q in cpa} >= {"closing.referrals", "closing.follow_up"}
    trends = select_questions(
        bank, **accountant, per_category=1, objective="hear which trends are changing audit"
    )
    assert trends[0].id == "growth.changing"  # the topic that serves it first: time runs short


def test_a_bank_question_the_objective_already_asks_gives_way(bank: QuestionBank) -> None:
    objective = "understand what a typical week looks like in your work"
    chosen = select_questions(
        bank, field="nursing", role="nurse", organization="Kaiser", objective=objective
    )
    assert "field.typical_day" not in {q.id for q in chosen}


def test_tailored_questions_sharing_the_objectives_words_come_first(bank: QuestionBank) -> None:
    got = tailored_questions(
        bank, "accounting", "accountant", "Deloitte", limit=1, objective="timing the CPA exam"
    )
    assert got == [
        "How much do certifications such as the CPA or CFA matter for someone starting in "
        "accounting?"
    ]


async def test_offline_coach_puts_the_objective_first_without_dropping_the_fields(
    bank: QuestionBank,
) -> None:
    got = await tailor_questions(
        NoLLM(),
        bank,
        field="UX research",
        role="UX researcher",
        organization="Duolingo",
        objective="learn how to move from psych research into UX",
        already=[],
    )
    assert got[0] == "What would you suggest I do to move from psych research into UX?"
    assert len(got) == 3 and "Duolingo" in got[1]
    assert not any("creative process" in q for q in got)


async def test_a_field_question_asking_what_the_objective_asks_gives_way(
    bank: QuestionBank,
) -> None:
    """The eval's consultant got "…how you find clients as an independent consultant?" and then
    "How do you find new clients, and what keeps them coming back?": one ask, twice."""
    got = await tailor_questions(
        NoLLM(),
        bank,
        field="strategy consulting",
        role="independent consultant",
        organization="",
        objective="learn how you find clients as an independent consultant",
        already=[],
    )
    assert got[0] == "Could you tell me how you find clients as an independent consultant?"
    assert not any("find new clients" in q for q in got), got
    assert len(got) == 3


def test_same_ask_in_other_words_but_not_one_shared_topic() -> None:
    assert says_the_same(
        "Could you tell me how you find clients as an independent consultant?",
        "How do you find new clients, and what keeps them coming back?",
    )
    assert not says_the_same(
        "What would you suggest I do to move from psych research into UX?",
        "How are research questions chosen at Duolingo, and what part do you play in that?",
    )


def test_word_matching_is_rough_but_not_loose() -> None:
    assert topic_hits("learn how nurses moved into informatics", ["move"]) == 1
    assert topic_hits("what the CPA path looks like", ["enjoy", "like"]) == 1
    assert overlap("learn about your work in the field", "What is your work like?") == 0
    assert similar(
        "What does a typical day or week look like for you?",
        "Could you tell me what a typical week looks like in your work?",
    )


def test_the_research_find_becomes_a_question_and_replaces_the_last_one(
    bank: QuestionBank,
) -> None:
    found = clean_found(' "Kaiser\'s new virtual-care program." ')
    assert found == "Kaiser's new virtual-care program"
    question = research_question(bank.frames, found)
    assert question == (
        "I came across Kaiser's new virtual-care program while preparing. "
        "What is the story behind it?"
    )
    assert research_question(bank.frames, "why did they open a lab in Austin?") == (
        "Why did they open a lab in Austin?"
    )
    interview = Interview("i1", "c1", "learn", NOW, questions=("How did you start?",))
    once = interview.with_research(found, question)
    assert once.questions == (question, "How did you start?")
    moved = once.with_question_moved(0, 1)
    talk = "their AMIA talk"
    again = moved.with_research(talk, research_question(bank.frames, talk))
    assert again.research == "their AMIA talk"
    assert len(again.questions) == 2 and "AMIA" in again.questions[0]
    with pytest.raises(ValueError, match="one line"):
        clean_found("x" * 200)


@pytest.mark.parametrize(
    ("found", "asked"),
    [
        (
            "She wrote a Medium post on diary studies at Duolingo",
            "I saw that you wrote a Medium post on diary studies at Duolingo. "
            "What is the story behind it?",
        ),
        (
            "he runs his team's research guild",
            "I saw that you run your team's research guild. What is the story behind it?",
        ),
        (
            "She spoke at AMIA with him about her rollout",  # "him" is someone else
            "I saw that you spoke at AMIA with him about your rollout. "
            "What is the story behind it?",
        ),
        (
            "their podcast on hiring",
            "I came across your podcast on hiring while preparing. What is the story behind it?",
        ),
        (
            "Her team won an award",
            "I saw that your team won an award. How does that touch your own work?",
        ),
        (
            "Duolingo launched a chess course",
            "I saw that Duolingo launched a chess course. How does that touch your own work?",
        ),
        (
            "diary studies",
            "While preparing, I came across this: “diary studies”. What is the story behind it?",
        ),
        ("She's the head of UX", "I saw that you're the head of UX. What is the story behind it?"),
        (
            "He's written two books",
            "I saw that you've written two books. What is the story behind it?",
        ),
        (
            "She's based in Austin",  # "is", not "has": "based" says what she is
            "I saw that you're based in Austin. What is the story behind it?",
        ),
        (
            "She mentored her for a year",  # she herself would be "herself": "her" is someone else
            "I saw that you mentored her for a year. What is the story behind it?",
        ),
        (
            "She taught herself to code",
            "I saw that you taught yourself to code. What is the story behind it?",
        ),
        (
            "His team hired him",
            "I saw that your team hired you. How does that touch your own work?",
        ),
        (
            "She uses R for everything",
            "I saw that you use R for everything. What is the story behind it?",
        ),
        (
            "She also studies how kids learn languages",
            "I saw that you also study how kids learn languages. What is the story behind it?",
        ),
        (
            "He focuses on accessibility",
            "I saw that you focus on accessibility. What is the story behind it?",
        ),
        ("She tweets about UX", "I saw that you tweet about UX. What is the story behind it?"),
        (
            "She does user research at Duolingo",
            "I saw that you do user research at Duolingo. What is the story behind it?",
        ),
        (
            "He goes to every AMIA meeting",
            "I saw that you go to every AMIA meeting. What is the story behind it?",
        ),
        (
            "She co-founded a startup",
            "I saw that you co-founded a startup. What is the story behind it?",
        ),
    ],
)
def test_a_find_about_them_is_said_to_them(bank: QuestionBank, found: str, asked: str) -> None:
    """The note is written about the person ("She wrote…"); the question is asked of them."""
    assert research_question(bank.frames, found) == asked


def test_the_first_screen_lists_what_fits_and_never_nothing() -> None:
    short = tuple(f"Question {i}?" for i in range(9))
    assert len(top_questions(short)) == 5
    long = tuple("A long question " * 6 + "?" for _ in range(9))  # 97 characters each
    assert len(top_questions(long)) == 4
    assert len(top_questions(long, budget=300)) == 3
    assert top_questions(long, budget=10) == long[:1]
    assert top_questions(("Only one?",)) == ("Only one?",)


@pytest.mark.parametrize("text", ["skip", "Nothing yet.", "not yet", "no", "I haven't looked"])
def test_nothing_found_is_a_skip_not_a_find(text: str) -> None:
    assert found_nothing(text)


@pytest.mark.parametrize("text", ["nothing on their blog since 2020", "No-code tools at Figma"])
def test_a_find_that_starts_like_nothing_is_still_a_find(text: str) -> None:
    assert not found_nothing(text)


def _shipped_raw() -> dict[str, object]:
    import json

    from bot.resources import resource_dir

    raw: dict[str, object] = json.loads(
        (resource_dir("data") / "questions.json").read_text(encoding="utf-8")
    )
    return raw


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda raw: raw["from_objective"].pop("wh"), "must be an object with exactly"),
        (
            lambda raw: raw["from_objective"].update(wh="Could you tell me {topic}?"),
            "unknown placeholder(s) ['topic']",
        ),
        (lambda raw: raw["from_objective"].update(about="Tell me about {rest}."), "ending with"),
        (lambda raw: raw["categories"][0]["questions"][0].update(topics="path"), "'topics'"),
    ],
)
def test_a_broken_objective_frame_or_topic_list_stops_the_bot(change: object, problem: str) -> None:
    from bot.features.interviews.domain.questions import QuestionBankError, question_bank

    raw = _shipped_raw()
    change(raw)  # type: ignore[operator]
    with pytest.raises(QuestionBankError, match=re.escape(problem)):
        question_bank(raw, "questions.json")


def test_a_changed_objective_changes_its_question_and_nothing_else() -> None:
    old, new = "Could you tell me how you started?", "Could you tell me what a day is like?"
    interview = Interview("i1", "c1", "learn how you started", NOW, questions=("Mine?", old))
    changed = interview.with_objective("learn what a day is like", old, new)
    assert changed.questions == ("Mine?", new) and changed.objective == "learn what a day is like"
    assert interview.with_objective("hear your advice", old, None).questions == ("Mine?",)
    assert interview.with_objective("same", None, new).questions == interview.questions


def test_the_suggested_objective_gives_the_role_its_article() -> None:
    from bot.features.interviews.domain.interviews import objective_suggestions

    ux = objective_suggestions("UX research", "UX researcher", "Duolingo")[1]
    assert ux.endswith("looks like in your work as a UX researcher at Duolingo")
    lead = objective_suggestions("health informatics", "Clinical Informatics Lead", "Kaiser")[1]
    assert "as a Clinical Informatics Lead at Kaiser" in lead
    head = objective_suggestions("design", "head of design", "Figma")[1]
    assert "as head of design at Figma" in head  # a title that takes none keeps none
    engineer = objective_suggestions("hardware", "engineer", "Apple")[1]
    assert "as an engineer at Apple" in engineer


def test_no_tailored_question_says_the_same_word_twice() -> None:
    """ "the kind of research you do in UX research" said "research" twice in one breath."""
    raw = json.loads((ROOT / "data" / "questions.json").read_text(encoding="utf-8"))
    for group in raw["tailored"]:
        for field in [k for k in group["keywords"] if " " in k] or group["keywords"][:1]:
            for question in group["questions"]:
                text = question.format(organization="Acme", field=field, role="analyst")
                words = Counter(re.findall(r"[a-z]{5,}", text.lower()))
                repeated = {w for w, n in words.items() if n > 1} - {"which"}
                assert not repeated, (text, repeated)


def test_a_new_find_replaces_the_question_the_last_one_gave_though_it_was_reworded(
    bank: QuestionBank,
) -> None:
    """ "She wrote…" is asked as "I saw that you wrote…": the find is not in its question, so
    the question itself is kept and replaced, wherever the student moved it."""
    post = "She wrote a post on diary studies"
    interview = Interview("i1", "c1", "learn", NOW, questions=("How did you start?",))
    once = interview.with_research(post, research_question(bank.frames, post))
    assert once.research_question == once.questions[0] and "you wrote a post" in once.questions[0]
    moved = once.with_question_moved(0, 1)
    assert moved.research_at == 1
    head = "She's the head of UX"
    again = moved.with_research(head, research_question(bank.frames, head))
    assert again.questions == (
        "I saw that you're the head of UX. What is the story behind it?",
        "How did you start?",
    )
    assert again.research_question == again.questions[0]
    reworded = again.with_question_replaced(0, "How did you become head of UX?")
    assert reworded.research_at is None  # the student's own words now: a new find keeps them
    third = reworded.with_research(post, research_question(bank.frames, post))
    assert third.questions[1:] == ("How did you become head of UX?", "How did you start?")


def test_an_interview_stored_before_the_question_was_kept_still_replaces_it(
    bank: QuestionBank,
) -> None:
    """Records written before ``research_question`` load with it empty; their question quoted
    the find as typed, which is how it is found again."""
    old = to_json(
        Interview(
            "i1",
            "c1",
            "learn",
            NOW,
            questions=("How did you start?", "While preparing, I came across this: “AMIA”. Why?"),
            research="AMIA",
        )
    )
    del old["research_question"]
    stored = from_json(Interview, old)
    assert stored.research_question == "" and stored.research_at == 1
    talk = "Her AMIA keynote"
    again = stored.with_research(talk, research_question(bank.frames, talk))
    assert again.questions == (
        "I came across your AMIA keynote while preparing. What is the story behind it?",
        "How did you start?",
    )


def test_the_sheet_does_not_quote_a_find_its_first_question_already_asks(
    bank: QuestionBank,
) -> None:
    post = "She wrote a post on diary studies"
    interview = Interview("i1", "c1", "learn", NOW, questions=("How did you start?",))
    interview = interview.with_research(post, research_question(bank.frames, post))
    sheet = prep_sheet(interview, contact_name="Priya", organization="", role="", tz_name="UTC")
    assert sheet.found == post and sheet.mention == ""
    dropped = prep_sheet(
        interview.with_question_removed(0),
        contact_name="Priya",
        organization="",
        role="",
        tz_name="UTC",
    )
    assert dropped.mention == post  # no question asks it any more: the sheet brings it up


def test_someone_who_works_alone_is_not_asked_about_their_organization(
    bank: QuestionBank,
) -> None:
    """An independent consultant was asked "What makes your industry, organization or team
    different…?"; a question about the contact's organization waits for one who has it."""
    chosen = select_questions(
        bank, field="strategy consulting", role="independent consultant", organization=""
    )
    assert not any("organization or team" in q.text for q in chosen)
    with_org = select_questions(bank, field="consulting", role="analyst", organization="Deloitte")
    assert any("organization or team" in q.text for q in with_org)
