"""/pitch buttons already on students' phones (sent before the typed buttons) still decode."""

from __future__ import annotations

import pytest

from bot.features.pitch import buttons as b
from bot.flow import Press
from bot.render.callbacks import CallbackCodec
from bot.render.keyboards import Button

USER = 7
OLD: list[tuple[tuple[str, ...], Press]] = [
    (("pt", "b"), b.Build()),
    (("pt", "p"), b.Paste()),
    (("pt", "r"), b.Review()),
    (("pt", "s"), b.Shorten()),
    (("pt", "t"), b.Tailor()),
    (("pt", "h"), b.Rehearse()),
    (("pt", "q"), b.Practice()),
    (("pt", "v"), b.Versions()),
    (("pt", "k"), b.KeepCandidate()),
    (("pt", "m"), b.Home()),
    (("pb", "k", "identity"), b.KeepAnswer("identity")),
    (("pb", "s", "name"), b.SkipQuestion("name")),
    (("pb", "l"), b.FinishLater()),
    (("pb", "v", "30"), b.KeepLength(30)),
    (("pb", "a"), b.AnswerSkipped()),
    (("pv", "t", "15"), b.Slot(15)),
    (("pv", "i"), b.KeepImproved()),
    (("pv", "m"), b.KeepMine()),
    (("ta", "c", "k3x9"), b.ForContact("k3x9")),
    (("ta", "s", "fit"), b.SkipFact("fit")),
    (("pp", "e"), b.EndPractice()),
]


@pytest.mark.parametrize(
    ("parts", "press"), OLD, ids=lambda v: "|".join(v) if isinstance(v, tuple) else ""
)
def test_an_old_button_decodes_to_its_typed_press(parts: tuple[str, ...], press: Press) -> None:
    codec = CallbackCodec(b"secret")
    data = codec.encode(USER, *parts)  # what btn(label, *parts) put on the phone
    assert type(press).matches(data)
    decoded = codec.decode(USER, data)
    assert decoded is not None and type(press).decode(decoded) == press
    button = press.button("x")
    assert (button.action, *map(str, button.args)) == parts  # and new buttons are the same bytes
    others = [type(p) for _, p in OLD if type(p) is not type(press)]
    assert not any(kind.matches(data) for kind in others)


def test_buttons_without_their_optional_field_still_decode() -> None:
    codec = CallbackCodec(b"secret")
    assert b.Slot.decode(codec.decode(USER, codec.encode(USER, "pv", "t"))) == b.Slot(60)
    assert b.SkipFact.decode(codec.decode(USER, codec.encode(USER, "ta", "s"))) == b.SkipFact("")


def test_a_label_is_only_a_label() -> None:
    assert b.KeepLength(60).button("Keep 60 s") == Button("Keep 60 s", "pb", ("v", "60"))
