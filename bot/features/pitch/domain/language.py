"""The pitch's word lists (fillers, hedges, vague claims, element cues), loaded and checked.

They live in ``data/pitch_language.json`` so a career center can tune them without code; a broken
file stops the bot at start-up with a message naming the entry to fix, never mid-conversation.
This module only validates what was read (``bot.features.pitch.content`` reads the file), and
every rule that needs the lists takes them as an argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.features.pitch.domain.elements import Element


class PitchLanguageError(ValueError):
    """The language file can't be used; the message names the file, the entry and the problem."""


@dataclass(frozen=True, slots=True)
class Matcher:
    """One filler, hedge, claim or cue; ``rewrite`` is what the improved version puts instead."""

    label: str
    regex: re.Pattern[str]
    rewrite: str | None = None


@dataclass(frozen=True, slots=True)
class PitchLanguage:
    """The validated contents of ``data/pitch_language.json``."""

    fillers: tuple[Matcher, ...]
    hedges: tuple[Matcher, ...]
    vague: tuple[Matcher, ...]
    concrete: tuple[Matcher, ...]
    connectors: tuple[Matcher, ...]
    asks: tuple[Matcher, ...]
    cues: Mapping[Element, tuple[Matcher, ...]]
    leading_verbs: frozenset[str]
    ing_nouns: frozenset[str]
    example_placeholder: str
    follow_ups: Mapping[Element, tuple[str, ...]]
    vague_follow_up: str
    general_follow_ups: tuple[str, ...]
    #: Practice: what answers an element's follow-up besides its cues ("An internship.").
    answer_cues: Mapping[Element, tuple[Matcher, ...]]
    #: Practice: replies that say there is no answer yet ("I'm not sure").
    non_answers: tuple[Matcher, ...]


def phrase_regex(phrase: str) -> str:
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    return rf"(?<![\w'-]){body}(?![\w'-])"


def _matcher(raw: Any, where: str) -> Matcher:
    if isinstance(raw, str) and raw.strip():
        raw = {"phrase": raw}
    if not isinstance(raw, dict):
        raise PitchLanguageError(f"{where}: expected a phrase or an object, got {raw!r}")
    phrase, pattern = raw.get("phrase"), raw.get("pattern")
    if isinstance(phrase, str) and phrase.strip():
        source, label = phrase_regex(phrase), raw.get("label", phrase)
    elif isinstance(pattern, str) and pattern:
        source, label = pattern, raw.get("label", pattern[:40])
    else:
        raise PitchLanguageError(f"{where}: needs a non-empty 'phrase' or 'pattern'")
    rewrite = raw.get("rewrite")
    if not isinstance(label, str) or not label or not (rewrite is None or isinstance(rewrite, str)):
        raise PitchLanguageError(f"{where}: 'label' and 'rewrite' must be strings")
    try:
        regex = re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise PitchLanguageError(f"{where} ({label}): bad pattern: {exc}") from None
    return Matcher(label, regex, rewrite)


def _matchers(raw: dict[str, Any], key: str, path: Path | str) -> tuple[Matcher, ...]:
    items = raw.get(key)
    if not isinstance(items, list) or not items:
        raise PitchLanguageError(f"{path}: '{key}' must be a non-empty list")
    return tuple(_matcher(item, f"{path}: {key}[{i}]") for i, item in enumerate(items))


def _texts(value: Any, where: str, *, placeholder: bool = False) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if (
        not isinstance(items, list)
        or not items
        or not all(isinstance(t, str) and t.strip() for t in items)
    ):
        raise PitchLanguageError(f"{where}: must be a non-empty text or list of texts")
    if placeholder and not all("{phrase}" in t for t in items):
        raise PitchLanguageError(f"{where}: must contain {{phrase}}")
    return tuple(items)


def parse_pitch_language(raw: Any, path: Path | str = "pitch_language.json") -> PitchLanguage:
    """Validate parsed JSON; raise ``PitchLanguageError`` saying exactly what to fix."""
    if not isinstance(raw, dict):
        raise PitchLanguageError(f"{path}: top level must be an object")
    cues_raw = raw.get("elements")
    if not isinstance(cues_raw, dict):
        raise PitchLanguageError(f"{path}: 'elements' must be an object keyed by element")
    if unknown := sorted(set(cues_raw) - {e.value for e in Element}):
        raise PitchLanguageError(f"{path}: elements: unknown {unknown}")
    cues = {e: _matchers(cues_raw, e.value, f"{path}: elements") for e in Element}
    practice = raw.get("practice")
    if not isinstance(practice, dict) or not isinstance(practice.get("follow_ups"), dict):
        raise PitchLanguageError(f"{path}: 'practice.follow_ups' must be an object")
    follow = {
        e: _texts(practice["follow_ups"].get(e.value), f"{path}: practice.follow_ups.{e.value}")
        for e in Element
    }
    answers_raw = practice.get("answers", {})
    if not isinstance(answers_raw, dict):
        raise PitchLanguageError(f"{path}: 'practice.answers' must be an object keyed by element")
    if unknown := sorted(set(answers_raw) - {e.value for e in Element}):
        raise PitchLanguageError(f"{path}: practice.answers: unknown {unknown}")
    answer_cues = {
        e: _matchers(answers_raw, e.value, f"{path}: practice.answers")
        if e.value in answers_raw
        else ()
        for e in Element
    }
    verbs = _texts(raw.get("leading_verbs"), f"{path}: leading_verbs")
    ing_nouns = _texts(raw.get("ing_nouns"), f"{path}: ing_nouns")
    return PitchLanguage(
        fillers=_matchers(raw, "fillers", path),
        hedges=_matchers(raw, "hedges", path),
        vague=_matchers(raw, "vague_claims", path),
        concrete=_matchers(raw, "concrete_markers", path),
        connectors=_matchers(raw, "example_connectors", path),
        asks=_matchers(raw, "ask_cues", path),
        cues=cues,
        leading_verbs=frozenset(v.lower() for v in verbs),
        ing_nouns=frozenset(n.lower() for n in ing_nouns),
        example_placeholder=_texts(
            raw.get("example_placeholder"), f"{path}: example_placeholder", placeholder=True
        )[0],
        follow_ups=follow,
        vague_follow_up=_texts(practice.get("vague"), f"{path}: practice.vague", placeholder=True)[
            0
        ],
        general_follow_ups=_texts(practice.get("general"), f"{path}: practice.general"),
        answer_cues=answer_cues,
        non_answers=_matchers(practice, "non_answers", f"{path}: practice"),
    )
