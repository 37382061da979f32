"""Outreach drafts and the rules every draft must pass before a student sees it.

Drafts come from two places (Claude, or the offline templates) and both can go wrong: too long for a
phone screen, no concrete time ask, a sneaked-in job request, a referrer named without permission.
The handout's advice is only worth something if it is enforced, so one checker judges every draft
whatever its source, and ``fix_draft`` repairs the cheap cases deterministically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

Source = Literal["offline", "claude"]


class DraftKind(StrEnum):
    """The messages the coach can draft."""

    REQUEST_EMAIL = "request_email"
    PHONE_SCRIPT = "phone_script"
    LINKEDIN_NOTE = "linkedin_note"
    LINKEDIN_MESSAGE = "linkedin_message"
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    INTRO_REQUEST = "intro_request"
    KEEP_IN_TOUCH = "keep_in_touch"

    @property
    def label(self) -> str:
        """Button text, so handlers never invent their own names for the kinds."""
        return _LABELS[self]

    @property
    def has_subject(self) -> bool:
        """Email kinds need a subject line; notes, messages and scripts don't."""
        return self in EMAIL_KINDS

    @property
    def is_request(self) -> bool:
        """Kinds that ask for the interview, so they must ask for a specific short time."""
        return self in REQUEST_KINDS


_LABELS = {
    DraftKind.REQUEST_EMAIL: "Interview request (email)",
    DraftKind.PHONE_SCRIPT: "Phone script",
    DraftKind.LINKEDIN_NOTE: "LinkedIn connection note",
    DraftKind.LINKEDIN_MESSAGE: "LinkedIn message",
    DraftKind.THANK_YOU: "Thank-you note",
    DraftKind.FOLLOW_UP: "Follow-up (no reply)",
    DraftKind.INTRO_REQUEST: "Ask for introductions",
    DraftKind.KEEP_IN_TOUCH: "Progress update",
}

EMAIL_KINDS = frozenset(
    {
        DraftKind.REQUEST_EMAIL,
        DraftKind.THANK_YOU,
        DraftKind.FOLLOW_UP,
        DraftKind.INTRO_REQUEST,
        DraftKind.KEEP_IN_TOUCH,
    }
)
SIGNED_KINDS = EMAIL_KINDS | {DraftKind.LINKEDIN_MESSAGE}
REQUEST_KINDS = frozenset(
    {
        DraftKind.REQUEST_EMAIL,
        DraftKind.PHONE_SCRIPT,
        DraftKind.LINKEDIN_NOTE,
        DraftKind.LINKEDIN_MESSAGE,
        DraftKind.FOLLOW_UP,
    }
)
# Word limits keep drafts readable on a phone; the request email aims under 100 words.
WORD_LIMITS: dict[DraftKind, int] = {
    DraftKind.REQUEST_EMAIL: 110,
    DraftKind.PHONE_SCRIPT: 300,
    DraftKind.LINKEDIN_MESSAGE: 160,
    DraftKind.THANK_YOU: 150,
    DraftKind.FOLLOW_UP: 80,
    DraftKind.INTRO_REQUEST: 130,
    DraftKind.KEEP_IN_TOUCH: 140,
}
LINKEDIN_NOTE_LIMIT = 300
MIN_ASK_MINUTES, MAX_ASK_MINUTES = 10, 30


@dataclass(frozen=True, slots=True)
class Tone:
    """The variation buttons; ``warmer`` and ``formal`` pull in opposite directions."""

    shorter: bool = False
    warmer: bool = False
    formal: bool = False


PLAIN = Tone()  # the default tone, before any button is pressed


