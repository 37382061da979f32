"""Wording what the sweep delivers and what /nudges and /start list: templates plus buttons.

One message carries every contact nudge due together (a bundle); the weekly summary is its own
message. Each nudge has the same buttons everywhere: do it now (the right flow, with the contact
chosen), done, snooze a day or a week, stop for this contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.features.contacts.domain.records import Contact
from bot.features.interviews.domain.interviews import PrepSheet, day_label, prep_sheet
from bot.features.nudges.buttons import NudgeAction
from bot.features.nudges.domain.kinds import NudgeKind
from bot.features.nudges.domain.records import Nudge
from bot.features.nudges.domain.summary import Item, Overview, WeekSummary
from bot.features.nudges.repository import Batch, Listed, NudgeRepository
from bot.flow import Go
from bot.render.keyboards import Button
from bot.render.templates import render

MAX_WITH_BUTTONS = 6  # a bundle's nudges that get their buttons (the rest: /nudges)
LISTED_WITH_BUTTONS = 3  # /nudges: buttons for the soonest three, so the screen stays readable
_NAME_CHARS = 18

# "Do it now": which flow opens, with the contact chosen (and the draft kind, for /draft).
_DO_NOW: dict[NudgeKind, tuple[str, str, str]] = {
    NudgeKind.FOLLOW_UP: ("✉️ Follow up", "draft", "follow_up"),
    NudgeKind.NO_REPLY: ("👥 My contacts", "contacts", ""),
    NudgeKind.MEETING_DAY_BEFORE: ("📋 Prep", "prep", ""),
    NudgeKind.MEETING_HOUR_BEFORE: ("📋 Prep", "prep", ""),
    NudgeKind.THANK_YOU: ("✉️ Thank-you", "draft", "thank_you"),
    NudgeKind.THANK_YOU_AGAIN: ("✉️ Thank-you", "draft", "thank_you"),
    NudgeKind.DEBRIEF: ("📝 Debrief", "debrief", ""),
    NudgeKind.KEEP_IN_TOUCH: ("✉️ Send an update", "draft", "keep_in_touch"),
    NudgeKind.WEEKLY_SUMMARY: ("✉️ Draft a request", "draft", ""),
}


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to send and the nudges it carries."""

    nudge_ids: tuple[str, ...]
    html: str
    rows: list[list[Button]]


def _short(name: str) -> str:
    first = name.split()[0] if name.split() else name
    return first if len(first) <= _NAME_CHARS else first[: _NAME_CHARS - 1] + "…"


def buttons(nudge: Nudge, contact: Contact | None, *, named: bool) -> list[list[Button]]:
    """The two rows under one nudge: do it now, then done / snooze / stop."""
    label, target, detail = _DO_NOW[nudge.kind]
    if named and contact is not None:
        label = f"{label}: {_short(contact.name)}"
    record = contact.id if contact is not None and target != "contacts" else ""
    actions = [
        NudgeAction("done", nudge.id).button("✅ Done"),
        NudgeAction("snooze1", nudge.id).button("⏰ 1 day"),
        NudgeAction("snooze7", nudge.id).button("⏰ 1 week"),
    ]
    if contact is not None:
        actions.append(NudgeAction("stop", nudge.id).button("🔕 Stop"))
    return [[Go(target, record, detail).button(label)], actions]


def _when(moment: datetime | None, tz: ZoneInfo) -> str:
    return day_label(moment.astimezone(tz), short=True) if moment else ""


