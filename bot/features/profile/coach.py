"""The first personal words a student reads after onboarding."""

from __future__ import annotations

from bot.features.profile.domain.profile import Profile
from bot.llm.base import LLM
from bot.llm.prompts import render

_MAX_WORDS = 80


async def welcome_html(llm: LLM, profile: Profile) -> str:
    """Claude's short, personal welcome, or the offline one when Claude is off or rambles."""
    text = await llm.text(
        "profile/welcome_system.txt.j2", "profile/welcome_user.txt.j2", profile=profile
    )
    if text and len(text.split()) <= _MAX_WORDS:
        return render("profile/welcome_claude.html.j2", profile=profile, text=text)
    return render("profile/welcome_offline.html.j2", profile=profile)
