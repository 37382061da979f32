"""The student's contact network, in one import: records, circles, parsing, validation,
duplicates, search and attention.

The rules live in small modules named for what they do (``records``, ``circles``, ``fields``,
``parsing``, ``duplicates``, ``search``, ``file_fields``; the add-flow rules are in ``adding``);
this package re-exports them so callers can write ``from bot.features.contacts.domain import
Contact, Stage``. Everything is pure.
The circles and the stages follow the career-center handout: you know more people than you think,
you ask them for informational interviews, you thank them and keep in touch, and you ask each one
who else you should talk to.
"""

from __future__ import annotations

from bot.features.contacts.domain.circles import (
    NO_CIRCLE,
    Circle,
    CirclesFileError,
    circle,
    circles,
    load_circles,
    match_circle,
)
from bot.features.contacts.domain.duplicates import Person, duplicate_reason, find_duplicates, merge
from bot.features.contacts.domain.fields import (
    FIELD_LABELS,
    InvalidField,
    display_phone,
    display_value,
    fold,
    normalize_email,
    normalize_field,
    normalize_name,
    normalize_phone,
    normalize_url,
    phone_from_telegram,
)
from bot.features.contacts.domain.file_fields import EXPORT_FIELDS, build_draft, export_fields
from bot.features.contacts.domain.parsing import parse_contact_line, parse_names
from bot.features.contacts.domain.records import (
    LOG_CREATED,
    LOG_EDITED,
    LOG_INTERACTION,
    LOG_INTRO_ASK,
    LOG_MERGED,
    LOG_STAGE,
    TEXT_FIELDS,
    Contact,
    ContactDraft,
    LogEntry,
    Stage,
    add_log,
    change_stage,
    log_interaction,
    new_contact,
)
from bot.features.contacts.domain.search import (
    FOLLOW_UP_AFTER,
    KEEP_IN_TOUCH_AFTER,
    SCHEDULED_SOON,
    attention_order,
    attention_reason,
    intro_chain,
    introduced_by_contact,
    search,
)

__all__ = [
    "EXPORT_FIELDS",
    "FIELD_LABELS",
    "FOLLOW_UP_AFTER",
    "KEEP_IN_TOUCH_AFTER",
    "LOG_CREATED",
    "LOG_EDITED",
    "LOG_INTERACTION",
    "LOG_INTRO_ASK",
    "LOG_MERGED",
    "LOG_STAGE",
    "NO_CIRCLE",
    "SCHEDULED_SOON",
    "TEXT_FIELDS",
    "Circle",
    "CirclesFileError",
    "Contact",
    "ContactDraft",
    "InvalidField",
    "LogEntry",
    "Person",
    "Stage",
    "add_log",
    "attention_order",
    "attention_reason",
    "build_draft",
    "change_stage",
    "circle",
    "circles",
    "display_phone",
    "display_value",
    "duplicate_reason",
    "export_fields",
    "find_duplicates",
    "fold",
    "intro_chain",
    "introduced_by_contact",
    "load_circles",
    "log_interaction",
    "match_circle",
    "merge",
    "new_contact",
    "normalize_email",
    "normalize_field",
    "normalize_name",
    "normalize_phone",
    "normalize_url",
    "parse_contact_line",
    "parse_names",
    "phone_from_telegram",
    "search",
]
