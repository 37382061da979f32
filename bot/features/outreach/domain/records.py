"""A draft as written and as kept: what the student copies, and the record "I sent it" updates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.features.outreach.domain.kinds import DraftKind, Source
from bot.features.outreach.domain.text import tidy

_SUBJECT_LINE = re.compile(r"^\s*subject\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Draft:
    """A message ready to show; ``repairs`` records which rules fired before it became valid."""

    kind: DraftKind
    subject: str | None
    body: str
    source: Source = "offline"
    repairs: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """What the student copies: subject line (if any), blank line, body."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body


@dataclass(frozen=True, slots=True)
class SavedDraft:
    """A draft the student was shown, kept so "I sent it" and follow-up timing have a record."""

    id: str
    kind: DraftKind
    contact_id: str
    subject: str | None
    body: str
    source: Source
    created_at: datetime
    sent_at: datetime | None = None


def parse_draft_text(kind: DraftKind, text: str, source: Source) -> Draft:
    """Split "Subject: ..." off a rendered or generated text, the one format both sources use."""
    text = tidy(text)
    subject: str | None = None
    match = _SUBJECT_LINE.match(text)
    if match and match.start() == 0:
        subject = match.group(1).strip()
        text = text[match.end() :].strip()
    return Draft(kind=kind, subject=subject, body=text, source=source)
