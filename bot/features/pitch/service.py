"""The /pitch use cases: load what they need, call the domain and the coach, save the result.

Handlers call one of these per update and render what comes back, so every rule about what a
student's pitch is built from, which target a rehearsal is timed against, or what a saved
version records lives here and in the domain, never in a handler.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.features.contacts.domain import Contact
from bot.features.pitch import coach
from bot.features.pitch.domain.answers import PitchAnswers, corrects
from bot.features.pitch.domain.assemble import distinct_lengths
from bot.features.pitch.domain.elements import TIERS, Element
from bot.features.pitch.domain.practice import PitchSource, PitchVersion, RehearsalFeedback
from bot.features.pitch.domain.tailoring import tailor_gaps
from bot.features.pitch.domain.text import count_words, placeholders, speaking_seconds
from bot.features.pitch.pace import student_pace
from bot.features.profile.domain.profile import FIELD_LIMITS
from bot.llm.base import OnText
from bot.services import Services

DEFAULT_TARGET = 60
TAILOR_CONTACTS = 4
#: Build questions whose answer is also what drafts are signed with: a correction typed there
#: is offered to the profile. (The position is not: a pitch names it more narrowly than the
#: onboarding button did, and asking after every question would nag.)
PROFILE_FIELDS = {"name": "name", "identity": "degree"}


@dataclass(frozen=True, slots=True)
class ProfileChange:
    """A build answer that corrects what the profile says, offered to the profile too."""

    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Built:
    """The build's pitch in up to three lengths, each text once (see ``distinct_lengths``)."""

    texts: dict[int, str]
    same: dict[int, list[int]]
    skipped: tuple[Element, ...]
    wpm: int  # the student's pace, which every length below is measured at

    def seconds(self, slot: int) -> float:
        """How long the version for ``slot`` takes to say, by the measure a saved version
        records, so the label under it and the pitch once kept show the same time."""
        return speaking_seconds(self.texts[slot], self.wpm)

    def words(self, slot: int) -> int:
        """Spoken words of the version for ``slot``."""
        return count_words(self.texts[slot])

    @property
    def thin(self) -> bool:
        """Some lengths came out identical: the answers can't fill the longer slots yet."""
        return any(self.same.values())


@dataclass(frozen=True, slots=True)
class Saved:
    """A version just kept, with the [placeholders] the student still has to fill."""

    version: PitchVersion
    placeholders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Generated:
    """A shortened or tailored pitch on offer, not saved until the student keeps it."""

    text: str
    target: int
    source: PitchSource
    tailored_for: str | None = None

    @property
    def words(self) -> int:
        """Spoken words."""
        return count_words(self.text)


