"""The first personal words a student reads after onboarding."""

from __future__ import annotations

import asyncio

from bot.features.outreach.domain.job_ask import job_ask_sentences
from bot.features.profile.domain.profile import Profile
from bot.features.profile.domain.spelling import CHECKED_FIELDS, spelling_suggestion
from bot.llm.base import LLM, Request
from bot.llm.grounding import unsupported_facts
from bot.render.templates import render

_MAX_WORDS = 80


def profile_data(profile: Profile) -> dict[str, str]:
    """The profile as Claude sees it: what the student wrote, under plain names."""
    fields = {
        "name": profile.name,
        "studies": profile.degree,
        "curious_about": profile.interests,
        "aiming_for": profile.position,
    }
    return {k: v for k, v in fields.items() if v}


async def welcome_html(llm: LLM, profile: Profile) -> str:
    """Claude's short, personal welcome, or the offline one when Claude is off, rambles,
    invents a fact about the student or suggests asking for a job."""
    data = profile_data(profile)
    reply = await llm.complete(
        Request(
            "profile/welcome_user.txt.j2",
            {"profile": data},
            task_template="profile/welcome_system.txt.j2",
            max_tokens=300,
        )
    )
    text = reply.value if reply.ok else None
    if (
        text
        and len(text.split()) <= _MAX_WORDS
        and not unsupported_facts(text, data.values())
        and not job_ask_sentences(text, seeking_counts=False)
    ):
        return render("profile/welcome_claude.html.j2", profile=profile, text=text)
    return render("profile/welcome_offline.html.j2", profile=profile)


async def spelling_question(profile: Profile, field: str) -> str | None:
    """The answer just given with its likely typos fixed, when it has any ("Comptuer Science").

    The dictionary takes about half a second to load the first time, so it loads in a worker
    thread rather than on the event loop every student shares.
    """
    value = getattr(profile, field, None)
    if field not in CHECKED_FIELDS or not isinstance(value, str) or not value:
        return None
    return await asyncio.to_thread(spelling_suggestion, value)
