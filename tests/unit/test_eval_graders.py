"""The text-quality graders a careful counselor would apply, each shown passing good text and
failing the weak output it exists for (most of them things the offline coach wrote)."""

from __future__ import annotations

import json

import pytest

from evals import report
from evals.graders import ALL, Output, Verdict
from evals.graders.english import has_main_verb
from evals.runner import Graded


def _pitch(text: str, *sources: str, kind: str = "pitch_build") -> Output:
    return Output("t", kind, text, {}, sources=sources or (text,))


def _passes(grader: str, out: Output) -> bool | None:
    verdict = ALL[grader](out)
    return None if verdict is None else verdict.passed


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm interested in how cities use data to plan for climate risk.",
        "Last summer I interned at the Green Valley Water District, where I mapped 120 drains.",
        "Hearing how you built your career gave me a much clearer picture of work like yours.",
        "What stands out to me is Duolingo, especially how they test features.",
        "My field work and data skills fit a team that turns sensor data into plans.",
        "Most students find a dozen names in a few minutes.",
        "If now isn't a good time, I understand.",
        "Outside class, I ran the UX club's first design sprint with 12 people.",
        "Bring a copy of your resume, just in case.",
        "Afterwards, tap below to capture what you learned while it's fresh.",
        "Closing: ask whom else you should meet.",
        "List who you know: family, friends, faculty, alumni, co-workers, clubs.",
        "A phone or video call works for me, whenever is convenient for you.",
        "This deletes your profile, contacts and notes from this coach.",
        "The student asks about salary.",
        "Each category needs questions with a unique id.",
        "People who need you come first.",
        "Telegram carries our messages, as with any chat.",
        "A phone call, video chat or coffee in person all work for me.",
        "That reads like a sentence rather than a name.",
    ],
)
def test_a_sentence_with_a_main_verb_is_complete(sentence: str) -> None:
    assert has_main_verb(sentence)
    assert _passes("complete_sentences", _pitch(sentence))


@pytest.mark.parametrize(
    "fragment",
    [
        "Understanding why users do what they do, from psych research methods.",
        "Housing affordability, zoning reform and how eviction data can guide tenant outreach.",
        "Second-year master's student in public policy at the Goldman School, focusing on housing.",
        "Phone or video, whenever suits you.",
        "In person if you can, to see the workplace.",
        "Your specific interest in the organization and how your skills relate to their needs.",
    ],
)
def test_a_fragment_without_a_main_verb_fails(fragment: str) -> None:
    assert not has_main_verb(fragment)
    verdict = ALL["complete_sentences"](_pitch(f"Hi, I'm Ana Ruiz. {fragment}"))
    assert verdict == Verdict(False, f"has no main verb: {fragment[:80]!r}")


def test_another_language_is_not_held_to_english_verbs() -> None:
    out = Output("t", "pitch_cleaner", "Me interesa la logística.", {"language": "es"})
    assert _passes("complete_sentences", out)


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("I'm really interested in backend systems, especially distributed stuff.", "'stuff'"),
        ("I'm interested in backend systems, esp distributed ones.", "'esp'"),
        ("I built an internal tool w/ the payroll dept.", "'w/', 'dept'"),
        ("I'm drawn to how people use apps vs. what designers think.", "'vs.'"),
        ("I'm gonna apply for a new grad SWE role.", "'SWE', 'gonna'"),
        ("I'm a sophomore in econ.", "'econ'"),
        ("I was a TA for intro CS, lol.", "'lol', 'intro CS'"),
        ("That's kinda why I love it.", "'kinda'"),
    ],
)
def test_register_flags_chat_shorthand_and_slang(text: str, hit: str) -> None:
    assert ALL["register"](_pitch(text)) == Verdict(False, f"chat register: {hit}")


def test_register_passes_plain_prose_and_names() -> None:
    text = (
        "I'm a senior in architecture at Cal Poly. What draws me to Page & Turnbull is how "
        "they restore historic sites. I taught the introductory programming course in the U.S. "
        "Is now an okay time? Email me at maya@uni.edu."
    )
    assert _passes("register", _pitch(text))


def test_register_lets_the_students_own_notes_keep_a_clipped_word() -> None:
    question = "What would you suggest I do to move from psych research into UX?"
    assert _passes("register", Output("t", "prep_questions", question, {}))
    assert not _passes("register", _pitch("I moved from psych research into UX."))
    assert not _passes("register", Output("t", "prep_questions", "How do u start?", {}))


