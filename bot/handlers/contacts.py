"""The contact network on Telegram: /add (typed, one line, a shared card, a .vcf), brainstorm,
/contacts (list, search, filters, card actions, introductions) and contact export.

Order matters: the conversations come first, so a step that waits for text gets it before the
stateless list and card buttons and the file import.
"""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.handlers import brainstorm, contacts_add, contacts_import, contacts_input, contacts_list

CLAIMS: tuple[str, ...] = ("contacts", "add")


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Every contact handler, conversations first."""
    return [
        *contacts_add.handlers(),
        *brainstorm.handlers(),
        *contacts_input.handlers(),
        *contacts_import.handlers(),
        *contacts_list.handlers(),
    ]