class Adjustment(StrEnum):
    """The buttons under a draft."""

    SHORTER = "shorter"
    WARMER = "warmer"
    FORMAL = "formal"
    ANOTHER = "another"
    SENT = "sent"

    @property
    def label(self) -> str:
        """Button text."""
        return {
            Adjustment.SHORTER: "Shorter",
            Adjustment.WARMER: "Warmer",
            Adjustment.FORMAL: "More formal",
            Adjustment.ANOTHER: "Another version",
            Adjustment.SENT: "I sent it",
        }[self]

    def apply(self, tone: Tone, variant: int) -> tuple[Tone, int]:
        """The tone and variant for the next draft; ``SENT`` changes nothing."""
        if self is Adjustment.SHORTER:
            return replace(tone, shorter=True), variant
        if self is Adjustment.WARMER:
            return replace(tone, warmer=True, formal=False), variant
        if self is Adjustment.FORMAL:
            return replace(tone, formal=True, warmer=False), variant
        if self is Adjustment.ANOTHER:
            return tone, variant + 1
        return tone, variant


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
    connection: str | None = None
    referrer_name: str | None = None
    may_use_referrer_name: bool = False
    minutes: int = 20
    debrief_highlight: str | None = None
    progress_update: str | None = None

    def __post_init__(self) -> None:
        if not MIN_ASK_MINUTES <= self.minutes <= MAX_ASK_MINUTES:
            raise ValueError(
                f"ask for {MIN_ASK_MINUTES}–{MAX_ASK_MINUTES} minutes, not {self.minutes}"
            )

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


class Rule(StrEnum):
    """Keys of the rules, kept as constants so tests and logs share the spelling."""

    LENGTH = "length"
    TIME_ASK = "time_ask"
    JOB_ASK = "job_ask"
    SIGNATURE = "signature"
    REFERRER_PERMISSION = "referrer_permission"
    OPENS_WITH_CONNECTION = "opens_with_connection"
    HIGHLIGHT = "highlight"
    OBJECTIVE = "objective"
    SUBJECT = "subject"
    PLACEHOLDER = "placeholder"
    FLEXIBILITY = "flexibility"
    INTRO_ASK = "intro_ask"
    ASK_NOW_PLAN = "ask_now_plan"
    PROGRESS = "progress"
    PUSHY = "pushy"


@dataclass(frozen=True, slots=True)
class RuleViolation:
    """One broken rule, explained in words a student can act on."""

    rule: Rule
    message: str


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

    def to_record(self) -> dict[str, Any]:
        """JSON-safe form for storage."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "contact_id": self.contact_id,
            "subject": self.subject,
            "body": self.body,
            "source": self.source,
            "created_at": self.created_at.isoformat(),
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> SavedDraft:
        """Rebuild from storage."""
        return cls(
            id=d["id"],
            kind=DraftKind(d["kind"]),
            contact_id=d["contact_id"],
            subject=d.get("subject"),
            body=d["body"],
            source=d.get("source", "offline"),
            created_at=datetime.fromisoformat(d["created_at"]),
            sent_at=datetime.fromisoformat(d["sent_at"]) if d.get("sent_at") else None,
        )


# --- text helpers ---------------------------------------------------------------------------

_SUBJECT_LINE = re.compile(r"^\s*subject\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_STOPWORD_TEXT = (
    "a an and the to of in on for with about at by from into how what why who which your my "
    "our their his her you i me we is are be been more some any this that these those learn "
    "hear get understand ask know"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_OBJECTIVE_LEADS = re.compile(
    r"^(?:i(?:\s+would|'d|’d)\s+(?:like|love)\s+to|i\s+want\s+to|i\s+hope\s+to|my\s+goal\s+is\s+to"
    r"|i'm\s+hoping\s+to|to)\s+",
    re.IGNORECASE,
)
_VERB_TEXT = (
    "learn hear understand get ask discuss explore find gain talk know see better chat compare "
    "seek build"
)
_VERB_STARTS = frozenset(_VERB_TEXT.split())


def parse_draft_text(kind: DraftKind, text: str, source: Source) -> Draft:
    """Split "Subject: ..." off a rendered or generated text, the one format both sources use."""
    text = tidy(text)
    subject: str | None = None
    match = _SUBJECT_LINE.match(text)
    if match and match.start() == 0:
        subject = match.group(1).strip()
        text = text[match.end() :].strip()
    return Draft(kind=kind, subject=subject, body=text, source=source)


def tidy(text: str) -> str:
    """Normalise whitespace left by template branches: no trailing spaces, one blank line max."""
    lines = [re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def objective_clause(objective: str) -> str:
    """Turn the student's objective into a clause that reads after "20 minutes of your time to"."""
    text = _OBJECTIVE_LEADS.sub("", objective.strip()).strip().rstrip(".!?").strip()
    if not text:
        return "hear your advice"
    first = text.split()[0]
    if first.lower() in _VERB_STARTS:
        return first.lower() + text[len(first) :]
    if first.isupper() and len(first) > 1:  # an acronym stays as written
        return f"learn about {text}"
    return f"learn about {text[0].lower()}{text[1:]}"


