"""The student's contact network, in one import: records, circles, parsing, validation,
duplicates, search and attention.

The rules live in small modules named for what they do (``contacts_records``, ``contacts_circles``,
``contacts_fields``, ``contacts_parsing``, ``contacts_duplicates``, ``contacts_search``,
``contacts_files``; the add-flow rules are in ``contacts_flow``); this module re-exports them so
callers can keep writing ``from bot.domain.contacts import Contact, Stage``. Everything is pure.
The circles and the stages follow the career-center handout: you know more people than you think,
you ask them for informational interviews, you thank them and keep in touch, and you ask each one
who else you should talk to.
"""

from __future__ import annotations

from bot.domain.contacts_circles import (
    NO_CIRCLE,
    Circle,
    CirclesFileError,
    circle,
    circles,
    load_circles,
    match_circle,
)
from bot.domain.contacts_duplicates import Person, duplicate_reason, find_duplicates, merge
from bot.domain.contacts_fields import (
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
from bot.domain.contacts_files import EXPORT_FIELDS, build_draft, export_fields
from bot.domain.contacts_parsing import parse_contact_line, parse_names
from bot.domain.contacts_records import (
    LOG_CREATED,
    LOG_EDITED,
    LOG_INTERACTION,
    LOG_INTRO_ASK,
    LOG_MERGED,
    LOG_STAGE,
    Contact,
    ContactDraft,
    LogEntry,
    Stage,
    add_log,
    change_stage,
    log_interaction,
    new_contact,
)
from bot.domain.contacts_search import (
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
