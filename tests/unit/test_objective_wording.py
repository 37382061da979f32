"""Objectives in everyday words read as part of the ask, never with "learn about" glued on."""

from __future__ import annotations

import pytest

from bot.features.outreach.domain.asking import objective_clause


@pytest.mark.parametrize(
    ("typed", "clause"),
    [
        ("i want advice on breaking into UX", "get your advice on breaking into UX"),
        ("so i want some advice about resumes", "get your advice about resumes"),
        (
            "what does a typical day look like for a PM?",
            "hear what a typical day looks like for a PM",
        ),
        ("pick your brain about fintech", "pick your brain about fintech"),
        ("How you got started in health tech", "hear how you got started in health tech"),
        ("How did you get started in UX?", "hear how you got started in UX"),
        ("why did you choose nursing?", "hear why you chose nursing"),
        ("What skills do employers look for?", "hear what skills employers look for"),
        ("how do I break into consulting?", "hear how to break into consulting"),
        ("what are the biggest challenges in UX?", "hear what the biggest challenges in UX are"),
        (
            "which skills matter most for product roles",
            "hear which skills matter most for product roles",
        ),
        ("I'd like to hear about your career path", "hear about your career path"),
        ("My goal is to explore consulting", "explore consulting"),
        (
            "chat about switching from nursing to health informatics",
            "chat about switching from nursing to health informatics",
        ),
        ("Career paths in digital health", "learn about career paths in digital health"),
        ("UX research methods", "learn about UX research methods"),
        ("learn how you moved into UX", "learn how you moved into UX"),
        ("", "hear your advice"),
        # a career goal typed as the objective: what they want advice on, not "learn about"
        ("break into UX", "get your advice on how to break into UX"),
        ("Become a data scientist", "get your advice on how to become a data scientist"),
        ("prepare for the CPA exam", "get your advice on how to prepare for the CPA exam"),
        ("get into consulting", "get your advice on how to get into consulting"),
    ],
)
def test_everyday_objectives_read_as_the_ask(typed: str, clause: str) -> None:
    assert objective_clause(typed) == clause


def test_a_yes_no_question_is_kept_as_asked() -> None:
    assert objective_clause("Is grad school worth it?") == "ask you: Is grad school worth it?"