def content_words(text: str) -> set[str]:
    """Meaningful words, so checks recognise a paraphrase rather than demand exact wording."""
    words = re.findall(r"[a-z0-9][a-z0-9+#'-]*", text.lower())
    return {w.strip("'-") for w in words if len(w) >= 3 and w not in _STOPWORDS}


def mentions(draft_text: str, phrase: str) -> bool:
    """Whether at least half the meaningful words of ``phrase`` appear in the draft."""
    wanted = content_words(phrase)
    if not wanted:
        return True
    have = content_words(draft_text)
    return len(wanted & have) * 2 >= len(wanted)


def sentences(text: str) -> list[str]:
    """Sentences and lines, the unit the fixers drop or keep."""
    parts: list[str] = []
    for line in text.splitlines():
        parts.extend(p for p in re.split(r"(?<=[.!?])\s+", line.strip()) if p)
    return parts


_HIGHLIGHT_LEAD = re.compile(
    r"^(?:(?P<who>she|he|they|[A-Z][\w'-]+)\s+)?(?:said|says|told\s+me|mentioned|explained"
    r"|suggested|recommended|advised(?:\s+me)?|pointed\s+out|thinks|believes)\s+(?:that\s+)?",
    re.IGNORECASE,
)
_TOPIC_TEXT = "about how what why when where which who whether the a an your their her his my own"
_PRONOUN_TEXT = "she he they it you we there this that these"
_TOPIC_STARTS = frozenset(_TOPIC_TEXT.split())
_LOWER_STARTS = _TOPIC_STARTS | frozenset(_PRONOUN_TEXT.split())
_THIRD_PERSON = {"her": "your", "his": "your", "herself": "yourself", "himself": "yourself"}


@dataclass(frozen=True, slots=True)
class Highlight:
    """What the student remembered, shaped so a thank-you sentence around it stays grammatical.

    ``form`` is "topic" (reads after "what you said about"), "point" (a clause that reads after
    "your point that"), "advice" (reads after "your advice", as in "to join AMIA") or "quote"
    (anything else, which reads after a colon).
    """

    text: str
    form: Literal["topic", "point", "advice", "quote"]


def highlight_phrase(raw: str) -> Highlight:
    """Turn "She said SQL matters most" into a clause a thank-you can address to her."""
    text = " ".join(raw.split()).strip().rstrip(".!").strip().strip("\"“”'")
    lead = _HIGHLIGHT_LEAD.match(text)
    form: Literal["topic", "point", "advice", "quote"] = "quote"
    if lead and lead.end() < len(text):
        text, form = text[lead.end() :], "point"
        if re.match(r"to\s", text, re.IGNORECASE):
            form = "advice"
        if lead.group("who") and lead.group("who").lower() != "they":
            text = re.sub(
                r"\b(her|his|herself|himself)\b",
                lambda m: _THIRD_PERSON[m.group(1).lower()],
                text,
                flags=re.IGNORECASE,
            )
    first = text.split()[0] if text.split() else ""
    if form == "quote" and (
        first.lower() in _TOPIC_STARTS or first.lower().endswith("ing") or len(text.split()) <= 2
    ):
        form = "topic"
        text = re.sub(r"^about\s+", "", text, flags=re.IGNORECASE)
        first = text.split()[0] if text.split() else ""
    if first and first.lower() in _LOWER_STARTS and first[0].isupper() and not first.isupper():
        text = first.lower() + text[len(first) :]
    elif form == "topic" and first.endswith("ing") and first[:1].isupper() and not first.isupper():
        text = first[0].lower() + text[1:]
    return Highlight(text, form)


def word_count(text: str) -> int:
    """Words as a reader counts them."""
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


# --- the rules ------------------------------------------------------------------------------