def test_a_pointer_to_a_button_is_not_a_sentence() -> None:
    sheet = "Ask first:\n1. How did you start?\n+6 more under All questions.\n\nYou're ready!"
    assert _passes("complete_sentences", Output("t", "prep_sheet", sheet, {}))


def test_proper_nouns_flag_an_organization_lowercased_after_at() -> None:
    # The student typed "intuit" themselves: an organization is capitalised all the same.
    typed = "interned at intuit, built internal tool for payroll dept"
    lowered = _pitch("I interned at intuit, where I built an internal tool.", typed)
    assert ALL["proper_nouns"](lowered) == Verdict(
        False, "organization in lower case: 'interned at intuit'"
    )
    assert _passes("proper_nouns", _pitch("I interned at Intuit, where I built a tool.", typed))
    assert _passes("proper_nouns", _pitch("I worked at a startup and at home.", "startup"))
    assert _passes("proper_nouns", _pitch("Find people who work at water utilities.", "water"))


def test_proper_nouns_flag_a_person_named_in_lower_case() -> None:
    case = {"contact": {"name": "priya shah"}, "profile": {"name": "Kevin Tran"}}
    lowered = Output("t", "request_email", "Hello priya,\n\nI'm Kevin.", case)
    assert ALL["proper_nouns"](lowered) == Verdict(False, "a person's name in lower case: 'priya'")
    named = Output("t", "request_email", "Hello Priya,\n\nI'm Kevin.", case)
    assert _passes("proper_nouns", named)
    # A name that is also a word is only a name where it names someone.
    grace = {"contact": {"name": "Grace Park"}}
    words_only = Output("t", "thank_you", "Hello Grace,\n\nYou took it with grace.", grace)
    assert _passes("proper_nouns", words_only)
    assert not _passes("proper_nouns", Output("t", "thank_you", "Hello grace park,", grace))


def test_a_name_used_as_a_modifier_needs_no_article() -> None:
    out = _pitch("I worked in New York for a year.", "I worked at the New York office.")
    assert _passes("proper_nouns", out)


def test_proper_nouns_keep_the_article_the_student_gave_a_name() -> None:
    source = "the Urban Institute's work on zoning reform"
    dropped = _pitch("I'd bring my analysis to Urban Institute.", source, "Urban Institute")
    assert ALL["proper_nouns"](dropped) == Verdict(False, "'the' dropped before 'Urban Institute'")
    kept = _pitch("I'd bring my analysis to the Urban Institute.", source, "Urban Institute")
    assert _passes("proper_nouns", kept)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("I built internal tool for payroll.", "missing article: 'internal tool'"),
        ("Hi, I'm Ana Ruiz — junior, cognitive science.", "missing article: 'junior'"),
        ("I'm sophomore in biology.", "missing article: 'sophomore'"),
        ("I study cognitive science with minor in CS.", "missing article: 'minor'"),
        ("Hi, I'm Kevin Tran — CS senior at UC Davis.", "missing article: 'CS senior'"),
        ("Right now I'm looking for not sure yet.", "ungrammatical: 'looking for not sure'"),
        (
            "Ask whom else to speak with, and may you contact them again.",
            "question word order in a statement: 'and may you'",
        ),
        ("I'm Kevin Tran, studying CS senior at UC Davis.", "ungrammatical: 'studying CS senior'"),
        (
            "Hi, I'm Kevin Tran, I study computer science at UC Davis.",
            'comma splice: "Hi, I\'m Kevin Tran, I study comp"',
        ),
        (
            "Your point that charge-nurse shifts taught your more than any course stayed with me.",
            "ungrammatical: 'your more'",
        ),
        (
            "Thank you for speaking with me about your work at City of Oakland.",
            "ungrammatical: 'at City of'",
        ),
    ],
)
def test_grammar_flags_bare_nouns_pasted_answers_and_spliced_clauses(text: str, note: str) -> None:
    assert ALL["grammar"](_pitch(text)) == Verdict(False, note)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I'm Ana Ruiz, a junior in cognitive science with a minor in computer science.",
        "I built an internal tool for the payroll team, with team members from finance.",
        "As treasurer of the Accounting Society I rebuilt our budget tracker.",
        "If now isn't a good time, I understand.",
        "May I have 20 minutes of your time to hear how you started?",
        "Once you have one name, I can draft the request.",
        "With Claude switched on, I can give answers shaped to your plans.",
        "Last summer I interned at Intuit, where I built an internal tool.",
        "Your point that charge-nurse shifts taught you more than any course stayed with me.",
        "Thank you for your advice to join AMIA and for your time.",
        "Thank you for speaking with me about your work at the City of Oakland.",
    ],
)
def test_grammar_passes_what_a_counselor_would_sign(text: str) -> None:
    assert _passes("grammar", _pitch(text))


