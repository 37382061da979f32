"""Which language a pasted pitch is in, so a pitch in Spanish gets an honest answer.

The checklist, the filler lists and the cleaner version only know English: a Spanish pitch scored
0 of 7 and came back with English placeholders and "Hi, I'm ..." stuck on the front. Knowing the
language lets the review say so instead. English is recognised from its common words without
loading anything; only a text with almost none of them goes to py3langid, whose model ships in
its wheel (about two seconds to load, once, and only for such a text).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

ENGLISH = "en"
#: Languages students in an English-speaking programme most often write in, beside English.
_CANDIDATE_TEXT = "en es fr pt de it nl pl sv ro tr ru uk ar fa hi bn ur zh ja ko vi id ms tl sw"
CANDIDATES = tuple(_CANDIDATE_TEXT.split())
NAMES = {
    "es": "Spanish",
    "fr": "French",
    "pt": "Portuguese",
    "de": "German",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "ro": "Romanian",
    "tr": "Turkish",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "fa": "Persian",
    "hi": "Hindi",
    "bn": "Bengali",
    "ur": "Urdu",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "vi": "Vietnamese",
    "id": "Indonesian",
    "ms": "Malay",
    "tl": "Tagalog",
    "sw": "Swahili",
}
_ENGLISH_TEXT = (
    "i i'm i've i'd me my we our you your the a an and or but of to in on at for with from "
    "by about as is am are was were be been have has had do did this that it what how who "
    "which when where why so because would could like love want looking"
)
_ENGLISH_WORDS = frozenset(_ENGLISH_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 6  # shorter texts are too little to judge; they are read as English
ENGLISH_SHARE = 0.15  # English prose is a third or more function words; other languages ~0
MIN_CONFIDENCE = 0.9


@cache
def _identifier() -> Any:
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_DIR,
        MODEL_FILE,
        LanguageIdentifier,
    )

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language; "en" when it is English or too short to tell."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return ENGLISH
    if sum(w in _ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words):
        return ENGLISH
    code, confidence = _identifier().classify(text)
    return str(code) if confidence >= MIN_CONFIDENCE else ENGLISH


def language_name(code: str) -> str:
    """ "es" -> "Spanish"; an unknown code is shown as given."""
    return "English" if code == ENGLISH else NAMES.get(code, code)
