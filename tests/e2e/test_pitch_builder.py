"""/pitch → Build as a student sees it: honest timing at their own pace, and corrections typed
while building that reach the profile (and so the drafts signed later)."""

from __future__ import annotations

import re

from bot.features.contacts.domain import ContactDraft
from bot.features.pitch.pace import set_student_pace
from bot.features.profile.domain.profile import Profile
from tests.fakes.harness import Harness
from tests.support.pitch import repo

UID = 1001
SLOW = 110


async def _build(chat) -> None:  # type: ignore[no-untyped-def]
    await chat.send("/pitch")
    await chat.press("Build one with me")
    for answer in (
        "Grace Kim",
        "a senior accounting major at San José State",
        "forensic accounting",
        "an audit or forensic internship for next summer",
        "prepared 40 tax returns for low-income families with VITA",
    ):
        await chat.send(answer)
    for _ in range(3):
        await chat.press("Skip")


def _labels(shown: str) -> dict[int, int]:
    """Seconds the result screen says each version takes, by slot (the "~N s" under it)."""
    found: dict[int, int] = {}
    for block in re.split(r"\n(?=.*\b(?:15|30|60) s\b)", shown):
        slot = re.search(r"\b(15|30|60) s\b", block)
        said = re.search(r"~(\d+) s\b(?! slot)", block)
        if slot and said and "version:" not in block.split("\n", 1)[0]:
            found.setdefault(int(slot.group(1)), int(said.group(1)))
    return found


async def test_the_time_under_a_built_version_is_the_time_it_is_saved_with(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await set_student_pace(harness.store, chat.user_id, SLOW)
    await _build(chat)
    labels = _labels(chat.last.plain)
    assert 15 in labels and labels[15] <= 15, chat.last.plain  # fits at her slow pace
    slot = max(labels)  # the longest on offer: five answers don't fill a minute at 110 wpm
    await chat.press(f"Keep {slot} s")
    current = await repo(harness).current(chat.user_id)
    assert current is not None and current.target_seconds == slot
    # one measure at the student's pace: the label, the stored version and what /pitch shows
    assert labels[slot] == round(current.seconds), (labels, current.seconds)
    assert f"~{labels[slot]} s for a {slot} s slot" in chat.last.plain
    await chat.send("/pitch")
    assert f"~{labels[slot]} s for a {slot} s slot" in chat.last.plain


async def _student_with_a_typo(h: Harness) -> None:
    services = h.app.bot_data["services"]
    await services.profiles.save(
        UID,
        Profile(
            name="Maya Chen",
            degree="BS Comptuer Science",
            interests="health informatics",
            timezone="America/Los_Angeles",
            onboarded=True,
        ),
    )
    await services.contacts.add(
        UID,
        ContactDraft(
            name="Dana Lopez",
            organization="Kaiser Permanente",
            role="Clinical Informatics Lead",
            circle="alumni",
        ),
    )


async def _correct_the_degree(chat) -> None:  # type: ignore[no-untyped-def]
    await chat.send("/pitch")
    await chat.press("Build one with me")
    await chat.press("Keep")  # name
    assert "BS Comptuer Science" in chat.last.plain
    await chat.send("BS Computer Science")


async def _draft_email(chat) -> str:  # type: ignore[no-untyped-def]
    await chat.send("/draft")
    await chat.press("Interview request (email)")
    await chat.press("Dana Lopez · Kaiser Permanente")
    await chat.send("learn how you moved from nursing into health informatics")
    return str(chat.last.plain)


async def test_a_correction_typed_while_building_reaches_the_profile_and_later_drafts(
    harness: Harness,
) -> None:
    await _student_with_a_typo(harness)
    chat = harness.chat(UID)
    await _correct_the_degree(chat)
    asked = chat.last.plain
    assert "Your profile still says BS Comptuer Science" in asked
    assert chat.buttons() == ["✅ Update my profile", "Only the pitch"]
    await chat.press("✅ Update my profile")
    assert "Profile updated" in chat.messages[-2].plain
    assert "3/8" in chat.last.plain  # and the build goes on with the next question
    services = harness.app.bot_data["services"]
    assert (await services.profiles.get(UID)).degree == "BS Computer Science"
    answers = await repo(harness).answers(UID)
    assert answers is not None and answers.identity == "BS Computer Science"

    await chat.send("/cancel")
    draft = await _draft_email(chat)
    assert "BS Computer Science" in draft and "Comptuer" not in draft
    assert not harness.unanswered_callbacks()


async def test_only_the_pitch_leaves_the_profile_as_it_was(harness: Harness) -> None:
    await _student_with_a_typo(harness)
    chat = harness.chat(UID)
    await _correct_the_degree(chat)
    await chat.send("/cancel")  # paused on the question: /pitch asks it again
    await chat.send("/pitch")
    assert "Your profile still says" in chat.last.plain
    await chat.press("Only the pitch")
    assert "3/8" in chat.last.plain
    services = harness.app.bot_data["services"]
    assert (await services.profiles.get(UID)).degree == "BS Comptuer Science"
    answers = await repo(harness).answers(UID)
    assert answers is not None and answers.identity == "BS Computer Science"


async def test_keeping_what_the_profile_says_asks_nothing(harness: Harness) -> None:
    await _student_with_a_typo(harness)
    chat = harness.chat(UID)
    await chat.send("/pitch")
    await chat.press("Build one with me")
    await chat.press("Keep")
    await chat.send("bs comptuer science")  # the same, typed again in lower case
    assert "3/8" in chat.last.plain and "profile" not in chat.last.plain


async def test_a_non_answer_is_explained_and_asked_again_not_built_into_a_sentence(
    harness: Harness,
) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Build one with me")
    await chat.send("Kim Park")
    await chat.send("junior in CS")
    await chat.send("idk")  # focus
    assert "A few words of your own" in chat.last.plain and "3/8" not in chat.last.plain
    await chat.send("distributed systems")
    assert "4/8" in chat.last.plain
    answers = await repo(harness).answers(chat.user_id)
    assert answers is not None and answers.focus == "distributed systems"


async def test_a_button_left_under_the_question_asks_about_the_profile_again(
    harness: Harness,
) -> None:
    await _student_with_a_typo(harness)
    chat = harness.chat(UID)
    await _correct_the_degree(chat)
    question = chat.messages[-2]  # "2/8 What are you studying?" with its Keep / Skip buttons
    await chat.press("Skip", question)
    assert "Your profile still says" in chat.last.plain
    assert not harness.unanswered_callbacks()


async def test_the_built_pitch_introduces_the_student_as_the_drafts_do(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/pitch")
    await chat.press("Build one with me")
    for answer in ("kevin tran", "Junior studying psych", "fintech", "a summer internship"):
        await chat.send(answer)
    for _ in range(4):
        await chat.press("Skip")
    shown = chat.last.plain
    assert "Hi, I'm Kevin Tran — a junior studying psychology." in shown, shown
    assert "studying junior" not in shown and "kevin tran" not in shown
