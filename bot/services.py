"""The collaborators every handler may use, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.features.contacts.repository import ContactRepository
from bot.features.interviews.domain.questions import QuestionBank
from bot.features.interviews.repository import InterviewRepository
from bot.features.nudges.repository import NudgeRepository
from bot.features.outreach.repository import DraftRepository
from bot.features.pitch.repository import PitchRepository
from bot.features.profile.repository import ProfileRepository
from bot.llm.base import LLM
from bot.llm.ledger import Ledger
from bot.llm.transcribe import Transcriber
from bot.render.callbacks import CallbackCodec
from bot.settings import Settings
from bot.store.base import Store
from bot.transport.health import Heartbeats


@dataclass(frozen=True, slots=True)
class Services:
    """Shared, long-lived objects; handlers reach them as ``context.services``."""

    settings: Settings
    store: Store
    llm: LLM
    transcriber: Transcriber
    clock: Clock
    codec: CallbackCodec
    profiles: ProfileRepository
    contacts: ContactRepository
    interviews: InterviewRepository
    drafts: DraftRepository
    pitches: PitchRepository
    questions: QuestionBank
    ledger: Ledger
    nudges: NudgeRepository
    # Background sweeps (nudges) report here; /readyz fails when a registered one is overdue.
    heartbeats: Heartbeats = field(default_factory=Heartbeats)
