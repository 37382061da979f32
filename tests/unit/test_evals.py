"""The eval suite runs in CI: the offline coach may not fall below the recorded level, and each
grader is shown to fail on the defect it exists for (a grader that cannot fail is a defect)."""

from __future__ import annotations

from evals import coach, report
from evals.cases import count, load_all
from evals.graders import ALL, Output
from evals.runner import chat, grade, produce


async def test_offline_coach_keeps_its_eval_level() -> None:
    families = load_all()
    assert count(families) >= 80
    graded = grade(await produce(coach.offline_llm(), families)) + await chat(coach.offline_llm())
    assert report.regressions(graded) == [], report.failures(graded)


def _draft(kind: str, text: str, **case: object) -> Output:
    base = {"profile": {"name": "Maya Chen"}, "contact": {"name": "Dana Lee"}, **case}
    sources = ("Maya Chen", "Dana Lee", str(case.get("objective", "")))
    return Output("t", kind, text, base, sources=sources)


GOOD_EMAIL = (
    "Subject: 20 minutes of your advice?\n\nHello Dana,\n\n"
    "Sam Ortiz suggested I get in touch with you. I'm Maya Chen, a student.\n\n"
    "May I have 20 minutes of your time to hear how you got started in design?\n\n"
    "Best regards,\nMaya Chen"
)


def _verdict(grader: str, out: Output) -> bool | None:
    verdict = ALL[grader](out)
    return None if verdict is None else verdict.passed


def test_handout_graders_fail_on_what_the_handout_forbids() -> None:
    case = {"objective": "hear how you got started in design"}
    assert _verdict("time_ask_up_front", _draft("request_email", GOOD_EMAIL, **case))
    no_time = GOOD_EMAIL.replace("20 minutes of your time", "some of your time")
    assert _verdict("time_ask_up_front", _draft("request_email", no_time, **case)) is False
    job = GOOD_EMAIL.replace("hear how you got started in design", "see if you could refer me")
    assert _verdict("no_job_request", _draft("request_email", job)) is False
    assert _verdict("no_job_request", _draft("request_email", GOOD_EMAIL))
    intro = {"introducer": {"name": "Sam Ortiz"}, "contact": {"name": "Dana Lee"}}
    assert _verdict("referrer_consent", _draft("request_email", GOOD_EMAIL, **intro)) is False
    consent = {
        "introducer": {"name": "Sam Ortiz"},
        "contact": {"name": "Dana", "may_use_name": True},
    }
    assert _verdict("referrer_consent", _draft("request_email", GOOD_EMAIL, **consent))
    long = GOOD_EMAIL + "\n" + "More words here. " * 40
    assert _verdict("word_limit", _draft("request_email", long)) is False
    stranger = GOOD_EMAIL.replace(
        "Sam Ortiz suggested I get in touch with you.", "I came across your work."
    )
    assert (
        _verdict(
            "connection_by_relationship", _draft("request_email", stranger, relationship="personal")
        )
        is False
    )
    assert _verdict(
        "connection_by_relationship", _draft("request_email", stranger, relationship="stranger")
    )


def test_thank_you_and_prep_graders() -> None:
    thanks = "Hello Dana,\n\nThanks. I'm already putting your suggestions into practice."
    case = {"highlight": "start with the portfolio review"}
    assert _verdict("thank_you_specific", _draft("thank_you", thanks, **case)) is False
    specific = (
        "Hello Dana,\n\nThank you. Your advice to start with the portfolio review stuck with me."
    )
    assert _verdict("thank_you_specific", _draft("thank_you", specific, **case))
    sheet = "- Meet face to face where you can.\n- Send a short thank-you note the same day."
    assert (
        _verdict("logistics_by_format", Output("t", "prep_sheet", sheet, {"mode": "video"}))
        is False
    )
    assert _verdict("logistics_by_format", Output("t", "prep_sheet", sheet, {"mode": "in_person"}))
    assert _verdict("thank_you_prompt", Output("t", "prep_sheet", sheet, {}))


def test_quality_graders_catch_glued_fragments_repeats_and_strangers() -> None:
    def pitch(text: str, sources: tuple[str, ...] = ()) -> Output:
        return Output("t", "pitch_build", text, {}, sources=sources or (text,))

    assert (
        _verdict(
            "complete_sentences", pitch("How people actually use apps vs. I'm looking for work.")
        )
        is False
    )
    assert _verdict("complete_sentences", pitch("I study design. I'm looking for an internship."))
    assert (
        _verdict(
            "grammar", pitch("May I have 20 minutes of your time to learn about i want advice?")
        )
        is False
    )
    assert _verdict("grammar", pitch("I admire your work as UX researcher.")) is False
    assert _verdict("grammar", pitch("I admire your work as a UX researcher."))
    assert _verdict("no_repeats", pitch("I love data. I love data.")) is False
    lowered = pitch("What stands out to me is duolingo.", ("I admire Duolingo a lot.",))
    assert _verdict("proper_nouns", lowered) is False
    leaked = pitch("I study design at Duolingo.", ("I study design.",))
    assert _verdict("traceable", leaked) is False
    assert _verdict("traceable", pitch("I study design.", ("I study design.",)))


def test_pitch_graders_hold_the_cleaner_version_to_the_review() -> None:
    case = {"pitch": "So I cut assembly time by twenty percent.", "elements": ["experience"]}
    kept = Output(
        "t",
        "pitch_cleaner",
        "So I cut assembly time.",
        case,
        extra={"fillers": ("so",), "present": ("experience",), "screen": ""},
    )
    assert _verdict("no_flagged_filler", kept) is False
    assert _verdict("keeps_evidence", kept) is False
    clean = Output(
        "t",
        "pitch_cleaner",
        "I cut assembly time by twenty percent.",
        case,
        extra={"fillers": ("so",), "present": (), "screen": ""},
    )
    assert _verdict("no_flagged_filler", clean)
    assert _verdict("element_coverage", clean) is False
    job = {**case, "job_ask": True}
    assert (
        _verdict("flags_job_ask", Output("t", "pitch_cleaner", "x", job, extra={"screen": ""}))
        is False
    )
