"""Text utilities the rules and the templates share: tidy whitespace, sentences, content words."""

from __future__ import annotations

import re

_STOPWORD_TEXT = (
    "a an and the to of in on for with about at by from into how what why who which your my "
    "our their his her you i me we is are be been more some any this that these those learn "
    "hear get understand ask know"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def tidy(text: str) -> str:
    """Normalise whitespace left by template branches: no trailing spaces, one blank line max."""
    lines = [re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def content_words(text: str) -> set[str]:
    """Meaningful words, so checks recognise a paraphrase rather than demand exact wording."""
    words = re.findall(r"[a-z0-9][a-z0-9+#'-]*", text.lower())
    return {w.strip("'-") for w in words if len(w) >= 3 and w not in _STOPWORDS}


def mentions(draft_text: str, phrase: str) -> bool:
    """Whether at least half the meaningful words of ``phrase`` appear in the draft."""
    wanted = content_words(phrase)
    if not wanted:
        return True
    have = content_words(draft_text)
    return len(wanted & have) * 2 >= len(wanted)


def sentences(text: str) -> list[str]:
    """Sentences and lines, the unit the fixers drop or keep."""
    parts: list[str] = []
    for line in text.splitlines():
        parts.extend(p for p in re.split(r"(?<=[.!?])\s+", line.strip()) if p)
    return parts


def word_count(text: str) -> int:
    """Words as a reader counts them."""
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))
