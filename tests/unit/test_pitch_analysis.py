"""One-minute commercial rules: elements, timing, language, builder, rehearsal, practice."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.features.pitch.coach_offline import (
    build_text,
    improved_text,
    practice_feedback_html,
    rehearsal_html,
    review_html,
)
from bot.features.pitch.content import load_pitch_language, pitch_language
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import PRACTICE_OPENER, Element
from bot.features.pitch.domain.language import PitchLanguageError
from bot.features.pitch.domain.practice import (
    PitchSource,
    PitchVersion,
    Rehearsal,
    new_rehearsal,
    new_version,
    practice_feedback,
    practice_follow_ups,
    rehearsal_feedback,
)
from bot.features.pitch.domain.review import SuggestionKind, analyze, from_claude_review
from bot.features.pitch.domain.tailoring import tailor_gaps
from bot.features.pitch.domain.text import count_words, speaking_seconds, word_budget
from bot.features.profile.domain.profile import Profile
from bot.render.templates import render
from bot.resources import resource_dir
from bot.store.records import from_json, to_json
from tests.fakes.telegram_rules import html_errors
from tests.support.pitch import all_lengths, offline_review
from tests.support.pitch_samples import FILLERS, GOOD_60, MISSING, TOO_LONG, VAGUE

LANG = pitch_language()

T0 = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)

MAYA = PitchAnswers(
    name="Maya Chen",
    identity="a third-year environmental science major with a minor in statistics",
    focus="climate data",
    position="a summer internship in sustainability analytics",
    experience="interned at the Green Valley Water District last summer, where I mapped 120 "
    "storm drains and built a dashboard the crew still uses",
    leadership="leading a team of eight Eco-Reps volunteers who cut dorm waste by 15 percent",
    fit="field work plus data skills",
    interest="your flood-resilience work in Riverside",
)


# --------------------------------------------------------------------------- timing


@pytest.mark.parametrize(
    ("seconds", "wpm", "budget"),
    [(15, 150, 38), (30, 150, 75), (60, 150, 150), (15, 120, 30), (30, 120, 60), (60, 120, 120)],
)
def test_word_budgets_follow_the_speaking_rate(seconds: int, wpm: int, budget: int) -> None:
    assert word_budget(seconds, wpm) == budget


def test_speaking_time_counts_words_not_notes() -> None:
    assert speaking_seconds("word " * 150, 150) == pytest.approx(60)
    assert speaking_seconds("word " * 150, 120) == pytest.approx(75)
    assert count_words("I'm at Eco-Reps [your example: something] since 2024.") == 5


def test_good_pitch_is_on_time_and_complete() -> None:
    a = analyze(GOOD_60, target_seconds=60, language=LANG)
    assert a.timing == "on"
    assert a.missing == ()
    assert a.fillers == {} and a.hedges == {} and a.vague_claims == () and a.long_sentences == ()
    assert a.has_ask
    assert "Maya Chen" in a.present[Element.IDENTITY]
    assert (
        "storm drains" in a.present[Element.EXPERIENCE]
        or "interned" in a.present[Element.EXPERIENCE]
    )


def test_too_long_pitch_is_over_with_the_overlong_sentence_quoted() -> None:
    a = analyze(TOO_LONG, target_seconds=60, language=LANG)
    assert a.timing == "over" and a.delta_seconds > 10
    assert max(s.words for s in a.long_sentences) > 40
    assert a.suggestions[0].kind == SuggestionKind.OVER_TIME
    assert a.suggestions[0].number == a.words - 150
    assert a.suggestions[0].quotes[0].startswith("Hi, my name is Sam")


def test_same_pitch_is_longer_at_a_slower_rate() -> None:
    fast = analyze(GOOD_60, target_seconds=60, wpm=150, language=LANG)
    slow = analyze(GOOD_60, target_seconds=60, wpm=120, language=LANG)
    assert slow.seconds == pytest.approx(fast.seconds * 150 / 120)
    assert slow.word_budget == 120


# --------------------------------------------------------------------------- elements and language


def test_missing_elements_are_listed_and_the_first_one_suggested() -> None:
    a = analyze(MISSING, target_seconds=30, language=LANG)
    assert list(a.present) == [Element.IDENTITY]
    assert set(a.missing) == set(Element) - {Element.IDENTITY}
    assert a.missing_expected == (Element.FOCUS, Element.POSITION, Element.EXPERIENCE)
    missing = [s for s in a.suggestions if s.kind == SuggestionKind.MISSING]
    assert missing and missing[0].element == Element.FOCUS
    assert not a.has_ask


def test_profile_name_counts_as_an_introduction() -> None:
    a = analyze(
        "Jordan here. I love robots and I'm looking for a co-op.",
        target_seconds=15,
        profile_name="Jordan Lee",
        language=LANG,
    )
    assert Element.IDENTITY in a.present


def test_fillers_and_hedges_are_counted() -> None:
    a = analyze(FILLERS, target_seconds=30, language=LANG)
    assert a.fillers["um"] == 2
    assert a.fillers["like"] == 2
    for word in ("basically", "you know", "kind of", "actually"):
        assert a.fillers[word] == 1
    assert {"I think", "I guess", "maybe", "just"} <= set(a.hedges)
    assert set(a.present) >= {Element.IDENTITY, Element.FOCUS, Element.POSITION}


def test_like_and_kind_of_are_fillers_only_when_used_as_fillers() -> None:
    a = analyze(
        "I would like to work in a lab like yours, the kind of place I admire.",
        target_seconds=15,
        language=LANG,
    )
    assert a.fillers == {}


def test_vague_claims_need_an_example_nearby() -> None:
    a = analyze(VAGUE, target_seconds=30, language=LANG)
    assert a.vague_claims == ("hard worker", "team player", "passionate", "detail-oriented")
    assert "people person" not in a.vague_claims  # the $4,000 fundraiser is right there
    follow = analyze(
        "I'm a fast learner. For example, I taught myself SQL in a week.",
        target_seconds=15,
        language=LANG,
    )
    assert follow.vague_claims == ()


def test_suggestions_quote_the_students_words() -> None:
    a = analyze(VAGUE, target_seconds=30, language=LANG)
    assert 2 <= len(a.suggestions) <= 3
    vague = a.suggestions[0]
    assert vague.kind == SuggestionKind.VAGUE and vague.quotes == ("hard worker", "team player")
    html = review_html(a, "improved")
    assert "“hard worker”" in html and "“team player”" in html


def test_every_sample_gets_two_or_three_suggestions() -> None:
    for text in (GOOD_60, TOO_LONG, MISSING, FILLERS, VAGUE):
        assert 2 <= len(analyze(text, target_seconds=30, language=LANG).suggestions) <= 3


def test_language_file_errors_name_the_problem(tmp_path: Path) -> None:
    raw = json.loads((resource_dir("data") / "pitch_language.json").read_text(encoding="utf-8"))
    raw["elements"]["fit"] = []
    broken = tmp_path / "pitch_language.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(PitchLanguageError, match="fit"):
        load_pitch_language(broken)
    raw["elements"]["fit"] = [{"pattern": "(unclosed"}]
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(PitchLanguageError, match="bad pattern"):
        load_pitch_language(broken)


# --------------------------------------------------------------------------- builder and improver


@pytest.mark.parametrize("wpm", [150, 120])
def test_offline_builder_stays_within_budget_at_each_length(wpm: int) -> None:
    for seconds, text in all_lengths(MAYA, wpm).items():
        budget = word_budget(seconds, wpm)
        assert count_words(text) <= budget * 1.1, (seconds, text)
        assert "Maya Chen" in text
        assert text.rstrip().endswith((".", "?"))


def test_builder_covers_more_as_the_pitch_gets_longer() -> None:
    short, medium, full = (build_text(MAYA, s) for s in (15, 30, 60))
    assert "climate data" in short and "summer internship" in short
    assert "Green Valley" not in short and "Green Valley" in medium
    assert "Eco-Reps" not in medium and "Eco-Reps" in full and "Riverside" in full
    assert count_words(full) >= 0.7 * 150
    assert "How did you get into climate data?" in short


def test_builder_uses_only_what_was_answered() -> None:
    text = build_text(PitchAnswers.from_profile(Profile(name="Ria", degree="BSc Biology")), 30)
    assert text.startswith("Hi, I'm Ria — a BSc Biology student.")
    assert "[" not in text  # skipped steps leave no placeholder in a build


def test_builder_names_the_organization_when_tailored() -> None:
    text = build_text(MAYA.with_answer("organization", "City Resilience Office"), 60)
    assert "What draws me to City Resilience Office is your flood-resilience work" in text


def test_improved_version_drops_fillers_and_keeps_the_students_phrases() -> None:
    a = analyze(FILLERS, target_seconds=30, language=LANG)
    text = improved_text(FILLERS, a)
    assert analyze(text, target_seconds=30, language=LANG).fillers == {}
    for gone in ("Um", "basically", "you know", "I guess", "I think"):
        assert gone not in text
    assert "interested in marketing or business." in text  # "stuff" goes with the fillers
    assert "looking for an internship" in text
    assert '[your example: a moment that shows "hard worker", "fast learner"]' in text
    assert "[add: one experience" in text  # expected at 30 s, never invented
    assert count_words(text) <= word_budget(30) * 1.1


def test_improved_version_splits_and_trims_a_long_pitch() -> None:
    a = analyze(TOO_LONG, target_seconds=30, language=LANG)
    text = improved_text(TOO_LONG, a)
    assert count_words(text) <= word_budget(30) * 1.1
    assert "Sam Okafor" in text


def test_improved_version_marks_gaps_and_never_pulls_in_saved_answers() -> None:
    # Issue 10: a pasted pitch came back with the student's saved "What stands out to me is
    # duolingo". A cleaner version holds the pasted words and marked [add: ...] prompts only.
    a = analyze(MISSING, target_seconds=15, language=LANG)
    text = improved_text(MISSING, a)
    assert "robotics" not in text and "co-op" not in text
    assert "[add: the part of your field that excites you]" in text


# --------------------------------------------------------------------------- review screen


def test_review_screen_is_valid_html_and_escapes_the_pitch() -> None:
    pitch = FILLERS + " I built <b>things</b> & stuff."
    a, _, html = offline_review(pitch, target_seconds=30)
    assert html_errors(html) == []
    assert "<b>things</b>" not in html and "&lt;b&gt;things" in html
    assert f"~{round(a.seconds)} s spoken (target 30 s) · {30 - round(a.seconds)} s under" in html
    assert html.count("✅") + html.count("⬜") == 7
    assert "Fillers: " in html and "um ×2" in html
    assert len(html) < 2500


def test_claude_checklist_is_trusted_only_with_real_evidence() -> None:
    offline = analyze(MISSING, target_seconds=30, language=LANG)
    data = {
        "elements": [
            {"element": "focus", "present": True, "evidence": "robotics"},  # not in the pitch
            {"element": "identity", "present": True, "evidence": "I'm Jordan"},
        ],
        "vague_claims": [],
        "suggestions": ["Say what you study.", "Add what you're looking for."],
        "improved": "Hi, I'm Jordan, a sophomore. [add: your focus]",
    }
    result = from_claude_review(data, MISSING, offline)
    assert result is not None
    analysis, improved = result
    assert improved.startswith("Hi, I'm Jordan")
    assert Element.FOCUS not in analysis.present
    assert analysis.present[Element.IDENTITY] == "I'm Jordan"
    assert [s.text for s in analysis.suggestions] == data["suggestions"]
    assert analysis.seconds == offline.seconds  # timing stays measured
    assert from_claude_review({**data, "suggestions": []}, MISSING, offline) is None
    assert from_claude_review({**data, "elements": [{"element": "x"}]}, MISSING, offline) is None


# --------------------------------------------------------------------------- tailoring


def test_tailoring_asks_for_interest_and_fit_rather_than_inventing() -> None:
    assert tailor_gaps(PitchAnswers(), "Acme Water") == [Element.INTEREST, Element.FIT]
    generic = PitchAnswers(interest="your flood maps", fit="data skills")
    assert tailor_gaps(generic, "Acme Water") == [Element.INTEREST]
    specific = PitchAnswers(
        interest="Acme Water's flood maps", fit="data skills", organization="Acme Water"
    )
    assert tailor_gaps(specific, "Acme Water") == []
    assert tailor_gaps(specific, "Blue Lake Labs") == [Element.INTEREST, Element.FIT]
    for gap in (Element.INTEREST, Element.FIT):
        html = render("pitch/tailor_gap.html.j2", e=gap, who="Blue & Co", role="analyst", n=1, of=2)
        assert html_errors(html) == [] and "Blue &amp; Co" in html
    assert "analyst" in html


# --------------------------------------------------------------------------- rehearsal


def _take(minutes: int, seconds: float, transcript: str | None = None) -> Rehearsal:
    return new_rehearsal(T0 + timedelta(minutes=minutes), seconds, 60, transcript, language=LANG)


def test_rehearsal_progress_compares_with_three_takes_back() -> None:
    history = [_take(0, 94), _take(1, 80), _take(2, 71)]
    fb = rehearsal_feedback(_take(3, 62), history)
    assert (fb.seconds, fb.previous_seconds, fb.rehearsals_ago) == (62, 94, 3)
    assert fb.change_seconds == -32 and fb.closer_to_target and fb.count == 4
    assert fb.timing == "on"
    html = rehearsal_html(fb)
    assert "62 s, down from 94 s three rehearsals ago" in html
    assert html_errors(html) == []


def test_first_rehearsal_reports_over_target_without_progress() -> None:
    fb = rehearsal_feedback(_take(0, 81), [])
    assert fb.previous_seconds is None and fb.timing == "over" and fb.delta_seconds == 21
    html = rehearsal_html(fb)
    assert "21 s over" in html and "transcription" in html


def test_rehearsal_with_transcript_measures_pace_fillers_and_elements() -> None:
    take = _take(0, 60, FILLERS)
    assert take.wpm == count_words(FILLERS)
    assert (
        take.fillers_per_minute == analyze(FILLERS, target_seconds=60, language=LANG).filler_count
    )
    fb = rehearsal_feedback(take, [])
    assert Element.IDENTITY in fb.present and Element.EXPERIENCE in fb.missing
    assert fb.pace == "slow"
    html = rehearsal_html(fb)
    assert html_errors(html) == [] and "<blockquote>" in html


def test_rehearsal_round_trips_through_a_record() -> None:
    take = _take(5, 42.5, GOOD_60)
    assert from_json(Rehearsal, to_json(take)) == take


# --------------------------------------------------------------------------- practice and versions


def test_practice_follow_ups_target_what_the_reply_lacks() -> None:
    assert PRACTICE_OPENER == "So, tell me about yourself."
    thin = practice_follow_ups(analyze(MISSING, target_seconds=60, language=LANG), language=LANG)
    assert thin == [
        "So what are you looking for next?",
        "What have you worked on so far that connects to that?",
    ]
    vague = practice_follow_ups(analyze(FILLERS, target_seconds=60, language=LANG), language=LANG)
    assert vague[0] == 'You mentioned "hard worker". What\'s a time that showed it?'
    assert len(vague) == 2
    complete = practice_follow_ups(
        analyze(GOOD_60, target_seconds=60, language=LANG), language=LANG
    )
    assert len(complete) == 1


def test_practice_feedback_credits_what_the_follow_ups_drew_out() -> None:
    fb = practice_feedback(
        MISSING,
        [
            "I'm looking for a summer internship in robotics.",
            "Last year I built a line-following robot for class.",
        ],
        language=LANG,
    )
    assert fb.asked_about == (Element.POSITION, Element.EXPERIENCE)
    assert fb.answered == (Element.POSITION, Element.EXPERIENCE)
    assert Element.FOCUS in fb.still_missing
    html = practice_feedback_html(fb)
    assert html_errors(html) == [] and "(after the follow-up)" in html


def test_version_records_length_target_and_coverage() -> None:
    v = new_version(GOOD_60, at=T0, target_seconds=60, source="built", language=LANG)
    assert v.source == PitchSource.BUILT and v.words == count_words(GOOD_60)
    assert set(v.elements) == set(Element)
    assert from_json(PitchVersion, to_json(v)) == v
    with pytest.raises(ValueError):
        new_version("  ", at=T0, target_seconds=30, source="manual", language=LANG)


def test_improved_version_says_hello_once() -> None:

    text = (
        "Hi, I'm a student at State. I'm interested in marketing. "
        "I'm looking for an internship this summer."
    )
    _, improved, _ = offline_review(text, target_seconds=30, answers=PitchAnswers(name="Maya Chen"))
    # The profile's name is not in the pasted words, so it is not added (issue 10).
    assert improved.startswith("Hi, I'm a student at State.")
    assert improved.count("Hi") == 1 and "Maya" not in improved
