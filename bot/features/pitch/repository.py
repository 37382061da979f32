"""The student's pitches: saved versions, the build flow's answers and logged rehearsals.

Versions and rehearsals are kept whole, never overwritten, so the coach can show how a pitch and
its delivery changed over time. Logging a rehearsal and reading the history it is compared with
happen in one transaction, so two quick voice notes can't both claim to be "rehearsal 3".
"""

from __future__ import annotations

from dataclasses import replace

from bot.clock import Clock
from bot.features.pitch.content import pitch_language
from bot.features.pitch.domain.answers import PitchAnswers
from bot.features.pitch.domain.elements import DEFAULT_WPM
from bot.features.pitch.domain.practice import (
    PitchSource,
    PitchVersion,
    Rehearsal,
    RehearsalFeedback,
    new_rehearsal,
    new_version,
    rehearsal_feedback,
)
from bot.store.base import Store, Transaction
from bot.store.records import from_json, to_json

VERSIONS = "pitch_versions"
REHEARSALS = "rehearsals"
ANSWERS_KEY = "pitch_answers"


def _versions(tx: Transaction) -> list[PitchVersion]:
    found = [from_json(PitchVersion, r) for r in tx.table(VERSIONS).all()]
    # Same-second saves keep insertion order, so the newest really is the current one.
    order = sorted(enumerate(found), key=lambda iv: (iv[1].created_at, iv[0]), reverse=True)
    return [v for _, v in order]


def _rehearsals(tx: Transaction) -> list[Rehearsal]:
    found = [from_json(Rehearsal, r) for r in tx.table(REHEARSALS).all()]
    order = sorted(enumerate(found), key=lambda ir: (ir[1].at, ir[0]), reverse=True)
    return [r for _, r in order]


class PitchRepository:
    """Pitch data for handlers; every method is one store transaction."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- versions ---------------------------------------------------------------------------

    async def save_version(
        self,
        user_id: int,
        text: str,
        *,
        target_seconds: int,
        source: PitchSource | str,
        wpm: int = DEFAULT_WPM,
        tailored_for: str | None = None,
        profile_name: str | None = None,
    ) -> PitchVersion:
        """Keep a pitch with its date, length, target and coverage; returns it with its id."""
        version = new_version(
            text,
            at=self._clock.now(),
            target_seconds=target_seconds,
            source=source,
            wpm=wpm,
            tailored_for=tailored_for,
            profile_name=profile_name,
            language=pitch_language(),
        )

        def work(tx: Transaction) -> PitchVersion:
            record = to_json(version)
            del record["id"]
            return replace(version, id=tx.table(VERSIONS).insert(record))

        return await self._store.run(user_id, work)

    async def versions(self, user_id: int) -> list[PitchVersion]:
        """Every saved version, newest first."""
        return await self._store.run(user_id, _versions)

    async def current(self, user_id: int) -> PitchVersion | None:
        """The newest version, or None before the first save."""
        found = await self.versions(user_id)
        return found[0] if found else None

    # -- build answers ----------------------------------------------------------------------

    async def save_answers(self, user_id: int, answers: PitchAnswers) -> None:
        """Remember the build flow's answers so the student can resume or rebuild later."""
        await self._store.run(user_id, lambda tx: tx.set_value(ANSWERS_KEY, to_json(answers)))

    async def answers(self, user_id: int) -> PitchAnswers | None:
        """The saved answers, or None if the student never started a build."""
        raw = await self._store.run(user_id, lambda tx: tx.get_value(ANSWERS_KEY))
        return from_json(PitchAnswers, raw) if isinstance(raw, dict) else None

    # -- rehearsals -------------------------------------------------------------------------

    async def log_rehearsal(
        self,
        user_id: int,
        duration_seconds: float,
        target_seconds: int,
        transcript: str | None = None,
        *,
        profile_name: str | None = None,
    ) -> tuple[Rehearsal, RehearsalFeedback]:
        """Log a voice note and compare it with the earlier ones in the same transaction."""
        rehearsal = new_rehearsal(
            self._clock.now(),
            duration_seconds,
            target_seconds,
            transcript,
            profile_name=profile_name,
            language=pitch_language(),
        )

        def work(tx: Transaction) -> tuple[Rehearsal, RehearsalFeedback]:
            history = _rehearsals(tx)
            record = to_json(rehearsal)
            del record["id"]
            saved = replace(rehearsal, id=tx.table(REHEARSALS).insert(record))
            return saved, rehearsal_feedback(saved, history)

        return await self._store.run(user_id, work)

    async def rehearsals(self, user_id: int) -> list[Rehearsal]:
        """Every logged rehearsal, newest first."""
        return await self._store.run(user_id, _rehearsals)
