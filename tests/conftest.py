"""Shared fixtures: no network, a fixed clock, and the real application over in-process fakes."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.harness import Harness, start_harness, stop_harness
from tests.support.postgres import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]  # fixtures, re-exported for every test


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails the test loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"test tried to reach the network: {args!r}")

    original = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address)
        original(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    """The application, offline coach, fixed clock; fails the test on any Bot API violation or
    unanswered button press."""
    h = await start_harness(tmp_path / "data")
    yield h
    await stop_harness(h)
    assert not h.spec.violations, h.spec.violations
    assert not h.unanswered_callbacks(), h.unanswered_callbacks()