_NUMBER_WORDS = {"ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30}
_MINUTES = re.compile(
    r"\b(\d{1,3}|ten|fifteen|twenty-five|twenty|thirty)(?:\s*(?:-|–|to)\s*(\d{1,3}))?"
    r"[\s-]*(?:minutes?|mins?)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no|without)\b|n't\b|n’t\b", re.IGNORECASE)
_JOB_ASK_STRONG = re.compile(
    r"\bhir(?:e|ing)\s+me\b|\b(?:are|is)\s+(?:you|your\s+\w+|the\s+\w+|\w+)\s+hiring\b"
    r"|\b(?:are|is)\s+(?:currently\s+|still\s+|now\s+)?hiring\b"
    r"|\b(?:any|some)\s+(?:job\s+|internship\s+)?(?:openings|vacancies|open\s+roles)\b"
    r"|\bpositions?\s+(?:available|open)\b|\b(?:available|open)\s+positions?\b"
    r"|\brefer\s+me\s+(?:for|to)\b|\bconsider(?:ed)?\s+(?:me\s+)?for\s+(?:a|an|the|any)\b"
    r"|\bconsider\s+me\b|\bkeep\s+me\s+in\s+mind\b|\bput\s+in\s+a\s+(?:good\s+)?word\b"
    r"|\b(?:pass|forward|send)\s+(?:along\s+|on\s+)?my\s+(?:resume|résumé|cv)\b"
    r"|\b(?:looking|searching|applying|apply)\s+for\s+(?:a|an|the|any)\s+"
    r"(?:job|position|role|internship|opening)\b"
    r"|\bhelp\s+me\s+(?:get|find|land|secure)\s+(?:a|an|the)\s+(?:job|position|role|internship)\b",
    re.IGNORECASE,
)
# The contact's own job ("your first job") is a topic, not an ask; it is removed before matching.
_OWN_JOB = re.compile(
    r"\b(?:your|their|his|her)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:jobs?|internships?|positions?|openings?|employment)\b",
    re.IGNORECASE,
)
# A job word that is not job-search talk.
_JOB_NOUN = re.compile(
    r"\b(?:jobs?(?![\s-]*(?:search|hunt|hunting|market|seekers?))|internships?|positions?"
    r"|openings?(?!\s+of)|vacanc(?:y|ies)|employment)\b",
    re.IGNORECASE,
)
_ASK_CUE = re.compile(
    r"\?|\b(?:may|could|can|would|will)\s+(?:i|you)\b|\bplease\b|\blet\s+me\s+know\b"
    r"|\bi(?:'m|’m|\s+am)\s+(?:looking|seeking|hoping|applying|interested)\b"
    r"|\binterested\s+in\b|\bi(?:'d|’d|\s+would)\s+(?:like|love)\b|\bany\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|[\[\]{}]|<[^>\n]{1,40}>|\bTODO\b|\bXXX\b|_{3,}")
_FLEX_MODES = {
    "phone": re.compile(r"\b(?:phone|call)\b", re.IGNORECASE),
    "video": re.compile(r"\b(?:video|zoom|teams|online)\b", re.IGNORECASE),
    "in_person": re.compile(r"\bin[ -]person\b|\bcoffee\b|\bmeet\b", re.IGNORECASE),
}
_PUSHY = re.compile(r"\basap\b|\burgent(?:ly)?\b|\bas soon as possible\b|!!|\byou must\b", re.I)
_SIGN_OFF = re.compile(
    r"^(?:best|best regards|kind regards|warm regards|warmly|regards|sincerely|many thanks"
    r"|thanks|thank you|with thanks|with gratitude|all the best|yours sincerely|respectfully"
    r"|cheers)[,!.]?$",
    re.IGNORECASE,
)


def job_ask_sentences(text: str) -> list[str]:
    """Sentences that ask for a job; a clause that says "not" about the job is left alone."""
    found: list[str] = []
    for sentence in sentences(text):
        clauses = re.split(r"[,;:—–]|\s-\s|\bbut\b|\bhowever\b", sentence, flags=re.IGNORECASE)
        for clause in clauses:
            if _NEGATION.search(clause):
                continue
            cue_text = clause + ("?" if sentence.endswith("?") else "")
            asks = _JOB_ASK_STRONG.search(clause) or (
                _JOB_NOUN.search(_OWN_JOB.sub(" ", clause)) and _ASK_CUE.search(cue_text)
            )
            if asks:
                found.append(sentence)
                break
    return found


def has_time_ask(text: str) -> bool:
    """A concrete number of minutes between 10 and 30, the handout's "May I have 20 minutes"."""
    for match in _MINUTES.finditer(text):
        raw = match.group(1).lower()
        low = _NUMBER_WORDS.get(raw) or int(raw)
        high = int(match.group(2)) if match.group(2) else low
        if MIN_ASK_MINUTES <= low <= high <= MAX_ASK_MINUTES:
            return True
    return False


def _signature_block(body: str, ctx: DraftContext) -> str:
    """The short lines closing the message (at most four), where a signature lives."""
    width = max(80, len(ctx.programme) + 20)
    block: list[str] = []
    for line in reversed([ln.strip() for ln in body.splitlines() if ln.strip()]):
        if len(line) > width or len(block) == 4:
            break
        block.append(line)
    return "\n".join(reversed(block))


def _opening(body: str) -> str:
    """The first two sentences after the greeting line, where the connection belongs."""
    lines = [ln for ln in body.splitlines() if ln.strip()]
    if lines and re.match(r"^(?:hi|hello|dear|good\s+\w+)\b.*,$", lines[0], re.IGNORECASE):
        lines = lines[1:]
    return " ".join(sentences("\n".join(lines))[:2])


def _name_tokens(name: str) -> list[str]:
    parts = [p for p in re.split(r"\s+", name.strip()) if len(p) >= 3]
    return [name.strip(), *parts] if name.strip() else []


def check_draft(draft: Draft, ctx: DraftContext) -> list[RuleViolation]:
    """Every rule the draft breaks; an empty list means it may be shown."""
    kind, body = draft.kind, draft.body
    full = f"{draft.subject or ''}\n{body}"
    out: list[RuleViolation] = []

    def bad(rule: Rule, message: str) -> None:
        out.append(RuleViolation(rule, message))

    if kind is DraftKind.LINKEDIN_NOTE:
        if len(body) > LINKEDIN_NOTE_LIMIT:
            bad(
                Rule.LENGTH,
                f"LinkedIn notes allow {LINKEDIN_NOTE_LIMIT} characters; this one has {len(body)}.",
            )
    elif word_count(body) > WORD_LIMITS[kind]:
        bad(
            Rule.LENGTH,
            f"Keep it under {WORD_LIMITS[kind]} words so it reads on a phone "
            f"without scrolling; this one has {word_count(body)}.",
        )
    if _PLACEHOLDER.search(full):
        bad(Rule.PLACEHOLDER, "It still has a placeholder to fill in.")
    if job_ask_sentences(full):
        bad(
            Rule.JOB_ASK,
            "It asks for a job. An informational interview asks for advice, never for a job.",
        )
    if _PUSHY.search(full):
        bad(Rule.PUSHY, "It sounds pushy; keep it polite and respectful of their time.")
    if kind.has_subject and not (draft.subject or "").strip():
        bad(Rule.SUBJECT, "An email needs a subject line.")
    if kind.is_request and not has_time_ask(body):
        bad(
            Rule.TIME_ASK,
            f'Ask for a specific short time, e.g. "May I have {ctx.minutes} '
            'minutes of your time to ...".',
        )
    if kind.is_request and not mentions(body, ctx.objective):
        bad(Rule.OBJECTIVE, "State your objective up front, so they know why you're asking.")
    if kind in SIGNED_KINDS:
        tail = _signature_block(body, ctx)
        if ctx.student_name.strip().lower() not in tail.lower() or (
            ctx.programme.strip() and ctx.programme.strip().lower() not in tail.lower()
        ):
            bad(
                Rule.SIGNATURE,
                "Sign with your name" + (" and programme." if ctx.programme else "."),
            )
    if ctx.referrer_name and not ctx.may_use_referrer_name:
        lowered = full.lower()
        if any(
            re.search(rf"\b{re.escape(t.lower())}\b", lowered)
            for t in _name_tokens(ctx.referrer_name)
        ):
            bad(
                Rule.REFERRER_PERMISSION,
                f"{ctx.referrer_name} hasn't said you may use their name, so leave it out.",
            )
    if kind is DraftKind.REQUEST_EMAIL and ctx.opening_connection:
        opening = _opening(body)
        ref = ctx.usable_referrer
        ok = (ref.lower() in opening.lower()) if ref else mentions(opening, ctx.connection or "")
        if not ok:
            bad(
                Rule.OPENS_WITH_CONNECTION,
                "Open with your connection: who referred you or how you found them.",
            )
    if (
        kind is DraftKind.REQUEST_EMAIL
        and sum(1 for rx in _FLEX_MODES.values() if rx.search(body)) < 2
    ):
        bad(Rule.FLEXIBILITY, "Offer flexibility: phone, video or in person, at their convenience.")
    if (
        kind is DraftKind.THANK_YOU
        and ctx.debrief_highlight
        and not mentions(body, ctx.debrief_highlight)
    ):
        bad(Rule.HIGHLIGHT, "Mention something specific from your conversation.")
    if (
        kind is DraftKind.KEEP_IN_TOUCH
        and ctx.progress_update
        and not mentions(body, ctx.progress_update)
    ):
        bad(Rule.PROGRESS, "Share the progress you wanted to tell them about.")
    if kind is DraftKind.INTRO_REQUEST and not (
        re.search(r"\b(?:recommend|suggest|introduc|point me|connect me)", body, re.I)
        and re.search(r"\b(?:your name|mention you|mention that you)\b", body, re.I)
    ):
        bad(
            Rule.INTRO_ASK,
            "Ask who else you should speak with, and whether you may use their name.",
        )
    if kind is DraftKind.PHONE_SCRIPT and not re.search(r"\bnow\b", body, re.I):
        bad(Rule.ASK_NOW_PLAN, 'Plan for "ask me now": be flexible and have your questions ready.')
    return out


# --- deterministic repairs -------------------------------------------------------------------

_DEFAULT_SUBJECTS = {
    DraftKind.REQUEST_EMAIL: "Request for {minutes} minutes of your advice",
    DraftKind.THANK_YOU: "Thank you for your time",
    DraftKind.FOLLOW_UP: "Following up: {minutes} minutes of your advice",
    DraftKind.INTRO_REQUEST: "Who else should I speak with?",
    DraftKind.KEEP_IN_TOUCH: "A quick update since we spoke",
}


def signature_lines(ctx: DraftContext) -> list[str]:
    """Name, then programme when known: the block every email-like draft ends with."""
    return [ctx.student_name.strip()] + ([ctx.programme.strip()] if ctx.programme.strip() else [])


def _with_signature(body: str, ctx: DraftContext) -> str:
    lines = body.rstrip().splitlines()
    for i in range(len(lines) - 1, max(len(lines) - 6, -1), -1):
        if _SIGN_OFF.match(lines[i].strip()):
            return "\n".join([*lines[: i + 1], *signature_lines(ctx)])
    return "\n".join([*lines, "", "Best regards,", *signature_lines(ctx)])


def _drop_sentences(body: str, doomed: list[str]) -> str:
    for sentence in doomed:
        body = body.replace(sentence, "")
    return tidy(body)


def _trim_note(body: str) -> str:
    """Cut a LinkedIn note at sentence boundaries, keeping the greeting and the time ask."""
    parts = sentences(body)
    keep = list(parts)
    for sentence in reversed(parts[1:]):
        if len(" ".join(keep)) <= LINKEDIN_NOTE_LIMIT:
            break
        if not has_time_ask(sentence):
            keep.remove(sentence)
    while len(" ".join(keep)) > LINKEDIN_NOTE_LIMIT and len(keep) > 1:
        keep.pop()
    return " ".join(keep)[:LINKEDIN_NOTE_LIMIT].strip()


def fix_draft(draft: Draft, ctx: DraftContext) -> Draft:
    """Repair what can be repaired without rewriting; the caller re-checks and regenerates."""
    rules = {v.rule for v in check_draft(draft, ctx)}
    body, subject = draft.body, draft.subject
    if Rule.JOB_ASK in rules:
        body = _drop_sentences(body, job_ask_sentences(body))
        if subject and job_ask_sentences(subject):
            subject = None
    if Rule.REFERRER_PERMISSION in rules and ctx.referrer_name:
        tokens = _name_tokens(ctx.referrer_name)
        doomed = [
            s
            for s in sentences(body)
            if any(re.search(rf"\b{re.escape(t)}\b", s, re.I) for t in tokens)
        ]
        body = _drop_sentences(body, doomed)
        if subject and any(re.search(rf"\b{re.escape(t)}\b", subject, re.I) for t in tokens):
            subject = None
    if draft.kind.has_subject and not (subject or "").strip():
        subject = _DEFAULT_SUBJECTS[draft.kind].format(minutes=ctx.minutes)
    if draft.kind in SIGNED_KINDS and Rule.SIGNATURE in {
        v.rule for v in check_draft(replace(draft, body=body, subject=subject), ctx)
    }:
        body = _with_signature(body, ctx)
    if draft.kind is DraftKind.LINKEDIN_NOTE and len(body) > LINKEDIN_NOTE_LIMIT:
        body = _trim_note(body)
    return replace(draft, body=body, subject=subject, repairs=draft.repairs + tuple(sorted(rules)))


# --- how the student introduces themselves ---------------------------------------------------

_DEGREE = re.compile(
    r"^(?:(?:B|M|D)\.?(?:S|A|Sc|Eng|Ed|FA|BA|PH|SN|SW|Arch|Mus|Des|Phil|Res)\.?|MBA|M\.?B\.?A\.?"
    r"|Ph\.?\s?D\.?|J\.?D\.?|M\.?D\.?|Ed\.?D\.?|A\.?A\.?|A\.?S\.?|DNP|DPT|PharmD|LLB|LLM|RN"
    r"|Bachelor'?s?|Master'?s?|Bachelor|Master|Doctorate|Associate'?s?|Diploma|Certificate)$",
    re.IGNORECASE,
)
_ROLE_TEXT = (
    "student students candidate major graduate undergraduate undergrad postgraduate grad "
    "fellow trainee apprentice researcher scholar learner intern"
)
_ROLE_NOUNS = frozenset(_ROLE_TEXT.split())
_SELF_LEAD = re.compile(r"^(?:i\s+am|i'm|i’m|currently|now)\s+", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"\b(?i:university|college|institute|school|academy|polytechnic|state)\b|^[A-Z]{2,6}$"
)
_AN_LETTERS = frozenset("AEFHILMNORSX")  # letters whose spoken name starts with a vowel sound


def _article(phrase: str) -> str:
    """ "a" or "an" by sound: "an MBA", "a BS", "an Economics major", "a third-year"."""
    first = re.split(r"[\s\-/]", phrase, maxsplit=1)[0].strip(".")
    if not first:
        return "a"
    letters = first.replace(".", "")
    if len(letters) > 1 and letters[:2].isupper():  # read as letters: MBA, MS, BS, RN
        return "an" if letters[0] in _AN_LETTERS else "a"
    low = first.lower()
    if low.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    if low.startswith(("hon", "hour")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"


def self_introduction(programme: str) -> str:
    """What reads after "I'm Maya Chen, ": the programme as a student would say it.

    Students type their programme in many shapes ("BS Computer Science", "MBA candidate",
    "Economics"); "studying BS Computer Science" is the awkward result of one fixed frame, so the
    frame follows the shape: a degree name becomes "a BS Computer Science student", a role keeps
    its article ("an MBA candidate"), a subject keeps "studying Economics". Empty gives "".
    """
    text = " ".join(programme.split()).strip().rstrip(".!;").strip()
    text = _SELF_LEAD.sub("", text).strip()
    if not text:
        return ""
    head, _, tail = text.partition(",")
    head, tail = head.strip(), tail.strip()
    place = ""
    if tail:
        if _INSTITUTION.search(tail) and not re.match(r"(?:minor|class|year)\b", tail, re.I):
            place = " at " + re.sub(r"^at\s+", "", tail, flags=re.IGNORECASE)
        else:
            place = ", " + (f"with a {tail}" if re.match(r"minor\b", tail, re.I) else tail)
    if re.match(r"(?:studying|doing|pursuing|completing|working\s+towards?)\b", head, re.I):
        return head[0].lower() + head[1:] + place
    if re.match(r"(?:a|an|the|my)\s", head, re.I):
        return head[0].lower() + head[1:] + place
    words = head.split()
    core = re.split(r"\s+(?:in|of|at|for|with)\s+", head, maxsplit=1, flags=re.IGNORECASE)[0]
    if core.split()[-1].lower() in _ROLE_NOUNS:
        return f"{_article(head)} {head}{place}"
    if _DEGREE.match(words[0]):
        if len(words) == 1:
            return f"{_article(head)} {head} student{place}"
        if words[1].lower() in ("in", "of"):
            return f"studying for {_article(head)} {head}{place}"
        return f"{_article(head)} {head} student{place}"
    return f"studying {head}{place}"
