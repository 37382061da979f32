"""What the /pitch modules share: conversation states, scratch keys and small lookups.

Kept apart from ``bot.features.pitch.handlers`` so each step module can import it without a cycle.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.practice import PitchSource, PitchVersion
from bot.features.pitch.domain.text import placeholders
from bot.flow.kit import CoachContext, Rows, say, user_id
from bot.llm.prompts import render
from bot.render.keyboards import btn

(
    MENU,
    BUILD,
    BUILT,
    PASTE,
    TARGET,
    REVIEWED,
    TAILOR_PICK,
    TAILOR_ASK,
    TAILORED,
    REHEARSE,
    PRACTICE,
) = range(11)

FLOW = "pitch_flow"  # which multi-step flow to resume on /pitch: build, tailor or practice
CANDIDATE = "pitch_candidate"  # a generated pitch waiting for "Keep"
DEFAULT_TARGET = 60


def wpm(context: CoachContext) -> int:
    """The speaking rate every word budget is computed with."""
    return context.services.settings.speaking_rate_wpm


def note(key: str, **variables: Any) -> str:
    """One short line from ``prompts/pitch/notes.html.j2``."""
    return render("pitch/notes.html.j2", key=key, **variables)


async def answers_for(update: Update, context: CoachContext) -> PitchAnswers:
    """Saved build answers, with the profile filling what they lack."""
    uid = user_id(update)
    profile = await context.services.profiles.get(uid)
    saved = await context.services.pitches.answers(uid)
    prefill = PitchAnswers.from_profile(profile)
    return saved.filled_from(prefill) if saved else prefill


async def current_target(update: Update, context: CoachContext) -> int:
    """The target of the current pitch (rehearsals and tailoring aim at it), 60 s by default."""
    current = await context.services.pitches.current(user_id(update))
    return current.target_seconds if current else DEFAULT_TARGET


def home_rows(has_pitch: bool) -> Rows:
    """The /pitch options: the full set with a pitch, build or paste without one."""
    if not has_pitch:
        return [[btn("🛠 Build one with me", "pt", "b")], [btn("📋 Paste one to review", "pt", "p")]]
    return [
        [btn("🔍 Review", "pt", "r"), btn("✂️ Shorten", "pt", "s")],
        [btn("🎯 Tailor", "pt", "t"), btn("🎙 Rehearse", "pt", "h")],
        [btn("💬 Practice", "pt", "q"), btn("🗂 Versions", "pt", "v")],
        [btn("🔄 Start again", "pt", "b"), btn("📋 Paste new", "pt", "p")],
    ]


async def hint(update: Update, context: CoachContext) -> None:
    """Text on a screen that waits for a tap: say what this screen takes, not "type your answer"."""
    has_pitch = await context.services.pitches.current(user_id(update)) is not None
    await say(update, context, note("home_hint", rehearse=has_pitch))


async def target_hint(update: Update, context: CoachContext) -> None:
    """Text where a slot length is asked: only the length buttons answer it."""
    await say(update, context, note("target_hint"))


async def show_home(update: Update, context: CoachContext) -> int:
    """The current pitch with what to do next (or build / paste when there is none)."""
    repo = context.services.pitches
    uid = user_id(update)
    versions = await repo.versions(uid)
    current = versions[0] if versions else None
    html = render("pitch/home.html.j2", v=current, count=len(versions), total=len(Element))
    await say(update, context, html, home_rows(current is not None))
    return MENU


def offer(
    context: CoachContext,
    text: str,
    target: int,
    source: PitchSource,
    tailored_for: str | None = None,
) -> Rows:
    """Remember a generated pitch until the student keeps it; the buttons that keep or leave it."""
    context.scratch[CANDIDATE] = {
        "text": text,
        "target": target,
        "source": source.value,
        "for": tailored_for,
    }
    return [[btn("💾 Keep this one", "pt", "k"), btn("⬅️ Back", "pt", "m")]]


async def save_and_confirm(
    update: Update,
    context: CoachContext,
    text: str,
    target: int,
    source: PitchSource | str,
    tailored_for: str | None = None,
) -> PitchVersion:
    """Save a version and say so, with the next useful steps as buttons."""
    uid = user_id(update)
    profile = await context.services.profiles.get(uid)
    version = await context.services.pitches.save_version(
        uid,
        text,
        target_seconds=target,
        source=source,
        wpm=wpm(context),
        tailored_for=tailored_for,
        profile_name=profile.name,
    )
    context.scratch.pop(CANDIDATE, None)
    saved = note("saved", seconds=round(version.seconds), target=target)
    if notes := placeholders(text):
        saved = f"{saved.rstrip()}\n{note('fill_placeholders', notes=notes).strip()}"
    await say(
        update,
        context,
        saved,
        [
            [btn("🎙 Rehearse", "pt", "h"), btn("💬 Practice", "pt", "q")],
            [btn("🗣 My pitch", "pt", "m")],
        ],
    )
    return MENU