def test_no_repeats_flags_a_name_said_twice_in_one_sentence() -> None:
    text = "What draws me to Page & Turnbull is how Page and Turnbull restores historic sites."
    assert ALL["no_repeats"](_pitch(text)) == Verdict(
        False, "says 'Page Turnbull' twice in one sentence"
    )
    assert _passes("no_repeats", _pitch("What draws me to Page & Turnbull is how they restore."))
    twice = "What draws me to Urban Institute is the Urban Institute's work on zoning."
    assert not _passes("no_repeats", _pitch(twice))


def test_no_repeats_flags_a_sentence_said_again_at_more_length() -> None:
    text = "I love data journalism. I love data journalism because numbers tell stories."
    assert not _passes("no_repeats", _pitch(text))
    assert _passes("no_repeats", _pitch("I love data journalism because numbers tell stories."))


def test_proper_nouns_flags_a_time_word_capitalised_inside_a_sentence() -> None:
    text = "I'm hoping to find an audit internship for Next summer."
    assert not _passes("proper_nouns", _pitch(text))
    assert _passes("proper_nouns", _pitch("Next summer I'm hoping to find an audit internship."))


def _chat(text: str) -> Output:
    return Output("t", "ask_answer", text, {})


def test_bullets_pass_a_list_built_alike() -> None:
    alike = (
        "Keep the request short:\n• open with how you found them;\n• say who you are;\n"
        "• offer phone, video or in person.\n\nNever ask for a job."
    )
    assert _passes("bullets", _chat(alike))
    labelled = (
        "A balanced set:\n• the field: how they got into it;\n"
        "• closing: ask whom else you should speak with."
    )
    assert _passes("bullets", _chat(labelled))
    sentences = "Remember:\n- Bring a copy of your resume.\n- Smile as you talk: it carries."
    assert _passes("bullets", Output("t", "prep_sheet", sentences, {}))
    assert ALL["bullets"](_chat("No list here.")) is None


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "Questions:\n• the field: how they got into it;\n"
            "• whom else to speak with (and may you use their name);"
            "\n• the future: where it grows.",
            "item breaks the list's pattern: 'whom else to speak with",
        ),
        (
            "Keep it short:\n• open with how you found them;\n• be polite. Never ask for a job.",
            "a sentence tacked onto an item: 'be polite. Never ask for a job.'",
        ),
        (
            "Treat it like an interview:\n• Know your objective.\n"
            "• In person if you can, to see the workplace. Dress the part.",
            "item holds a fragment: 'In person if you can, to see the workplace.'",
        ),
        ("Try:\n• Ask for 20 minutes.\n• thank them.", "mixes lower-case and capitalised items"),
        (
            "Try this:\n• ask for 20 minutes.\n• thank them.",
            "item does not end with ';': 'ask for 20 minutes.'",
        ),
    ],
)
def test_bullets_fail_a_list_whose_items_do_not_match(text: str, note: str) -> None:
    verdict = ALL["bullets"](_chat(text))
    assert verdict is not None
    assert not verdict.passed
    assert verdict.note.startswith(note)


def test_the_json_dump_and_the_comparison_show_what_changed() -> None:
    out = _pitch("I study design.")
    before = report.dump([Graded(out, {"grammar": Verdict(True)})])
    after = [Graded(out, {"grammar": Verdict(False, "ungrammatical: 'x'")})]
    assert json.loads(json.dumps(before))["outputs"] == {"t/pitch_build": {"grammar": "pass"}}
    table = report.compare(before, after)
    assert "pitch_build/grammar" in table
    assert "1/1 (100%)" in table
    assert "0/1 (0%)" in table
    baseline = {"pitch_build": {"grammar": [1, 1]}}  # a baseline file compares the same way
    assert report.compare(baseline, after) == table
