"""/pitch → Tailor: a version for one contact or organization, from facts the student gives.

The coach asks for what it does not know (``tailor_gaps``) one question at a time instead of
inventing anything about the organization; the replies live in the flow's state, so /cancel or a
restart resumes at the same question.
"""

from __future__ import annotations

from bot.features.pitch import buttons as b
from bot.features.pitch.domain.elements import Element
from bot.features.pitch.domain.text import count_words
from bot.features.pitch.handlers.flow import (
    FLOW,
    MENU,
    PitchTurn,
    label,
    note,
    offer,
    on_screen,
    service,
)
from bot.features.pitch.handlers.state import Tailoring
from bot.flow import Next

LABEL_CHARS = 32
ORGANIZATION_CHARS = (2, 80)
MAX_REPLY = 400


def _label(name: str, organization: str) -> str:
    text = label("contact_label", name=name, organization=organization) if organization else name
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


async def ask_who(turn: PitchTurn) -> None:
    """Contacts who need attention first, as buttons; or type an organization."""
    contacts = await service(turn).tailor_contacts(turn.user_id)
    rows = [[b.ForContact(c.id).button(_label(c.name, c.organization))] for c in contacts]
    await turn.say("pitch/tailor_pick.html.j2", rows or None, contacts=contacts)


async def ask_gap(turn: PitchTurn) -> Next | None:
    """The next fact to ask for; with none left, the tailored version."""
    tailoring = turn.state.tailoring
    if tailoring is None:
        return turn.goto(MENU)
    open_gaps = tailoring.open_gaps
    if not open_gaps:
        return await _tailor(turn, tailoring)
    await turn.say(
        "pitch/tailor_gap.html.j2",
        [[b.SkipFact(open_gaps[0].value).button(label("skip"))]],
        e=open_gaps[0],
        who=tailoring.who,
        role=tailoring.role,
        n=len(tailoring.gaps) - len(open_gaps) + 1,
        of=len(tailoring.gaps),
    )
    return None


PICK = FLOW.step("tailor_pick", ask=ask_who)
GAP = FLOW.step("tailor_gap", ask=ask_gap)


@FLOW.entry_press(b.Tailor)
async def start(turn: PitchTurn, press: b.Tailor) -> Next:
    """Who the tailored version is for."""
    turn.state.tailoring = None
    return turn.goto(PICK)


@PICK.text
async def typed_organization(turn: PitchTurn, text: str) -> Next:
    """An organization typed by name."""
    organization = " ".join(text.split())
    least, most = ORGANIZATION_CHARS
    if not least <= len(organization) <= most:
        await turn.say_html(note("tailor_org_short"))
        return turn.stay()
    pending = turn.state.tailoring
    return await _begin(turn, organization, pending.role if pending else "")


@FLOW.entry_press(b.ForContact)
async def for_contact(turn: PitchTurn, press: b.ForContact) -> Next:
    """A contact's organization (asked for when the card has none)."""
    contact = await service(turn).contact(turn.user_id, press.contact_id)
    if contact is None:
        return turn.goto(PICK)
    if not contact.organization:
        turn.state.tailoring = Tailoring(role=contact.role, who=contact.name)
        await turn.say_html(note("tailor_no_org", name=contact.name))
        return on_screen(PICK)
    return await _begin(turn, contact.organization, contact.role)


async def _begin(turn: PitchTurn, organization: str, role: str) -> Next:
    gaps = await service(turn).tailor_gaps(turn.user_id, organization, role)
    turn.state.tailoring = Tailoring(
        organization=organization, role=role, who=organization, gaps=gaps
    )
    return turn.goto(GAP)


@GAP.text
async def gap_reply(turn: PitchTurn, text: str) -> Next:
    """The student's own words for a missing fact."""
    text = " ".join(text.split())
    if count_words(text) < 2 or len(text) > MAX_REPLY:
        await turn.say_html(note("tailor_gap_short"))
        return turn.stay()
    return _answered(turn, text)


@FLOW.entry_press(b.SkipFact)
async def skip_fact(turn: PitchTurn, press: b.SkipFact) -> Next:
    """Leave this fact out; a Skip left under an earlier question asks the open one again."""
    tailoring = turn.state.tailoring
    if tailoring is None or not tailoring.gaps:
        return turn.goto(MENU)
    open_gaps = tailoring.open_gaps
    if open_gaps and press.element and press.element != open_gaps[0].value:
        return turn.goto(GAP)
    return _answered(turn, "")


def _answered(turn: PitchTurn, text: str) -> Next:
    tailoring = turn.state.tailoring
    if tailoring is None:
        return turn.goto(MENU)
    if open_gaps := tailoring.open_gaps:
        tailoring.replies[open_gaps[0]] = text
    return turn.goto(GAP)


async def _tailor(turn: PitchTurn, tailoring: Tailoring) -> Next:
    """Everything known: write the tailored version (a skipped fact is left out, not invented)."""
    replies: dict[Element, str] = dict(tailoring.replies)
    tailored = await service(turn).tailor(
        turn.user_id, tailoring.organization, tailoring.role, replies
    )
    turn.state.tailoring = None
    await turn.say(
        "pitch/shortened.html.j2",
        offer(turn, tailored),
        who=tailoring.who,
        text=tailored.text,
        target=tailored.target,
        words=tailored.words,
        placeholders="[" in tailored.text,
    )
    return on_screen(MENU)