class PitchService:
    """Use cases over the student's pitch data, profile, contacts and the coach."""

    def __init__(self, services: Services) -> None:
        self._s = services

    @property
    def wpm(self) -> int:
        """The deployment's default speaking rate."""
        return self._s.settings.speaking_rate_wpm

    async def wpm_for(self, user_id: int) -> int:
        """The speaking rate every word budget is computed with: the student's own (/settings),
        or the default."""
        return await student_pace(self._s.store, user_id) or self.wpm

    # -- reading --------------------------------------------------------------------------------

    async def answers(self, user_id: int) -> PitchAnswers:
        """Saved build answers, with the profile filling what they lack."""
        profile = await self._s.profiles.get(user_id)
        saved = await self._s.pitches.answers(user_id)
        prefill = PitchAnswers.from_profile(profile)
        return saved.filled_from(prefill) if saved else prefill

    async def versions(self, user_id: int) -> list[PitchVersion]:
        """Every saved version, newest first."""
        return await self._s.pitches.versions(user_id)

    async def current(self, user_id: int) -> PitchVersion | None:
        """The current (newest) version."""
        return await self._s.pitches.current(user_id)

    async def target(self, user_id: int) -> int:
        """The current pitch's slot (rehearsals and tailoring aim at it), 60 s by default."""
        current = await self.current(user_id)
        return current.target_seconds if current else DEFAULT_TARGET

    # -- build ----------------------------------------------------------------------------------

    async def answer(self, user_id: int, question: str, text: str | None) -> None:
        """Save one build answer (None: skipped)."""
        answers = (await self.answers(user_id)).with_answer(question, text)
        await self._s.pitches.save_answers(user_id, answers)

    async def profile_change(self, user_id: int, question: str, text: str) -> ProfileChange | None:
        """The profile field this answer corrects, if it says something else there.

        "Comptuer Science" typed at /start and corrected while building would otherwise go on
        signing every draft. Only a field the profile already has, and only a value it can take.
        """
        field = PROFILE_FIELDS.get(question)
        if field is None:
            return None
        before = getattr(await self._s.profiles.get(user_id), field)
        after = " ".join(text.split())
        if len(after) > FIELD_LIMITS[field] or not corrects(before, after):
            return None  # a longer or different way to say it stays the pitch's own
        return ProfileChange(field, before, after)

    async def update_profile(self, user_id: int, change: ProfileChange) -> None:
        """Write the corrected value into the profile (validated as /profile would)."""
        await self._s.profiles.set_answer(user_id, change.field, change.after)

    async def keep_known(self, user_id: int, question: str) -> None:
        """Keep the known value as a build answer, so it survives later profile edits."""
        answers = await self.answers(user_id)
        await self.answer(user_id, question, known(answers, question))

    async def build(self, user_id: int) -> Built | None:
        """Every length from the answers, or None when nothing but a name was given."""
        answers = await self.answers(user_id)
        if not answers.answered:
            return None
        wpm = await self.wpm_for(user_id)
        texts, same = distinct_lengths(await coach.build(self._s.llm, answers, wpm))
        return Built(texts, same, tuple(e for e in Element if not answers.get(e)), wpm)

    # -- saving ---------------------------------------------------------------------------------

    async def save(
        self,
        user_id: int,
        text: str,
        target: int,
        source: PitchSource,
        tailored_for: str | None = None,
    ) -> Saved:
        """Keep a version with its date, length, target and coverage."""
        profile = await self._s.profiles.get(user_id)
        version = await self._s.pitches.save_version(
            user_id,
            text,
            target_seconds=target,
            source=source,
            wpm=await self.wpm_for(user_id),
            tailored_for=tailored_for,
            profile_name=profile.name,
        )
        return Saved(version, tuple(placeholders(text)))

    # -- review and shorten ---------------------------------------------------------------------

    def spoken_seconds(self, text: str, wpm: int | None = None) -> int:
        """How long a pasted pitch takes to say (at ``wpm``, or the default pace)."""
        return round(speaking_seconds(text, wpm or self.wpm))

    async def review(self, user_id: int, text: str, target: int) -> coach.Review:
        """Review a pitch against a slot: Claude's when it checks out, else the offline one."""
        answers = await self.answers(user_id)
        wpm = await self.wpm_for(user_id)
        return await coach.review(
            self._s.llm, text, target_seconds=target, wpm=wpm, answers=answers
        )

    async def shorten(self, current: PitchVersion, user_id: int) -> Generated | None:
        """The current pitch at the next shorter slot; None when it is already the shortest."""
        shorter = [s for s in TIERS if s < current.target_seconds]
        if not shorter:
            return None
        target = shorter[-1]
        text = await coach.shorten(
            self._s.llm,
            current.text,
            target_seconds=target,
            wpm=await self.wpm_for(user_id),
            answers=await self.answers(user_id),
        )
        return Generated(text, target, PitchSource.REVIEWED)

    # -- tailor ---------------------------------------------------------------------------------

    async def tailor_contacts(self, user_id: int) -> tuple[Contact, ...]:
        """Contacts who need attention first: the likeliest audience of a tailored pitch."""
        return (await self._s.contacts.page(user_id, limit=TAILOR_CONTACTS)).items

    async def contact(self, user_id: int, contact_id: str) -> Contact | None:
        """One contact, if it still exists."""
        return await self._s.contacts.get(user_id, contact_id)

    async def tailor_gaps(self, user_id: int, organization: str, role: str) -> list[Element]:
        """The facts to ask for before tailoring, instead of inventing them."""
        return tailor_gaps(await self.answers(user_id), organization, role or None)

    async def tailor(
        self, user_id: int, organization: str, role: str, replies: Mapping[Element, str]
    ) -> Generated:
        """The tailored version from the student's answers plus their replies (a skip is left
        out, not invented)."""
        answers = await self.answers(user_id)
        for element, reply in replies.items():
            answers = answers.with_answer(element, reply or None)
        answers = answers.with_answer("organization", organization)
        current = await self.current(user_id)
        target = current.target_seconds if current else DEFAULT_TARGET
        text = await coach.tailor(
            self._s.llm,
            answers,
            organization=organization,
            contact_role=role or None,
            current_pitch=current.text if current else None,
            target_seconds=target,
            wpm=await self.wpm_for(user_id),
        )
        return Generated(text, target, PitchSource.TAILORED, tailored_for=organization)

    # -- rehearse -------------------------------------------------------------------------------

    @property
    def transcribing(self) -> bool:
        """Whether voice notes are transcribed (else they are timed only)."""
        return self._s.transcriber.enabled

    async def transcribe(self, audio: bytes, mime_type: str | None) -> str | None:
        """What a voice note says (None when nothing could be made out, or no backend)."""
        if not self.transcribing:
            return None
        text = await self._s.transcriber.transcribe(audio, mime_type)
        return text.strip() if text and text.strip() else None

    async def rehearse(
        self, user_id: int, seconds: int, audio: bytes | None, mime_type: str | None
    ) -> RehearsalFeedback:
        """Log a take (transcribed when possible) and compare it with earlier ones."""
        transcript = None
        if audio is not None and self.transcribing:
            transcript = await self._s.transcriber.transcribe(audio, mime_type)
        profile = await self._s.profiles.get(user_id)
        _, feedback = await self._s.pitches.log_rehearsal(
            user_id, seconds, await self.target(user_id), transcript, profile_name=profile.name
        )
        return feedback

    # -- practice -------------------------------------------------------------------------------

    async def practice_turn(
        self, user_id: int, turns: Sequence[Mapping[str, str]]
    ) -> tuple[str, str]:
        """The professional's follow-up: (plain text for the transcript, HTML for the chat)."""
        profile = await self._s.profiles.get(user_id)
        return await coach.practice_turn(
            self._s.llm,
            turns,
            target_seconds=await self.target(user_id),
            wpm=await self.wpm_for(user_id),
            profile_name=profile.name,
        )

    async def practice_feedback(
        self,
        user_id: int,
        turns: Sequence[Mapping[str, str]],
        on_text: OnText | None = None,
    ) -> str:
        """Feedback on the whole exchange, as HTML (Claude's streamed to ``on_text``)."""
        profile = await self._s.profiles.get(user_id)
        return await coach.practice_end(
            self._s.llm,
            turns,
            target_seconds=await self.target(user_id),
            wpm=await self.wpm_for(user_id),
            profile_name=profile.name,
            on_text=on_text,
        )


def known(answers: PitchAnswers, question: str) -> str | None:
    """What the coach already has for a build question (``name`` or an element)."""
    return answers.name if question == "name" else answers.get(Element(question))
