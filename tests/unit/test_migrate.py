"""``python -m bot.store.migrate``: every student's files into PostgreSQL, counts checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.store import migrate
from bot.store.base import StudentData
from bot.store.postgres_shared import PostgresDueIndex, SharedSecret
from bot.store.postgres_store import PostgresStore
from bot.store.tinydb_store import TinyDBStore


async def _students(data_dir: Path, count: int) -> None:
    store = TinyDBStore(data_dir)
    for user in range(1, count + 1):

        def write(tx, user=user) -> None:
            tx.set_value("profile", {"name": f"Student {user}", "tz": "Europe/Berlin"})
            for n in range(user % 4):
                tx.table("contacts").insert({"name": f"Contact {n}", "notes": "met at the fair"})
            if user % 2:
                tx.table("drafts").put({"id": "d1", "text": "Dear Ms Lopez, …"})

        await store.run(user, write)
        if user == 5:  # a student with a reminder coming (the nudges' next-due moment)
            await store.run(user, lambda tx: tx.set_value("nudges_next_due", 1_900_000_000))
        if user % 3 == 0:  # a student in the middle of a flow
            await store.save_state(user, {"user_data": {"flow": {"step": user}}})
    await store.close()
    (data_dir / "callback.secret").write_bytes(b"s" * 32)


async def test_every_student_is_copied_and_checked(tmp_path: Path, postgres_url: str) -> None:
    data_dir = tmp_path / "data"
    await _students(data_dir, 12)
    target = PostgresStore(postgres_url)
    await target.open()
    try:
        report = await migrate.migrate(data_dir, target)
        assert report.ok and report.students == 12 and report.secret_copied
        assert report.totals["table contacts"] == sum(u % 4 for u in range(1, 13))
        assert report.totals["table drafts"] == 6 and report.totals["values"] == 13
        assert report.totals["state"] == 4
        assert report.nudging == 1  # and the shared due-index knows whose reminders are due
        assert PostgresDueIndex(target, "sweeper").due(1_900_000_000, 10) == [5]
        assert await target.load_state(9) == {"user_data": {"flow": {"step": 9}}}
        assert "migrated 12 students: 24 records in 2 tables, 13 values" in report.summary()

        source = TinyDBStore(data_dir)
        for user in (1, 3, 12):  # the copy answers exactly as the files do
            read = lambda tx: (tx.get_value("profile"), tx.table("contacts").all())  # noqa: E731
            assert await target.run(user, read) == await source.run(user, read)
        assert await target.user_ids() == list(range(1, 13))
        assert SharedSecret(target).load() == b"s" * 32  # old buttons keep verifying

        again = await migrate.migrate(data_dir, target)  # re-running after an interruption
        assert again.ok and again.totals == report.totals
    finally:
        await target.close()


async def test_a_copy_that_differs_is_reported(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    await _students(data_dir, 3)
    target = PostgresStore(postgres_url)
    await target.open()
    real_restore = target.restore

    async def lossy(user_id, data) -> None:
        if user_id == 3:  # a bug that drops one table
            data = StudentData({**data.tables, "drafts": []}, data.values, data.state)
        await real_restore(user_id, data)

    monkeypatch.setattr(target, "restore", lossy)
    try:
        report = await migrate.migrate(data_dir, target)
    finally:
        await target.close()
    assert not report.ok and report.mismatched == [3]
    assert "MISMATCH for 1" in report.summary()


async def test_the_command_reads_its_settings_and_exits_non_zero_on_trouble(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    data_dir = tmp_path / "data"
    await _students(data_dir, 2)
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert await _main([]) == 2
    assert "set DATABASE_URL" in capsys.readouterr().err

    monkeypatch.setenv("DATABASE_URL", postgres_url)
    assert await _main(["--data-dir", str(tmp_path / "nothing")]) == 2
    assert await _main([]) == 0
    out = capsys.readouterr().out
    assert "migrated 2 students" in out and "all copies match" in out
    assert json.dumps(postgres_url) not in out


async def _main(argv: list[str]) -> int:
    import asyncio

    return await asyncio.to_thread(migrate.main, argv)