def _item(nudge: Nudge, batch: Batch, now: datetime) -> dict[str, object]:
    contact = batch.contacts.get(nudge.contact_id or "")
    interview = batch.interviews.get(nudge.interview_id or "")
    sheet: PrepSheet | None = None
    if nudge.kind is NudgeKind.MEETING_DAY_BEFORE and interview is not None and contact:
        sheet = prep_sheet(
            interview,
            contact_name=contact.name,
            organization=contact.organization,
            role=contact.role,
            tz_name=batch.tz.key,
        )
    return {
        "kind": nudge.kind.value,
        "name": contact.name if contact else "",
        "organization": contact.organization if contact else "",
        "days_since": (now - nudge.anchor).days,
        "anchor_day": day_label(nudge.anchor.astimezone(batch.tz), short=True, clock=False),
        "meeting": _when(interview.starts_at if interview else None, batch.tz),
        "sheet": sheet,
    }


def compose(batch: Batch, now: datetime) -> list[Outgoing]:
    """The messages for one student's batch: the weekly summary first, then the bundle of contact
    nudges, so the buttons of what needs doing are the newest on screen."""
    out: list[Outgoing] = []
    summary = next((n for n in batch.nudges if n.kind is NudgeKind.WEEKLY_SUMMARY), None)
    if summary is not None and batch.summary is not None:
        out.append(
            Outgoing(
                (summary.id,),
                summary_html(batch.summary, batch.tz),
                [[Go("draft").button(_DO_NOW[NudgeKind.WEEKLY_SUMMARY][0])]],
            )
        )
    items = [
        n
        for n in batch.nudges
        if n.kind is not NudgeKind.WEEKLY_SUMMARY
        and (n.contact_id is None or n.contact_id in batch.contacts)
    ]
    orphans = [
        n.id for n in batch.nudges if n.kind is not NudgeKind.WEEKLY_SUMMARY and n not in items
    ]
    items.sort(key=lambda n: n.deliver_at)
    if items:
        named = len(items) > 1
        rows: list[list[Button]] = []
        for nudge in items[:MAX_WITH_BUTTONS]:
            rows += buttons(nudge, batch.contacts.get(nudge.contact_id or ""), named=named)
        late = (now - min(n.deliver_at for n in items)).days
        html = render(
            "nudges/bundle.html.j2",
            items=[_item(n, batch, now) for n in items],
            late_days=late,
            more=max(0, len(items) - MAX_WITH_BUTTONS),
        )
        out.append(Outgoing(tuple(n.id for n in items) + tuple(orphans), html, rows))
    elif orphans:
        out.append(Outgoing(tuple(orphans), "", []))
    return out


def summary_html(summary: WeekSummary, tz: ZoneInfo) -> str:
    """The weekly summary message."""
    return render(
        "nudges/summary.html.j2",
        s=summary,
        coming=_rows(summary.coming[:8], tz),
    )


def listing(items: list[Listed], tz: ZoneInfo) -> tuple[str, list[list[Button]]]:
    """/nudges: what is coming, each with its buttons."""
    rows: list[list[Button]] = []
    for entry in items[:LISTED_WITH_BUTTONS]:
        rows += buttons(entry.nudge, entry.contact, named=True)
    html = render(
        "nudges/list.html.j2",
        items=[
            {
                "when": _when(i.nudge.deliver_at, tz),
                "kind": i.nudge.kind.value,
                "name": i.contact.name if i.contact else "",
                "snoozed": i.nudge.state.value == "snoozed",
            }
            for i in items
        ],
    )
    return html, rows


def _rows(items: tuple[Item, ...], tz: ZoneInfo) -> list[dict[str, str]]:
    return [{"when": _when(i.at, tz), "kind": i.kind.value, "name": i.contact_name} for i in items]


def overview_html(view: Overview, tz: ZoneInfo) -> str:
    """The "due today / this week" part of a returning student's /start ("" when nothing)."""
    if not view.today and not view.week:
        return ""
    return render("nudges/overview.html.j2", today=_rows(view.today, tz), week=_rows(view.week, tz))


async def due_summary_html(nudges: NudgeRepository, user_id: int) -> str:
    """What a returning student's /start shows beside the greeting ("" when nothing is due)."""
    view, tz = await nudges.overview(user_id)
    return overview_html(view, tz)
