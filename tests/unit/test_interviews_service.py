"""The debrief's stage rule: a debrief moves the contact to "interviewed", never backwards."""

from __future__ import annotations

import pytest

from bot.features.contacts.domain import Stage
from bot.features.interviews import service
from tests.fakes.harness import Harness
from tests.support.students import UID, setup_student


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Stage.TO_CONTACT, Stage.INTERVIEWED),
        (Stage.SCHEDULED, Stage.INTERVIEWED),
        (Stage.THANKED, Stage.THANKED),
        (Stage.KEEPING_IN_TOUCH, Stage.KEEPING_IN_TOUCH),
    ],
)
async def test_finishing_a_debrief_moves_the_stage_forward_only(
    harness: Harness, before: Stage, after: Stage
) -> None:
    services = harness.app.bot_data["services"]
    dana = await setup_student(harness)
    dana = await services.contacts.set_stage(UID, dana.id, before) or dana
    interview = await service.start_debrief(services, UID, dana)
    done = await service.finish_debrief(services, UID, dana, interview, ("Join AMIA",))
    assert (await services.contacts.get(UID, dana.id)).stage is after
    assert done.interview.next_steps == ("Join AMIA",)
    assert done.interview.status.value == "done"
    assert "Informational interview" in str(done.contact.log)
