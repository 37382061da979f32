"""Telegram-flavoured HTML: escape user text, measure and split long messages.

Telegram counts the 4,096-character limit on the text *after* it parses the HTML, so lengths here
are measured on the visible text, and splits happen at paragraph, then line, then word boundaries so
a reader on a phone never sees a sentence cut in half.
"""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
_TAG = re.compile(r"<[^>]+>")


def esc(text: object) -> str:
    """Escape anything a user (or Claude) wrote before it goes into an HTML message."""
    return html.escape(str(text), quote=False)


def visible_text(markup: str) -> str:
    """What the reader sees once Telegram has parsed the HTML."""
    return html.unescape(_TAG.sub("", markup))


def visible_len(markup: str) -> int:
    """Length that Telegram counts towards its limit (UTF-16 code units, as the Bot API does)."""
    return len(visible_text(markup).encode("utf-16-le")) // 2


def split_message(markup: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split a long HTML message into pieces of at most ``limit`` visible characters.

    Pieces break between paragraphs where possible; our templates never open a tag in one paragraph
    and close it in another, so each piece stays well-formed.
    """
    if visible_len(markup) <= limit:
        return [markup]
    pieces: list[str] = []
    current = ""
    for unit in _units(markup, limit):
        candidate = f"{current}\n\n{unit}" if current else unit
        if current and visible_len(candidate) > limit:
            pieces.append(current)
            current = unit
        else:
            current = candidate
    if current:
        pieces.append(current)
    return _balance(pieces)


_TAG_PARTS = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")
_SPACE_OUTSIDE_TAGS = re.compile(r" (?![^<>]*>)")


def _balance(pieces: list[str]) -> list[str]:
    """Close the tags still open at the end of each piece and reopen them in the next.

    A long ``<blockquote>`` or ``<pre>`` may be cut in two; Telegram rejects any message with
    an unclosed tag, so each piece must stand on its own.
    """
    balanced: list[str] = []
    carried: list[tuple[str, str]] = []  # (name, opening tag as written)
    for piece in pieces:
        opened = "".join(tag for _, tag in carried)
        stack = list(carried)
        for match in _TAG_PARTS.finditer(piece):
            closing, name = match.group(1), match.group(2).lower()
            if not closing:
                stack.append((name, match.group(0)))
            elif stack and stack[-1][0] == name:
                stack.pop()
        closed = "".join(f"</{name}>" for name, _ in reversed(stack))
        balanced.append(f"{opened}{piece}{closed}")
        carried = stack
    return balanced


def _units(markup: str, limit: int) -> list[str]:
    """Paragraphs, with any paragraph over the limit broken into lines, then words."""
    units: list[str] = []
    for paragraph in markup.split("\n\n"):
        if visible_len(paragraph) <= limit:
            units.append(paragraph)
            continue
        for line in paragraph.split("\n"):
            units.extend(_wrap_words(line, limit) if visible_len(line) > limit else [line])
    return units


def _wrap_words(line: str, limit: int) -> list[str]:
    """Break one very long line at spaces (and, for a giant word, anywhere)."""
    out: list[str] = []
    current = ""
    for word in _SPACE_OUTSIDE_TAGS.split(line):  # never inside <blockquote expandable>
        while visible_len(word) > limit:
            out.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if visible_len(candidate) > limit:
            out.append(current)
            current = word
        else:
            current = candidate
    if current:
        out.append(current)
    return out
