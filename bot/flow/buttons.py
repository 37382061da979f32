"""Typed button data: one small class per kind of button, spelled in exactly one place.

A button kind is a frozen dataclass that subclasses :class:`Press` with a short ``code``::

    @dataclass(frozen=True, slots=True)
    class PickPosition(Press, code="ob|pos"):
        position: str

    PickPosition("Internship").button("Internship")      # a Button for a keyboard
    CallbackQueryHandler(cb, pattern=PickPosition.matches)  # what its handler listens to
    PickPosition.decode(callback)                         # back from verified callback data

On the wire it is today's signed format, ``code|field|field|signature`` in at most 64 bytes
(see :mod:`bot.render.callbacks`), so buttons already on students' phones keep working when a
class keeps the code and field order they were sent with. Fields are ``str``, ``int``, ``bool``
or a ``str`` enum; a trailing field with a default may be missing from older data.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Self

from bot.render.callbacks import Callback
from bot.render.keyboards import Button

_SEP = "|"
_CODES: dict[str, type[Press]] = {}


class Press:
    """Base of every typed button; subclasses are frozen dataclasses with a unique ``code``."""

    code: ClassVar[str]
    _parts: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls, *, code: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # ``@dataclass(slots=True)`` builds the class anew without the keyword: keep its code.
        code = code or cls.__dict__.get("code", "")
        if not code:
            raise TypeError(f"{cls.__name__} needs a code, e.g. class X(Press, code='xx')")
        owner = _CODES.get(code)
        if owner is not None and owner.__qualname__ != cls.__qualname__:
            raise TypeError(f"button code {code!r} is taken by {owner.__qualname__}")
        if any(code.startswith(c + _SEP) or c.startswith(code + _SEP) for c in _CODES):
            raise TypeError(f"button code {code!r} overlaps another code")
        cls.code = code
        cls._parts = tuple(code.split(_SEP))
        _CODES[code] = cls

    # -- encoding -----------------------------------------------------------------------------

    def button(self, label: str) -> Button:
        """This press under ``label``, ready for :func:`bot.render.keyboards.keyboard`."""
        values = [_encode(getattr(self, f.name)) for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        return Button(label, self._parts[0], (*self._parts[1:], *values))

    # -- decoding -----------------------------------------------------------------------------

    @classmethod
    def matches(cls, data: object) -> bool:
        """Whether raw callback data names this kind (the signature is checked later)."""
        if not isinstance(data, str):
            return False
        parts = data.split(_SEP)
        return tuple(parts[: len(cls._parts)]) == cls._parts and len(parts) > len(cls._parts)

    @classmethod
    def where(cls, **values: object) -> Callable[[object], bool]:
        """A pattern for presses of this kind whose leading fields have the given values."""
        names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        wanted = {names.index(k): _encode(v) for k, v in values.items()}
        offset = len(cls._parts)

        def pattern(data: object) -> bool:
            if not cls.matches(data):
                return False
            parts = str(data).split(_SEP)[offset:-1]
            return all(i < len(parts) and parts[i] == v for i, v in wanted.items())

        return pattern

    @classmethod
    def decode(cls, press: Callback) -> Self | None:
        """The typed press from verified callback data, or None if it does not fit this kind."""
        parts = (press.action, *press.args)
        if parts[: len(cls._parts)] != cls._parts:
            return None
        raw = parts[len(cls._parts) :]
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for index, field in enumerate(dataclasses.fields(cls)):  # type: ignore[arg-type]
            if index >= len(raw):
                if field.default is dataclasses.MISSING:
                    return None
                continue
            try:
                values[field.name] = _decode(hints[field.name], raw[index])
            except ValueError:
                return None
        return cls(**values)


def _encode(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return "" if value is None else str(value)


def _decode(kind: Any, raw: str) -> object:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return None if raw == "" else _decode(options[0], raw)
    if kind is bool:
        if raw not in ("0", "1"):
            raise ValueError(raw)
        return raw == "1"
    if kind is int:
        return int(raw)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(raw)
    if origin is typing.Literal:
        if raw not in typing.get_args(kind):
            raise ValueError(raw)
        return raw
    return raw


@dataclasses.dataclass(frozen=True, slots=True)
class Go(Press, code="go"):
    """A menu or card button that opens a feature, optionally about one record (a contact), and
    optionally at one choice within it (``detail``: a nudge's "do it now" opens the follow-up
    draft itself, not the list of draft kinds)."""

    target: str
    record: str = ""
    detail: str = ""
