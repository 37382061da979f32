"""The pitch's shipped content: the word lists in ``data/pitch_language.json``, read once.

The domain validates what is read (``parse_pitch_language``) and takes the result as an
argument; this is the one place that opens the file, so a career center's edit is checked at
start-up (``handlers()`` loads it) and a broken entry is named before any student sees it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from bot.features.pitch.domain.language import (
    PitchLanguage,
    PitchLanguageError,
    parse_pitch_language,
)
from bot.resources import resource_dir


def load_pitch_language(path: Path | str) -> PitchLanguage:
    """Read and validate a language file."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PitchLanguageError(f"cannot read {path}: {exc}") from exc
    return parse_pitch_language(raw, path)


@cache
def pitch_language() -> PitchLanguage:
    """The shipped rules, loaded once."""
    return load_pitch_language(resource_dir("data") / "pitch_language.json")
