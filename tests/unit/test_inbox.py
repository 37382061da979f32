"""The durable inbox: accepted means on disk; a duplicate is refused; unfinished work replays."""

from __future__ import annotations

from pathlib import Path

from bot.transport import inbox as inbox_module
from bot.transport.inbox import Inbox


def update(update_id: int) -> dict:
    return {"update_id": update_id, "message": {"text": f"hello {update_id}"}}


def test_accept_persists_and_refuses_duplicates(tmp_path: Path) -> None:
    box = Inbox(tmp_path)
    assert box.accept(update(7)) is True
    assert box.accept(update(7)) is False  # a second delivery while the first is in flight
    assert (tmp_path / "pending" / "7.json").exists()
    box.complete(7)
    assert not (tmp_path / "pending" / "7.json").exists()
    assert box.accept(update(7)) is False  # and after it finished
    assert Inbox(tmp_path).accept(update(7)) is False  # and after a restart


def test_unfinished_updates_replay_in_order_after_a_crash(tmp_path: Path) -> None:
    box = Inbox(tmp_path)
    for update_id in (12, 10, 11):
        box.accept(update(update_id))
    box.complete(11)
    # A new process (the old one was killed): 10 and 12 come back, oldest first.
    again = Inbox(tmp_path)
    assert [u["update_id"] for u in again.pending()] == [10, 12]
    assert again.accept(update(10)) is False  # replayed ones are in flight, not new


def test_killed_between_done_marker_and_unlink_is_not_replayed(tmp_path: Path) -> None:
    box = Inbox(tmp_path)
    box.accept(update(5))
    (tmp_path / "done" / "5").touch()  # the marker landed, the pending file's unlink did not
    assert Inbox(tmp_path).pending() == []
    assert not (tmp_path / "pending" / "5.json").exists()


def test_a_damaged_pending_file_is_set_aside(tmp_path: Path) -> None:
    box = Inbox(tmp_path)
    box.accept(update(3))
    (tmp_path / "pending" / "3.json").write_bytes(b"{not json")
    assert Inbox(tmp_path).pending() == []
    assert (tmp_path / "pending" / "3.bad").exists()


def test_done_markers_are_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(inbox_module, "KEEP_DONE", 3)
    box = Inbox(tmp_path)
    for update_id in range(1, 8):
        box.accept(update(update_id))
        box.complete(update_id)
    box.prune()
    assert sorted(int(p.name) for p in (tmp_path / "done").iterdir()) == [5, 6, 7]


def test_files_are_private(tmp_path: Path) -> None:
    box = Inbox(tmp_path / "inbox")
    box.accept(update(1))
    assert ((tmp_path / "inbox").stat().st_mode & 0o777) == 0o700
    assert ((tmp_path / "inbox" / "pending" / "1.json").stat().st_mode & 0o777) == 0o600
