"""The one judge of "does this ask for a job?", shared by objectives, drafts, pitch reviews and
interview questions.

An informational interview gathers advice; the handout is plain that the student is "not asking
for a job". Students rarely write "give me a job": they write "see if you could refer me", "be
considered for your summer analyst program", "talk about my application". They also write
innocent sentences full of job words: "how your organization fills job openings" is one of the
handout's own questions, and "what it takes to land a role like yours" asks about a path. So the
rules read a clause at a time, separate the contact's own job (a topic) from one asked for, and
tell an *ask* made of the contact from the student *seeking* a kind of role, which a pitch may
say and a request email may not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class AskKind(StrEnum):
    """How the text goes after a job."""

    ASK = "ask"  # asks the contact for work, a referral, openings or consideration
    SEEKING = "seeking"  # says the student is looking for a role; fine in a pitch, not a request


@dataclass(frozen=True, slots=True)
class JobAsk:
    """One sentence that goes after a job, the words that do it, and how."""

    sentence: str
    phrase: str
    kind: AskKind


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_ROLE = (
    r"(?:jobs?|internships?|positions?|roles?|openings?|placements?|co-?ops?|offers?"
    r"|residenc(?:y|ies)|work)"
)
_FEW = r"(?:[\w'-]+\s+){0,3}?"
_SOME = r"(?:[\w'-]+\s+){0,5}?"

#: Asks that are asks whatever surrounds them: the student is the one to be hired or referred.
_ALWAYS = _rx(
    r"\bhir(?:e|ing)\s+me\b",
    r"\brefer(?:ring)?\s+me\b",
    r"\b(?:pass|forward|send|give|hand|share)\s+(?:along\s+|on\s+)?my\s+(?:resume|résumé|cv|application)\b",
    r"\bput\s+in\s+a\s+(?:good\s+)?word\b",
    r"\bconsider(?:ing)?\s+(?:me|my\s+(?:application|candidacy))\b",
    r"\bbe\s+considered\s+for\b",
    r"\bkeep\s+me\s+in\s+mind\b",
    rf"\b(?:potential|possible|available|open|any)\s+{_ROLE}\s+for\s+me\b",
    rf"\b(?:a|an|any)\s+{_ROLE}\s+for\s+me\b",
    r"\bmy\s+(?:job\s+)?(?:application|candidacy)\b",
    r"\bapplied\s+(?:to|for)\s+your\b|\bapply(?:ing)?\s+(?:for|to)\s+your\b",
    r"\b(?:ask(?:ing)?\s+(?:you\s+)?for|get|give\s+me|could\s+i\s+have)\s+(?:a|your)\s+referral\b",
    rf"\breferral\s+(?:to|for|at|into)\s+(?:a|an|the|your|this)\s+{_FEW}(?:{_ROLE}|company|team|firm|program|organization)\b",
)

#: Job talk that asks, unless the clause is about how people get there (see ``_ABOUT_THE_PATH``).
_ASKS = _rx(
    r"\bget(?:ting)?\s+hired\b",
    r"\b(?:are|is)\s+(?:you|they|your\s+[\w-]+(?:\s+[\w-]+)?|[A-Z][\w&'-]*)\s+(?:currently\s+|still\s+|now\s+)?hiring\b",
    r"\b(?:you're|you\s+are|they're|they\s+are)\s+(?:currently\s+|still\s+|now\s+)?hiring\b",
    r"\bhiring\s+(?:now|right\s+now|this|for\s+(?:the|next)|interns?|students?|new\s+grads?)\b",
    r"\b(?:any|your|the)\s+(?:[\w-]+\s+)?(?:openings?|vacanc(?:y|ies))\b",
    r"\b(?:openings?|vacanc(?:y|ies))\s+(?:you|on|at|in|for)\b",
    r"\bopen\s+(?:[\w-]+\s+)?(?:roles?|positions?|jobs?|internships?|reqs?)\b",
    r"\b(?:positions?|roles?|jobs?|internships?)\s+(?:available|open(?:ing)?\s+up|opens?\s+up)\b",
    r"\bjob\s+offers?\b|\bchance\s+of\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:job|offer|position|role)\b",
    r"\bjoin\s+(?:you|your|the|[\w&.-]+'s)\s+(?:[\w-]+\s+){0,2}(?:team|company|firm|group|lab|program|staff|organization|department)\b",
    r"\b(?:move|get|transfer|switch)\s+(?:in)?(?:to|onto)\s+(?:your|the\s+[\w&.-]+'s|[\w&.-]+'s)\s+(?:[\w-]+\s+){0,2}(?:team|company|firm|group|lab|staff|organization|department)\b",
    r"\b(?:work(?:ing)?|intern(?:ing)?)\s+(?:for|with|at|under)\s+(?:you\b|your\s+(?:team|company|firm|group|lab|organization|office))",
    rf"\b(?:get|land|secure|obtain|find)\s+(?:me\s+)?(?:a|an|the|any|some)\s+{_FEW}{_ROLE}\s+(?:on|at|with|in)\s+(?:your|you)\b",
    rf"\bapply(?:ing)?\s+(?:for|to)\s+(?:your|this|that)\s+{_FEW}(?:{_ROLE}|program|team)\b",
    rf"\b(?:help|helping)\s+me\s+(?:to\s+)?(?:get|land|find|secure)\s+(?:a|an|the|my|any|some)?\s*{_FEW}{_ROLE}\b",
    rf"\bdo\s+you\s+know\s+(?:of\s+)?any\s+{_FEW}(?:{_ROLE})\b",
    rf"\blet\s+me\s+know\s+(?:if|when|about)\b.*\b(?:opens?\s+up|openings?|hiring|{_ROLE})\b",
    rf"\b(?:if|whether)\s+there(?:'s|\s+is|\s+are|\s+might\s+be)\s+(?:a|an|any)\s+{_FEW}{_ROLE}\b",
)

#: An objective typed as a bare verb phrase ("get an internship") asks the contact for it.
_OBJECTIVE_ASKS = _rx(
    rf"^(?:to\s+)?(?:get|land|secure|obtain|find|ask\s+(?:you\s+)?for|apply\s+for)\s+(?:a|an|the|any|some|your)\s+{_FEW}{_ROLE}\b",
    r"^(?:to\s+)?(?:hear|learn|find\s+out|ask)\s+(?:about\s+)?(?:if|whether)\b.*\bhiring\b",
)

#: Saying one is after a kind of role: the pitch's "position you're seeking".
_SEEKING = _rx(
    rf"\b(?:looking|searching|hoping|aiming|applying|hunting)\s+(?:for|to\s+(?:find|land|get|join|start))\s+{_SOME}{_ROLE}\b",
    rf"\bseeking\s+{_SOME}{_ROLE}\b",
    rf"\binterested\s+in\s+{_FEW}(?:{_ROLE}|opportunit(?:y|ies))\s+(?:at|with|on|in)\s+(?:your|the|[A-Z])",
    rf"\b(?:want|hope|plan|would\s+like|'d\s+like|’d\s+like)\s+to\s+(?:find|land|get|secure)\s+{_SOME}{_ROLE}\b",
)

# The contact's own job is a topic ("your first job", "how did you land your role?").
_OWN = re.compile(
    rf"\b(?:your|their|his|her)\s+(?:(?!(?:has|have|had|is|are)\b)[\w-]+\s+){{0,2}}?{_ROLE}\b"
    rf"|\b(?:a|an)\s+{_ROLE}\s+like\s+(?:yours|theirs|hers|his)\b",
    re.IGNORECASE,
)
# Questions about the path, not requests: "how people get hired", "what it takes to land ...".
_ABOUT_THE_PATH = re.compile(
    r"\bhow\s+(?:to|do|does|did|can|could|would|people|students|others|someone|one|you|new|most"
    r"|they|grads?|graduates?|candidates?|your\s+(?:team|organization|company|firm|office))\b"
    r"|\bwhat\s+(?:it\s+takes|(?:does|did)\s+it\s+take|helped|made|do\s+you\s+look\s+for)\b"
    r"|\bwhen\s+(?:you|hiring)\b|\bwhat\s+(?:was|is)\s+it\s+like\b|\bfill(?:s|ed|ing)?\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no|without)\b|n't\b|n’t\b", re.IGNORECASE)
_CLAUSES = re.compile(r"[,;:—–]|\s-\s|\bbut\b|\bhowever\b", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text.replace("’", "'")) if s.strip()]


def _clause_ask(clause: str, *, whole: str) -> tuple[str, AskKind] | None:
    if _NEGATION.search(clause):
        return None
    if m := _ALWAYS.search(clause):
        return m.group(0), AskKind.ASK
    topic = _OWN.sub(" ", clause)
    for m in _ASKS.finditer(topic):
        if not _ABOUT_THE_PATH.search(topic[: m.start()]):
            return m.group(0), AskKind.ASK
    if whole == clause and (m := _OBJECTIVE_ASKS.search(topic.strip())):
        return m.group(0), AskKind.ASK
    if (m := _SEEKING.search(topic)) and not _ABOUT_THE_PATH.search(topic[: m.start()]):
        return m.group(0), AskKind.SEEKING
    return None


def find_job_asks(text: str) -> list[JobAsk]:
    """Every sentence of ``text`` that goes after a job, with the words that do it.

    A clause that says "not" is left alone ("I'm not asking for a job"). A text that is a single
    verb phrase (an objective such as "get an internship on your team") is read as a request.
    """
    found: list[JobAsk] = []
    for sentence in _sentences(text):
        for clause in _CLAUSES.split(sentence):
            hit = _clause_ask(clause, whole=sentence.rstrip(".!? "))
            if hit:
                found.append(JobAsk(sentence, hit[0].strip(), hit[1]))
                break
    return found


def asks_for_job(text: str, *, seeking_counts: bool = True) -> bool:
    """Whether the text goes after a job; ``seeking_counts=False`` lets "I'm looking for an
    internship" through, as a pitch may say it."""
    return any(seeking_counts or a.kind is AskKind.ASK for a in find_job_asks(text))


def job_ask_sentences(text: str, *, seeking_counts: bool = True) -> list[str]:
    """The sentences that go after a job, in order, once each."""
    asks = find_job_asks(text)
    return list(dict.fromkeys(a.sentence for a in asks if seeking_counts or a.kind is AskKind.ASK))
