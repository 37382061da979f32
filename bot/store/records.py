"""One way to turn domain dataclasses into stored JSON records and back.

Domain records are plain frozen dataclasses; repositories store them through these two functions
instead of hand-written ``to_record``/``from_record`` pairs. pydantic's ``TypeAdapter`` validates
on the way in, so a damaged or older record fails loudly (or is migrated by the repository) rather
than producing a half-filled object. Datetimes are stored as ISO-8601 strings with their offset,
enums as their values, tuples as lists: the shapes files written before this module already use.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    """One adapter per record type: building one compiles a validator, so it is kept."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def to_json(record: object) -> dict[str, Any]:
    """The JSON-safe dict stored for ``record``."""
    return _adapter(type(record)).dump_python(record, mode="json", by_alias=True)  # type: ignore[no-any-return]


def from_json(kind: type[T], data: dict[str, Any]) -> T:
    """The ``kind`` record stored as ``data`` (raises ``pydantic.ValidationError`` if it isn't)."""
    return _adapter(kind).validate_python(data)  # type: ignore[no-any-return]
