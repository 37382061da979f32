"""The flow kit's own rules: typed buttons, stored flow state, and routing from that state."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.flow import FlowState, Go, Press
from bot.flow.state import clear_state, load_state, save_state
from bot.render.callbacks import CALLBACK_LIMIT, Callback, CallbackCodec
from bot.render.keyboards import keyboard
from bot.store.tinydb_store import TinyDBStore
from tests.fakes.harness import start_harness, stop_harness


class Tone(enum.Enum):
    WARM = "warm"
    FORMAL = "formal"


@dataclass(frozen=True, slots=True)
class Rewrite(Press, code="tk|rw"):
    draft: str
    tone: Tone
    times: int = 1
    final: bool = False


@dataclass(frozen=True, slots=True)
class Plain(Press, code="tk|plain"):
    pass


def signed(press: Press, label: str = "x", user: int = 7) -> str:
    codec = CallbackCodec(b"k" * 32)
    markup = keyboard(codec, user, [[press.button(label)]])
    data = markup.inline_keyboard[0][0].callback_data
    assert isinstance(data, str)
    return data


def decoded(data: str, user: int = 7) -> Callback:
    result = CallbackCodec(b"k" * 32).decode(user, data)
    assert result is not None
    return result


def test_a_press_round_trips_with_its_types() -> None:
    data = signed(Rewrite("ab12", Tone.FORMAL, 3, True))
    assert data.startswith("tk|rw|ab12|formal|3|1|")
    assert Rewrite.decode(decoded(data)) == Rewrite("ab12", Tone.FORMAL, 3, True)


def test_a_field_less_press_round_trips() -> None:
    assert Plain.decode(decoded(signed(Plain()))) == Plain()


def test_pattern_matches_only_its_own_kind() -> None:
    data = signed(Rewrite("ab12", Tone.WARM))
    assert Rewrite.matches(data)
    assert not Plain.matches(data)
    assert not Rewrite.matches("tk|rw")  # no payload, no signature
    assert not Rewrite.matches(None)


def test_where_selects_by_leading_field_values() -> None:
    draft = signed(Go("draft", "c1"))
    assert Go.where(target="draft")(draft)
    assert not Go.where(target="prep")(draft)
    assert Go.matches(draft)


def test_older_data_without_trailing_defaults_still_decodes() -> None:
    old = Callback("tk", ("rw", "ab12", "warm"))
    assert Rewrite.decode(old) == Rewrite("ab12", Tone.WARM, 1, False)


def test_malformed_values_decode_to_none_not_an_exception() -> None:
    assert Rewrite.decode(Callback("tk", ("rw", "ab12", "loud"))) is None
    assert Rewrite.decode(Callback("tk", ("rw", "ab12", "warm", "many"))) is None
    assert Rewrite.decode(Callback("tk", ("rw",))) is None
    assert Rewrite.decode(Callback("zz", ("rw", "a", "warm"))) is None


def test_a_press_signed_for_someone_else_is_refused() -> None:
    assert CallbackCodec(b"k" * 32).decode(8, signed(Plain(), user=7)) is None


def test_codes_are_unique_and_never_prefixes_of_each_other() -> None:
    with pytest.raises(TypeError, match="taken"):

        @dataclass(frozen=True)
        class Again(Press, code="tk|plain"):
            pass

    with pytest.raises(TypeError, match="overlaps"):

        @dataclass(frozen=True)
        class Deeper(Press, code="tk|plain|more"):
            pass

    with pytest.raises(TypeError, match="needs a code"):

        class Nameless(Press):
            pass


def test_data_stays_within_telegrams_limit() -> None:
    assert len(signed(Rewrite("ab12cd34", Tone.FORMAL, 99, True)).encode()) <= CALLBACK_LIMIT


@dataclass(kw_only=True)
class Sample(FlowState):
    contact: str = ""
    picked: tuple[str, ...] = ()


def test_state_is_stored_as_json_and_read_back_typed() -> None:
    data: dict[str, object] = {}
    save_state(data, "sample", Sample(step="ask", active=True, contact="c1", picked=("a", "b")))
    assert data == {
        "flows": {"sample": {"step": "ask", "active": True, "contact": "c1", "picked": ["a", "b"]}}
    }
    assert load_state(data, "sample", Sample) == Sample(
        step="ask", active=True, contact="c1", picked=("a", "b")
    )
    clear_state(data, "sample")
    assert data == {}


def test_unreadable_state_is_dropped_not_fatal() -> None:
    data: dict[str, object] = {"flows": {"sample": {"step": 3, "picked": "nope"}}}
    assert load_state(data, "sample", Sample) is None
    assert data == {"flows": {}}


async def test_a_student_paused_before_the_kit_resumes_at_their_question(tmp_path: Path) -> None:
    """Old releases kept the onboarding question under ``onboarding_step`` in scratch."""
    h = await start_harness(tmp_path / "data")
    chat = h.chat()
    await chat.send("/start")
    await chat.send("Ria")
    await stop_harness(h)

    # As the old code stored it (the state is loaded from the store on the student's first update).
    await TinyDBStore(tmp_path / "data").save_state(
        chat.user_id, {"user_data": {"onboarding_step": "interests"}}
    )
    h = await start_harness(tmp_path / "data")
    chat = h.chat()
    await chat.send("/start")
    assert "3/5" in chat.last.plain
    await chat.send("robotics")
    assert "4/5" in chat.last.plain
    assert "onboarding_step" not in h.app.user_data[chat.user_id]
    assert (await h.app.bot_data["services"].profiles.get(chat.user_id)).interests == "robotics"
    await stop_harness(h)


async def test_routing_follows_the_stored_state_not_memory(tmp_path: Path) -> None:
    """Another process (or a restart) that changed the stored step is what the next update sees."""
    h = await start_harness(tmp_path / "data")
    chat = h.chat()
    await chat.send("/start")
    await chat.send("Ria")
    assert "2/5" in chat.last.plain
    h.app.user_data[chat.user_id]["flows"]["onboarding"]["active"] = False
    await chat.send("BS Physics")
    assert "2/5" not in chat.last.plain
    assert (await h.app.bot_data["services"].profiles.get(chat.user_id)).degree is None
    await stop_harness(h)
