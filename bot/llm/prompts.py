"""The stable system prefix every Claude request starts with, and sizing it without the API."""

from __future__ import annotations

from functools import cache

from bot.render.templates import render

PREFIX_TEMPLATE = "llm/prefix.txt.j2"


@cache
def system_prefix() -> str:
    """The one system prefix every Claude request starts with, rendered once.

    It takes no variables on purpose: it must be byte-for-byte the same for every student and
    every task, or the prompt cache would never be read back.
    """
    return render(PREFIX_TEMPLATE)


def estimated_tokens(text: str) -> int:
    """A conservative token count for English prose, for sizing without the API.

    The lower of two rules of thumb (four characters a token; 1.3 tokens a word), so a prefix
    that passes a model's minimum cacheable length here passes it for real.
    """
    return min(round(len(text) / 4), round(len(text.split()) * 1.3))
