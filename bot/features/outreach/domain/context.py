"""The facts a draft may use, as plain values so drafting never depends on storage shapes."""

from __future__ import annotations

from dataclasses import dataclass

from bot.features.outreach.domain.kinds import MAX_ASK_MINUTES, MIN_ASK_MINUTES


@dataclass(frozen=True, slots=True)
class DraftContext:
    """The facts a draft may use, as plain values so drafting never depends on storage shapes."""

    student_name: str
    contact_name: str
    contact_first_name: str
    objective: str
    programme: str = ""
    organization: str = ""
    role: str = ""
    field: str = ""
    connection: str | None = None  # a sentence true to how they know the person (connections.py)
    warm_connection: str | None = None  # the same, saying what it means to the student
    referrer_name: str | None = None
    may_use_referrer_name: bool = False
    minutes: int = 20
    debrief_highlight: str | None = None
    progress_update: str | None = None
    #: People the contact recommended in the conversation; a thank-you thanks them for those.
    referrals: tuple[str, ...] = ()
    #: How the student said to address them ("Dr.", "first name", "not sure"; salutations.py).
    salutation: str = ""
    #: The student's interests in their own words (their profile), for a warmer draft.
    interests: str = ""
    #: Family, friends, roommates, partners: they know the student, so no self-introduction.
    knows_student: bool = False

    def __post_init__(self) -> None:
        if not MIN_ASK_MINUTES <= self.minutes <= MAX_ASK_MINUTES:
            raise ValueError(
                f"ask for {MIN_ASK_MINUTES}–{MAX_ASK_MINUTES} minutes, not {self.minutes}"
            )

    @property
    def signature(self) -> tuple[str, ...]:
        """The lines a signed draft ends with: name, then programme when known; to someone who
        knows the student well, only their first name ("Maya" to her aunt)."""
        name = self.student_name.strip()
        if self.knows_student:
            return tuple(name.split()[:1])
        return tuple(line for line in (name, self.programme.strip()) if line)

    @property
    def usable_referrer(self) -> str | None:
        """The referrer's name only when the introducer allowed us to use it."""
        if self.referrer_name and self.may_use_referrer_name:
            return self.referrer_name.strip()
        return None

    @property
    def opening_connection(self) -> bool:
        """Whether the request should open with how the student found the contact."""
        return bool(self.usable_referrer or (self.connection or "").strip())
