"""Move a single-machine deployment's data into PostgreSQL: ``python -m bot.store.migrate``.

Every student's records, values and small state are read from the files under ``DATA_DIR`` (each
file upgraded to the current schema on the way, exactly as the bot would) and written to the
database named by ``DATABASE_URL``, one transaction per student that replaces whatever the
database held for them, so the command can be run again after an interruption. Each copy is then
read back and compared with its source: per student, the records in each table, the values and the
small state are counted, and the copy must also be equal to the source record for record. The
command ends with one line of totals and exits non-zero if any student's copy differs.

The button-signing secret moves too (``DATA_DIR/callback.secret`` into the database), so buttons
sent before the move keep working afterwards. Stop the bot before migrating: the files are the
truth until the replicas start on the database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.features.nudges.sync import NEXT_DUE_KEY
from bot.store.base import StudentData
from bot.store.due_index import IndexedStore
from bot.store.postgres_shared import PostgresDueIndex, SharedSecret
from bot.store.postgres_store import PostgresStore
from bot.store.tinydb_store import TinyDBStore

_PARALLEL = 8


@dataclass
class MigrationReport:
    """What was copied, and any student whose copy did not match its source."""

    students: int = 0
    totals: Counter[str] = field(default_factory=Counter)
    mismatched: list[int] = field(default_factory=list)
    secret_copied: bool = False
    nudging: int = 0  # students with a reminder pending, now in the shared due-index

    @property
    def ok(self) -> bool:
        """True when every copy matched its source."""
        return not self.mismatched

    def summary(self) -> str:
        """One line a deployer can read and keep."""
        records = sum(n for key, n in self.totals.items() if key.startswith("table "))
        verdict = "all copies match" if self.ok else f"MISMATCH for {len(self.mismatched)}"
        return (
            f"migrated {self.students} students: {records} records in "
            f"{sum(1 for k in self.totals if k.startswith('table '))} tables, "
            f"{self.totals['values']} values, {self.totals['state']} saved states, "
            f"{self.nudging} with reminders pending; "
            f"button secret {'copied' if self.secret_copied else 'not found'}; {verdict}"
        )


def _same(source: StudentData, copy: StudentData | None) -> bool:
    if copy is None:
        return not source.tables and not source.values and source.state is None
    return source.counts() == copy.counts() and (
        {n: rows for n, rows in source.tables.items() if rows},
        source.values,
        source.state,
    ) == ({n: rows for n, rows in copy.tables.items() if rows}, copy.values, copy.state)


async def migrate(data_dir: Path, target: PostgresStore) -> MigrationReport:
    """Copy every student under ``data_dir`` into ``target`` (opened) and check each copy."""
    source = TinyDBStore(data_dir)
    report = MigrationReport()
    gate = asyncio.Semaphore(_PARALLEL)

    async def copy(user_id: int) -> None:
        async with gate:
            data = await source.snapshot(user_id)
            if data is None:
                return
            await target.restore(user_id, data)
            back = await target.snapshot(user_id)
            report.students += 1
            report.totals.update(data.counts())
            if not _same(data, back):
                report.mismatched.append(user_id)

    try:
        await asyncio.gather(*(copy(u) for u in await source.user_ids()))
        # Whose reminders are due lives in an index beside the files; rebuilt from the copies.
        index = IndexedStore(target, PostgresDueIndex(target, "migrate"), NEXT_DUE_KEY)
        report.nudging = await index.rebuild()
        secret_file = data_dir / "callback.secret"
        if secret_file.exists():
            secret = await asyncio.to_thread(secret_file.read_bytes)
            await asyncio.to_thread(SharedSecret(target).replace, secret)
            report.secret_copied = True
    finally:
        await source.close()
    report.mismatched.sort()
    return report


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments (defaults from the bot's own settings), migrate, print the totals."""
    from bot.settings import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"migrate: configuration error: {exc}", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(
        prog="python -m bot.store.migrate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data-dir", type=Path, default=settings.data_dir)
    parser.add_argument(
        "--database-url",
        default=settings.database_url.get_secret_value() if settings.database_url else None,
        help="defaults to DATABASE_URL",
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        print("migrate: set DATABASE_URL (or pass --database-url)", file=sys.stderr)
        return 2
    if not (args.data_dir / "users").is_dir():
        print(f"migrate: {args.data_dir} holds no students (no users/ folder)", file=sys.stderr)
        return 2

    async def run() -> MigrationReport:
        target = PostgresStore(args.database_url)
        await target.open()
        try:
            return await migrate(args.data_dir, target)
        finally:
            await target.close()

    report = asyncio.run(run())
    print(report.summary())
    for user_id in report.mismatched:
        print(f"  student {user_id}: the copy differs from the files", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
