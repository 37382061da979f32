"""A student who paused /pitch under the code before the flow kit resumes where they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.store.base import Transaction
from bot.store.tinydb_store import TinyDBStore
from tests.fakes.harness import start_harness, stop_harness
from tests.support.pitch_samples import GOOD_60

UID = 1001
KEY = f"[{UID}, {UID}]"


async def seed(data_dir: Path, scratch: dict[str, Any], state: int) -> None:
    """Write what the old code persisted: its scratch keys and PTB's integer state."""

    def work(tx: Transaction) -> None:
        tx.set_value("ptb_user_data", scratch)
        tx.set_value("ptb_conversations", {"pitch": {KEY: state}})
        tx.set_value("pitch_answers", {"name": "Kim Park", "identity": "MS in data science"})

    store = TinyDBStore(data_dir)
    await store.run(UID, work)
    await store.close()


async def test_a_build_paused_under_the_old_code_resumes_at_its_question(tmp_path: Path) -> None:
    await seed(tmp_path, {"pitch_flow": "build", "pitch_build_step": "focus"}, 1)
    h = await start_harness(tmp_path)
    chat = h.chat(UID)
    await chat.send("/pitch")
    assert "pick up your pitch" in chat.messages[-2].plain
    assert "3/8" in chat.last.plain
    await chat.send("machine learning for healthcare")
    assert "4/8" in chat.last.plain
    flows = h.app.user_data[UID]["flows"]
    assert flows["pitch"]["step"] == "build.position"
    assert not any(k.startswith("pitch_") for k in h.app.user_data[UID])  # read once, then gone
    await stop_harness(h)
    assert not h.spec.violations


async def test_tailoring_paused_under_the_old_code_resumes(tmp_path: Path) -> None:
    tailor = {
        "org": "Riverside Water",
        "role": "",
        "who": "Riverside Water",
        "gaps": ["interest", "fit"],
        "replies": {"interest": "their flood maps that residents can actually read"},
    }
    await seed(tmp_path, {"pitch_flow": "tailor", "pitch_tailor": tailor}, 7)
    h = await start_harness(tmp_path)
    chat = h.chat(UID)
    await chat.send("/pitch")
    assert "2/2" in chat.last.plain and "needs" in chat.last.plain
    await chat.press("Skip")
    assert "For Riverside Water" in chat.last.plain and "flood maps" in chat.last.plain
    await stop_harness(h)


async def test_an_old_offer_can_still_be_kept(tmp_path: Path) -> None:
    candidate = {"text": GOOD_60, "target": 60, "source": "tailored", "for": "Acme"}
    await seed(tmp_path, {"pitch_candidate": candidate}, 0)
    h = await start_harness(tmp_path)
    chat = h.chat(UID)
    await chat.send("/pitch")
    assert "one-minute commercial" in chat.last.plain  # nothing to resume: the pitch's home
    services = h.app.bot_data["services"]
    assert await services.pitches.current(UID) is None
    # The "Keep this one" button the old code sent with that offer, still on the phone.
    await chat.press_data(services.codec.encode(UID, "pt", "k"), chat.last)
    assert "Saved ✅" in chat.last.plain
    current = await services.pitches.current(UID)
    assert current is not None and current.tailored_for == "Acme"
    await stop_harness(h)
