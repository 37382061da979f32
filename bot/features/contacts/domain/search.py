"""Finding and ordering contacts: typo-tolerant search, what needs the student's attention first,
and the chain of introductions behind a contact."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process

from bot.features.contacts.domain.fields import fold
from bot.features.contacts.domain.records import Contact, Stage


def _cutoff(token: str) -> float:
    """One typo in a short word is a big share of it, so short words need a closer match."""
    return 100 if len(token) <= 2 else 75 if len(token) <= 5 else 80


def search(contacts: Iterable[Contact], query: str, limit: int = 20) -> list[Contact]:
    """Contacts matching ``query`` in name, organization, role, field or notes, best first.

    Exact substring hits rank first (name before the other fields before notes); then every query
    word must match some word typo-tolerantly ("mria lopz" finds Maria Lopez). Word matching runs
    through rapidfuzz over the distinct words once, so 2,000 contacts stay fast.
    """
    q = fold(query)
    items = list(contacts)
    if not q or limit <= 0:
        return []
    scored: dict[int, float] = {}
    word_index: dict[str, dict[int, int]] = {}  # word -> {contact index: best field weight}
    for i, c in enumerate(items):
        fields = ((3, c.name), (2, c.organization), (2, c.role), (2, c.field), (1, c.notes))
        for weight, text in fields:
            folded = fold(text)
            if not folded:
                continue
            if q in folded:
                scored[i] = max(scored.get(i, 0), 1000 + weight * 100 - folded.index(q) / 100)
            for word in folded.split():
                slot = word_index.setdefault(word, {})
                if slot.get(i, 0) < weight:
                    slot[i] = weight
    vocab = list(word_index)
    per_token: list[dict[int, float]] = []
    for token in q.split():
        hits: dict[int, float] = {}
        matches = process.extract(
            token, vocab, scorer=fuzz.ratio, score_cutoff=_cutoff(token), limit=None
        )
        if len(token) >= 3:
            matches += [(w, 95.0, 0) for w in vocab if w.startswith(token) and w != token]
        for word, score, _ in matches:
            for i, weight in word_index[word].items():
                hits[i] = max(hits.get(i, 0), score * weight)
        per_token.append(hits)
    if per_token:
        common = set.intersection(*(set(h) for h in per_token))
        for i in common:
            if i not in scored:
                scored[i] = sum(h[i] for h in per_token) / len(per_token)
    ranked = sorted(scored, key=lambda i: (-scored[i], fold(items[i].name)))
    return [items[i] for i in ranked[:limit]]


FOLLOW_UP_AFTER = timedelta(days=7)
SCHEDULED_SOON = timedelta(days=3)
KEEP_IN_TOUCH_AFTER = timedelta(days=60)


def _attention(c: Contact, now: datetime) -> tuple[int, float, str | None]:
    """(bucket, order within bucket, reason): one place decides both the order and the why."""
    last = c.last_interaction or c.updated_at
    idle = now - last
    if c.stage is Stage.SCHEDULED and c.scheduled_for is not None:
        if c.scheduled_for < now:
            return 0, c.scheduled_for.timestamp(), "Interview time has passed — how did it go?"
        if c.scheduled_for - now <= SCHEDULED_SOON:
            reason = f"Interview {_when(c.scheduled_for, now)} — prepare your questions"
            return 1, c.scheduled_for.timestamp(), reason
    if c.stage is Stage.INTERVIEWED:
        return 2, last.timestamp(), "Send a thank-you note"
    if c.stage is Stage.REQUEST_SENT and idle >= FOLLOW_UP_AFTER:
        return 3, last.timestamp(), f"No reply for {idle.days} days — a polite follow-up is fine"
    if c.stage is Stage.TO_CONTACT:
        return 4, c.created_at.timestamp(), "Next: ask them for an informational interview"
    if c.stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH) and idle >= KEEP_IN_TOUCH_AFTER:
        return 5, last.timestamp(), f"Last in touch {idle.days} days ago — share an update"
    if c.stage in (Stage.DECLINED, Stage.NO_REPLY):
        return 7, -last.timestamp(), None
    return 6, -last.timestamp(), None


def _when(at: datetime, now: datetime) -> str:
    days = (at.date() - now.date()).days
    return "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"


def attention_reason(contact: Contact, now: datetime) -> str | None:
    """Why this contact needs the student now, in words the list can show; None when it doesn't."""
    return _attention(contact, now)[2]


def attention_order(contacts: Iterable[Contact], now: datetime) -> list[Contact]:
    """Contacts ordered by what needs doing first (passed interviews, upcoming interviews, thank-you
    notes, follow-ups, people not yet contacted, stale relationships), then by recent activity."""
    return sorted(contacts, key=lambda c: (*_attention(c, now)[:2], fold(c.name)))


def intro_chain(contact: Contact, by_id: Mapping[str, Contact]) -> list[Contact]:
    """The chain of introductions ending at ``contact``: [first introducer, ..., contact].

    Broken links end the chain quietly and a cycle (possible after edits or merges) is cut where it
    repeats, so a card always renders.
    """
    chain = [contact]
    seen = {contact.id}
    current = contact
    while current.introduced_by and current.introduced_by not in seen:
        nxt = by_id.get(current.introduced_by)
        if nxt is None:
            break
        chain.append(nxt)
        seen.add(nxt.id)
        current = nxt
    chain.reverse()
    return chain


def introduced_by_contact(contact_id: str, contacts: Iterable[Contact]) -> list[Contact]:
    """People this contact introduced the student to, for the card's "introduced you to" line."""
    return [c for c in contacts if c.introduced_by == contact_id]
