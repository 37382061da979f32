"""The informational-interview question bank, shipped as ``data/questions.json``.

Career centers edit the file, not the code, so a typo must stop the bot at start-up with a message
naming the file, the entry and what is wrong, instead of surfacing mid-conversation as a crash.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.features.interviews.domain.phrasing import objective_question
from bot.features.interviews.domain.relevance import overlap, similar, topic_hits
from bot.wording import in_a_sentence

CATEGORIES = ("field", "organization", "growth", "closing")
REQUIRED_CLOSING_TAGS = ("referrals", "follow_up")  # "others to speak with? your name?", "again?"
EMPLOYER_TAG = "employer"  # asks about the contact's organization, so it needs one
PLACEHOLDERS = frozenset({"organization", "role", "field"})
# How a student's objective (or research find) becomes a question in their own words; each frame
# may use only its own placeholders.
FRAMES: Mapping[str, frozenset[str]] = {
    "wh": frozenset({"rest"}),
    "how_to": frozenset({"rest"}),
    "about": frozenset({"rest"}),
    "understand": frozenset({"rest"}),
    "help": frozenset({"rest"}),
    "advice": frozenset({"noun", "rest"}),
    "thoughts": frozenset({"rest"}),
    "action": frozenset({"rest"}),
    "research": frozenset({"found"}),
    "research_you": frozenset({"rest"}),
    "research_yours": frozenset({"rest"}),
    "research_news": frozenset({"found"}),
    "research_thing": frozenset({"found"}),
}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_TAG = re.compile(r"^[a-z0-9_]+$")


class QuestionBankError(ValueError):
    """The bank file is malformed; the message names the file, the entry and the problem."""

    def __init__(self, path: Path | str, entry: str, problem: str) -> None:
        super().__init__(f"{path}: {entry}: {problem}")
        self.path, self.entry, self.problem = str(path), entry, problem


@dataclass(frozen=True, slots=True)
class Question:
    """One suggested question; ``id`` stays stable so edits and exclusions survive rewording."""

    id: str
    category: str
    text: str
    tags: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # words in an objective that make this question worth asking

    @property
    def sensitive(self) -> bool:
        """Salary and similar questions, offered only when the student asks for them."""
        return "sensitive" in self.tags


@dataclass(frozen=True, slots=True)
class TailoredGroup:
    """Questions for contacts whose field or role mentions one of ``keywords``."""

    id: str
    keywords: tuple[str, ...]
    templates: tuple[str, ...]
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class QuestionBank:
    """The validated bank."""

    titles: dict[str, str]
    questions: tuple[Question, ...]
    tailored: tuple[TailoredGroup, ...]
    frames: Mapping[str, str] = field(default_factory=dict)

    def in_category(self, category: str) -> list[Question]:
        """Questions of one category, in file order."""
        return [q for q in self.questions if q.category == category]

    def by_id(self, question_id: str) -> Question | None:
        """Look a question up by its stable id."""
        return next((q for q in self.questions if q.id == question_id), None)


# --- loading ---------------------------------------------------------------------------------


def _strings(value: Any, path: Path, entry: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise QuestionBankError(path, entry, f"'{name}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _text(value: Any, path: Path, entry: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuestionBankError(path, entry, "'text' must be a non-empty string")
    if not value.strip().endswith("?"):
        raise QuestionBankError(path, entry, "'text' must be a question ending with '?'")
    return value.strip()


def _question(raw: Any, category: str, path: Path, entry: str) -> Question:
    if not isinstance(raw, dict):
        raise QuestionBankError(path, entry, "each question must be an object")
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.match(qid):
        raise QuestionBankError(path, entry, "'id' must be a lower-case slug like 'field.path_in'")
    entry = f"{entry} ({qid})"
    tags = _strings(raw.get("tags"), path, entry, "tags")
    if bad := [t for t in tags if not _TAG.match(t)]:
        raise QuestionBankError(path, entry, f"tags must be lower-case words, not {bad}")
    fields = _strings(raw.get("fields"), path, entry, "fields")
    topics = tuple(t.lower() for t in _strings(raw.get("topics"), path, entry, "topics"))
    return Question(qid, category, _text(raw.get("text"), path, entry), tags, fields, topics)


def _category(raw: Any, path: Path, index: int) -> tuple[str, str, list[Question]]:
    entry = f"categories[{index}]"
    if not isinstance(raw, dict):
        raise QuestionBankError(path, entry, "each category must be an object")
    cid = raw.get("id")
    if cid not in CATEGORIES:
        raise QuestionBankError(path, entry, f"'id' must be one of {list(CATEGORIES)}, not {cid!r}")
    entry = f"category '{cid}'"
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise QuestionBankError(path, entry, "'title' must be a non-empty string")
    items = raw.get("questions")
    if not isinstance(items, list) or not items:
        raise QuestionBankError(path, entry, "'questions' must be a non-empty list")
    questions = [_question(q, cid, path, f"{entry} question {i + 1}") for i, q in enumerate(items)]
    return cid, title.strip(), questions


def _template(text: str, path: Path, entry: str, allowed: frozenset[str] = PLACEHOLDERS) -> str:
    if not text.endswith("?"):
        raise QuestionBankError(path, entry, "each template must be a question ending with '?'")
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise QuestionBankError(path, entry, f"broken braces in {text!r}: {exc}") from exc
    if unknown := names - allowed:
        raise QuestionBankError(
            path,
            entry,
            f"unknown placeholder(s) {sorted(unknown)}; use only {sorted(allowed)}",
        )
    return text


def _frames(raw: Any, path: Path) -> dict[str, str]:
    entry = "from_objective"
    if not isinstance(raw, dict) or set(raw) != set(FRAMES):
        raise QuestionBankError(path, entry, f"must be an object with exactly {sorted(FRAMES)}")
    out: dict[str, str] = {}
    for name, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            raise QuestionBankError(path, f"{entry}.{name}", "must be a non-empty string")
        out[name] = _template(text.strip(), path, f"{entry}.{name}", FRAMES[name])
    return out


def _group(raw: Any, path: Path, index: int) -> TailoredGroup:
    entry = f"tailored[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise QuestionBankError(path, entry, "each tailored group must be an object with an 'id'")
    entry = f"tailored group '{raw['id']}'"
    fallback = raw.get("fallback", False) is True
    keywords = tuple(k.lower() for k in _strings(raw.get("keywords"), path, entry, "keywords"))
    if not keywords and not fallback:
        raise QuestionBankError(path, entry, "needs 'keywords' (or \"fallback\": true)")
    templates = _strings(raw.get("questions"), path, entry, "questions")
    if not templates:
        raise QuestionBankError(path, entry, "'questions' must be a non-empty list")
    return TailoredGroup(
        raw["id"], keywords, tuple(_template(t, path, entry) for t in templates), fallback
    )


def question_bank(raw: object, path: Path | str) -> QuestionBank:
    """Validate the bank as parsed from ``path`` (named in errors); raise ``QuestionBankError``
    saying exactly what to fix."""
    path = Path(path)
    if not isinstance(raw, dict):
        raise QuestionBankError(path, "top level", "must be an object")
    cats = raw.get("categories")
    if not isinstance(cats, list):
        raise QuestionBankError(path, "categories", "must be a list")
    titles: dict[str, str] = {}
    questions: list[Question] = []
    for i, cat in enumerate(cats):
        cid, title, items = _category(cat, path, i)
        if cid in titles:
            raise QuestionBankError(path, f"category '{cid}'", "appears twice")
        titles[cid] = title
        questions.extend(items)
    if missing := [c for c in CATEGORIES if c not in titles]:
        raise QuestionBankError(path, "categories", f"missing {missing}")
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise QuestionBankError(path, f"question '{q.id}'", "id is used more than once")
        seen.add(q.id)
    for tag in REQUIRED_CLOSING_TAGS:
        tagged = [q for q in questions if q.category == "closing" and tag in q.tags]
        if len(tagged) != 1:
            raise QuestionBankError(
                path,
                "category 'closing'",
                f"needs exactly one question tagged '{tag}', found {len(tagged)}",
            )
    groups_raw = raw.get("tailored")
    if not isinstance(groups_raw, list):
        raise QuestionBankError(path, "tailored", "must be a list")
    groups = tuple(_group(g, path, i) for i, g in enumerate(groups_raw))
    if not any(g.fallback for g in groups):
        raise QuestionBankError(path, "tailored", 'needs one group with "fallback": true')
    return QuestionBank(titles, tuple(questions), groups, _frames(raw.get("from_objective"), path))


# --- choosing --------------------------------------------------------------------------------


def _words(*texts: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9+#]+", " ", t.lower()) for t in texts) + " "


def select_questions(
    bank: QuestionBank,
    *,
    field: str,
    role: str,
    organization: str,
    per_category: int = 2,
    exclude_ids: tuple[str, ...] | frozenset[str] = (),
    include_sensitive: bool = False,
    objective: str = "",
) -> list[Question]:
    """A short, balanced list: ``per_category`` from each topic, then the closing asks.

    The two closing asks (others to speak with and may I use your name; may I contact you again)
    are always there, even if excluded, because the handout treats them as the point of closing.
    Within a topic, the questions that serve the student's ``objective`` (its words and the
    question's ``topics``) come first, then those whose ``fields`` match the contact; the topics
    themselves are ordered by how well their question serves the objective ("most important
    first": time can run short). A question saying much the same as the objective asked in the
    student's own words (which the coach lists first) gives way to the next. Salary waits until
    asked for; a question about "this organization" waits for a contact who has one.
    """
    context = _words(field, role, organization)
    excluded = set(exclude_ids)
    own = objective_question(bank.frames, objective) if objective and bank.frames else None
    avoid = [own] if own else []

    def suits(q: Question) -> bool:
        return any(f" {_words(f).strip()} " in context for f in q.fields)

    def serves(q: Question) -> int:
        return topic_hits(objective, q.topics) * 2 + overlap(objective, q.text)

    chosen: list[Question] = []
    for category in CATEGORIES[:-1]:
        pool = [
            q
            for q in bank.in_category(category)
            if q.id not in excluded
            and (include_sensitive or not q.sensitive)
            and (organization.strip() or EMPLOYER_TAG not in q.tags)
        ]
        fresh = [q for q in pool if not any(similar(q.text, a) for a in avoid)]
        pool = fresh or pool
        pool.sort(key=lambda q: (-serves(q), not suits(q)))  # stable: file order on ties
        chosen.extend(pool[:per_category])
    chosen.sort(key=lambda q: -serves(q))  # stable: field, organization, growth on ties
    closing = bank.in_category("closing")
    always = [q for q in closing if set(q.tags) & set(REQUIRED_CLOSING_TAGS)]
    extra = [q for q in closing if q not in always and q.id not in excluded]
    extra.sort(key=lambda q: -serves(q))
    chosen.extend(always + extra[: max(0, per_category - len(always))])
    return chosen


def tailored_questions(
    bank: QuestionBank,
    field: str,
    role: str,
    organization: str,
    *,
    limit: int = 3,
    objective: str = "",
) -> list[str]:
    """Questions about this contact's own work, by keywords in their field and role.

    A template naming a role or organization we don't know is skipped rather than filled with
    something vague; an unknown field reads naturally as "this field". Among the questions that
    fit the contact, those sharing words with the student's ``objective`` come first.
    """
    context = _words(field, role)
    scored = [
        (sum(f" {_words(k).strip()} " in context for k in g.keywords), g)
        for g in bank.tailored
        if not g.fallback
    ]
    groups = [g for hits, g in sorted(scored, key=lambda s: -s[0]) if hits]
    groups += [g for g in bank.tailored if g.fallback]
    values = {
        "organization": in_a_sentence(organization),  # "at the City of San José"
        "role": role.strip(),
        "field": field.strip() or "this field",
    }
    out: dict[str, int] = {}  # question -> words it shares with the objective
    for group in groups:
        for template in group.templates:
            names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
            if all(values[n] for n in names):
                # scored on the template's own words: the contact's field, filled in, would
                # match an objective that names it whatever the question asks
                out.setdefault(template.format(**values), overlap(objective, template))
    ranked = sorted(out, key=lambda text: -out[text])  # stable: best-fitting group first
    return ranked[:limit]


def arranged(tailored: Sequence[str], chosen: Sequence[Question]) -> tuple[str, ...]:
    """The list /prep proposes: the tailored questions (the student's own words first), then the
    chosen topics, then the closing asks, each once."""
    topics = [q.text for q in chosen if q.category != "closing"]
    closing = [q.text for q in chosen if q.category == "closing"]
    out: list[str] = []
    for text in (*tailored, *topics, *closing):
        if text.casefold() not in {o.casefold() for o in out}:
            out.append(text)
    return tuple(out)
