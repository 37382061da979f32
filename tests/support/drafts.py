"""A student and contact to draft for, and a request email that passes every rule."""

from __future__ import annotations

from bot.features.outreach.domain.context import DraftContext
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.domain.records import Draft

BASE = DraftContext(
    student_name="Maya Chen",
    programme="BS Computer Science",
    contact_name="Dana Lopez",
    contact_first_name="Dana",
    objective="learn how you moved from nursing into health informatics",
    organization="Kaiser Permanente",
    role="Clinical Informatics Lead",
    field="health informatics",
    connection="the SJSU alumni directory",
    referrer_name="Priya Shah",
    may_use_referrer_name=True,
    debrief_highlight="joining AMIA as a student member",
    progress_update="I enrolled in an intro to SQL course",
)

GOOD_EMAIL = Draft(
    DraftKind.REQUEST_EMAIL,
    "20 minutes of your advice?",
    "Hello Dana,\n\nPriya Shah suggested I get in touch with you. I'm Maya Chen, studying BS "
    "Computer Science.\n\nMay I have 20 minutes of your time to learn how you moved from nursing "
    "into health informatics? Phone, video or in person is fine, at your convenience.\n\n"
    "Best regards,\nMaya Chen\nBS Computer Science",
)

# The same request as Claude would send it back, subject line first.
GOOD = (
    "Subject: 20 minutes of your advice?\n\n"
    "Hello Dana,\n\nI found you through the alumni network. I'm Maya Chen, studying BS Computer "
    "Science.\n\nMay I have 20 minutes of your time to learn how you moved from nursing into "
    "health informatics? Phone, video or in person is fine, at your convenience.\n\n"
    "Best regards,\nMaya Chen\nBS Computer Science"
)
