"""The collaborators every handler may use, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.domain.questions import QuestionBank
from bot.llm.gateway import LLM
from bot.llm.transcribe import Transcriber
from bot.render.callbacks import CallbackCodec
from bot.settings import Settings
from bot.store.base import Store
from bot.store.contacts import ContactRepository
from bot.store.interviews import DraftRepository, InterviewRepository
from bot.store.pitches import PitchRepository
from bot.store.profiles import ProfileRepository


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
