"""The contact network on Telegram: /add (typed, one line, a shared card, a .vcf), brainstorm,
/contacts (list, search, filters, card actions, introductions) and contact export.

Order matters: the conversations come first, so a step that waits for text gets it before the
stateless list and card buttons and the file import.
"""

from __future__ import annotations

from bot.features.contacts.handlers import add as contacts_add
from bot.features.contacts.handlers import brainstorm, card
from bot.features.contacts.handlers import importing as contacts_import
from bot.features.contacts.handlers import listing as contacts_list
from bot.features.contacts.handlers import typed as contacts_input
from bot.flow.context import AnyHandler


def handlers() -> list[AnyHandler]:
    """Every contact handler, conversations first."""
    return [
        *contacts_add.handlers(),
        *brainstorm.handlers(),
        *contacts_input.handlers(),
        *contacts_import.handlers(),
        *contacts_list.handlers(),
        *card.handlers(),
    ]
