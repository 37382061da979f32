"""The token ledger's Usage goes through bot.store.records yet keeps the keys it always stored."""

from __future__ import annotations

from bot.llm.base import Usage
from bot.store.records import from_json, to_json


def test_usage_is_stored_under_its_short_keys() -> None:
    assert to_json(Usage(10, 20, 3, 40)) == {
        "input": 10,
        "output": 20,
        "cache_write": 3,
        "cache_read": 40,
    }


def test_a_ledger_record_written_before_still_loads() -> None:
    stored = {"input": 120, "output": 80, "cache_write": 0, "cache_read": 900}
    assert from_json(Usage, stored) == Usage(120, 80, 0, 900)
    assert from_json(Usage, to_json(from_json(Usage, stored))) == Usage(120, 80, 0, 900)


def test_missing_counters_read_as_zero() -> None:
    assert from_json(Usage, {"input": 5}) == Usage(input_tokens=5)
    assert from_json(Usage, {}) == Usage()
