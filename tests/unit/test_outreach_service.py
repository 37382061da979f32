"""The /draft use cases: which fact a draft needs, writing and keeping it, "I sent it"."""

from __future__ import annotations

from dataclasses import replace

from bot.features.contacts.domain import Stage
from bot.features.outreach import service
from bot.features.outreach.domain.facts import DraftFacts
from bot.features.outreach.domain.kinds import DraftKind
from bot.features.outreach.service import Need, Plan
from tests.fakes.harness import Harness
from tests.support.students import UID, setup_student


async def test_the_plan_asks_for_the_one_fact_each_kind_needs(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)

    async def plan(kind: DraftKind, remembered: str = "") -> Plan:
        return await service.plan(services, UID, kind, dana, remembered)

    assert await plan(DraftKind.REQUEST_EMAIL) == Plan(Need.OBJECTIVE, "")
    assert await plan(DraftKind.REQUEST_EMAIL, "learn SQL") == Plan(Need.OBJECTIVE, "learn SQL")
    assert await plan(DraftKind.THANK_YOU) == Plan(Need.HIGHLIGHT)
    assert await plan(DraftKind.KEEP_IN_TOUCH) == Plan(Need.PROGRESS)
    assert await plan(DraftKind.INTRO_REQUEST) == Plan()
    interview = await services.interviews.create(UID, dana.id, "hear about informatics")
    assert await plan(DraftKind.PHONE_SCRIPT) == Plan(Need.OBJECTIVE, "hear about informatics")
    await services.interviews.update(UID, interview.id, lambda i: replace(i, highlight="AMIA"))
    assert await plan(DraftKind.THANK_YOU) == Plan()  # the debrief's highlight is used


async def test_a_second_follow_up_is_refused(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    facts = DraftFacts(objective="learn how you moved into informatics")
    written = await service.write(services, UID, DraftKind.FOLLOW_UP, dana, facts)
    assert await service.plan(services, UID, DraftKind.FOLLOW_UP, dana, "") == Plan(Need.OBJECTIVE)
    await service.mark_sent(services, UID, written.saved.id)
    assert await service.plan(services, UID, DraftKind.FOLLOW_UP, dana, "") == Plan(
        followed_up=True
    )


async def test_writing_keeps_the_draft_and_sending_moves_the_contact(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    facts = DraftFacts(objective="learn how you moved into informatics")
    written = await service.write(services, UID, DraftKind.REQUEST_EMAIL, dana, facts)
    assert "May I have 20 minutes" in written.draft.body
    assert await service.kept(services, UID, written.saved.id) is not None

    sent = await service.mark_sent(services, UID, written.saved.id)
    assert sent is not None and sent.moved and sent.contact.stage is Stage.REQUEST_SENT
    assert sent.sent_at is not None and str(sent.sent_at.tzinfo) == "America/Los_Angeles"
    again = await service.mark_sent(services, UID, written.saved.id)
    assert again is not None and not again.moved  # already past "to contact"
    assert again.saved.sent_at == sent.saved.sent_at  # the first send time stays

    intro = await service.write(services, UID, DraftKind.INTRO_REQUEST, dana, DraftFacts())
    logged = await service.mark_sent(services, UID, intro.saved.id)
    assert logged is not None and not logged.moved
    assert "Ask for introductions sent" in str(logged.contact.log)


async def test_a_gone_contact_or_draft_is_none(harness: Harness) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    written = await service.write(services, UID, DraftKind.INTRO_REQUEST, dana, DraftFacts())
    assert await service.mark_sent(services, UID, "nope") is None
    await services.contacts.delete(UID, dana.id)
    assert await service.kept(services, UID, written.saved.id) is None
    assert await service.mark_sent(services, UID, written.saved.id) is None
