"""Hostile and odd contact files: bad rows, encodings, control characters, formulas, sizes,
limits, and a 100,000-row import while another student is being answered."""

from __future__ import annotations

import asyncio
import csv
import io
import time
from pathlib import Path
from typing import Any

from bot.localchat.botapi import SentFile
from tests.fakes.harness import Harness, start_harness, stop_harness


async def contacts_of(h: Harness, user_id: int) -> list[Any]:
    return await h.app.bot_data["services"].contacts.all(user_id)


async def test_bad_rows_are_listed_and_the_good_ones_imported(harness: Harness) -> None:
    chat = harness.chat()
    rows = [
        "name,organization,notes",
        "Ann Smith,Acme,",
        "ann@example.com,Acme,",  # an email where the name should be
        f"{'A' * 101},Acme,",  # over 100 characters
        "12345,Acme,",  # no letters
        "=1+2 Bob,Acme,",  # a formula
        "Nul\x00la Bell\x1b,Acme,",  # control characters are dropped, the row is kept
        f"Cara Long,{'O' * 500},{'n' * 5000}",
    ]
    await chat.send_document("people.csv", "\n".join(rows).encode(), "text/csv")
    text = chat.last.plain
    assert "went wrong" not in text
    assert "Imported 3 contacts" in text, text
    assert "row 3" in text and "row 4" in text and "row 5" in text and "row 6" in text
    saved = {c.name: c for c in await contacts_of(harness, chat.user_id)}
    assert set(saved) == {"Ann Smith", "Nulla Bell", "Cara Long"}
    assert len(saved["Cara Long"].organization) == 200 and len(saved["Cara Long"].notes) == 2000


async def test_utf16_files_with_and_without_bom(harness: Harness) -> None:
    chat = harness.chat()
    table = "name,organization\nJosé Núñez,Universidad\nZoë Ærø,Ørsted\n"
    await chat.send_document("bom.csv", table.encode("utf-16"), "text/csv")  # with BOM
    await chat.send_document("nobom.csv", table.encode("utf-16-le"), "text/csv")  # without
    assert "went wrong" not in chat.last.plain
    names = sorted(c.name for c in await contacts_of(harness, chat.user_id))
    assert names[:2] == ["José Núñez", "Zoë Ærø"], names


async def test_formulas_never_reach_a_spreadsheet_as_formulas(harness: Harness) -> None:
    chat = harness.chat()
    await chat.send("/add =1+2 Ann, Acme, PM")
    assert "can't start with =" in chat.last.plain
    rows = (
        "name,organization,notes\n"
        'Dee Ray,"=HYPERLINK(""http://evil"",""x"")",+cmd|\' /C calc\'!A0\n'
    )
    await chat.send_document("in.csv", rows.encode(), "text/csv")
    await chat.send("/export")
    await chat.press("📊 Contacts (.csv)")
    document = chat.last.document
    assert document is not None
    exported = list(csv.DictReader(io.StringIO(document.content.decode("utf-8-sig"))))
    row = next(r for r in exported if r["name"] == "Dee Ray")
    assert row["organization"].startswith("'=HYPERLINK")
    assert row["notes"].startswith("'+cmd")
    # Our own export imports back to what the student typed.
    await chat.send_document("again.csv", document.content, "text/csv")
    dee = [c for c in await contacts_of(harness, chat.user_id) if c.name == "Dee Ray"]
    assert dee[0].organization.startswith("=HYPERLINK")


async def _send_raw_document(chat: Any, api: Any, filename: str, content: bytes) -> None:
    """A document as a client may send it: no ``file_size`` (optional in the Bot API)."""
    file_id = api.upload(SentFile(filename, content, "text/csv"))
    await chat._message(
        {"document": {"file_id": file_id, "file_unique_id": "u", "file_name": filename}}
    )


async def test_the_size_limit_is_checked_on_the_bytes_received(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "d", max_import_bytes=10_000)
    try:
        chat = h.chat()
        body = "name\n" + "".join(f"Person {i}\n" for i in range(3000))  # ~30 kB
        await _send_raw_document(chat, h.api, "big.csv", body.encode())
        assert "over" in chat.last.plain and "MB" in chat.last.plain
        assert await contacts_of(h, chat.user_id) == []
    finally:
        await stop_harness(h)


async def test_the_contact_limit_with_a_clear_message(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "d", max_contacts=10)
    try:
        chat = h.chat()
        body = "name\n" + "".join(f"Person Number{i}\n" for i in range(15))
        await chat.send_document("many.csv", body.encode(), "text/csv")
        assert "Imported 10 contacts" in chat.last.plain
        assert "5 more rows not read: at most 10 contacts" in chat.last.plain
        await chat.send_document("more.csv", b"name\nLate Comer\nLater Still\n", "text/csv")
        assert "2 more were not added: you have reached the limit of 10" in chat.last.plain
        await chat.send("/add Olga Last, Acme, PM")
        await chat.press("Save")
        assert "limit of 10 contacts" in chat.last.plain
        assert len(await contacts_of(h, chat.user_id)) == 10
    finally:
        await stop_harness(h)


def _update(update_id: int, user_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_800_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "S"},
            "from": {"id": user_id, "is_bot": False, "first_name": "S"},
            **fields,
        },
    }


async def test_a_100k_row_import_while_another_student_is_answered(tmp_path: Path) -> None:
    h = await start_harness(tmp_path / "d")
    try:
        importer, other = 5001, 5002
        body = "name,organization\n" + "".join(
            f"Person{i} Family{i % 977},Org {i % 101}\n" for i in range(100_000)
        )
        data = body.encode()
        assert len(data) < 5_000_000
        file_id = h.api.upload(SentFile("huge.csv", data, "text/csv"))
        document = {"file_id": file_id, "file_unique_id": "u", "file_name": "huge.csv"}
        big = _update(1, importer, document={**document, "file_size": len(data)})
        app = h.app
        started = time.perf_counter()
        upload = _de_json(app, big)
        job = asyncio.create_task(
            app.update_processor.process_update(upload, app.process_update(upload))
        )
        latencies: list[float] = []
        n = 2
        while not job.done() and n < 200:
            update = _de_json(
                app,
                _update(
                    n,
                    other,
                    text="/help",
                    entities=[{"type": "bot_command", "offset": 0, "length": 5}],
                ),
            )
            t0 = time.perf_counter()
            await app.update_processor.process_update(update, app.process_update(update))
            latencies.append(time.perf_counter() - t0)
            n += 1
        await job
        total = time.perf_counter() - started
        texts = [e.message.plain for e in h.api.state.events if e.chat_id == importer and e.message]
        assert any("Imported 2000" in t or "Imported 2,000" in t for t in texts), texts[-1:]
        assert len(await contacts_of(h, importer)) == 2000
        assert latencies, "the import finished before the other student asked anything"
        worst = max(latencies)
        print(
            f"\n100k-row import: {total:.1f}s; the other student got {len(latencies)} answers "
            f"meanwhile, median {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms, "
            f"worst {worst * 1000:.0f} ms"
        )
    finally:
        await stop_harness(h)


def _de_json(app: Any, data: dict[str, Any]) -> Any:
    from telegram import Update

    return Update.de_json(data, app.bot)


async def test_the_stored_bytes_limit_refuses_the_change_and_keeps_everything(
    tmp_path: Path,
) -> None:
    h = await start_harness(tmp_path / "d", max_stored_bytes=100_000)
    try:
        chat = h.chat()
        notes = "n" * 2000

        def rows(prefix: str, count: int) -> bytes:
            lines = "".join(f"{prefix} Number{chr(65 + i)},Acme,{notes}\n" for i in range(count))
            return ("name,organization,notes\n" + lines).encode()

        await chat.send_document("first.csv", rows("Ann", 20), "text/csv")
        assert "Imported 20 contacts" in chat.last.plain
        await chat.send_document("second.csv", rows("Bob", 26), "text/csv")
        text = chat.last.plain
        assert "0.1 MB I can keep" in text and "/export" in text and "went wrong" not in text
        saved = await contacts_of(h, chat.user_id)
        assert len(saved) == 20 and all(c.name.startswith("Ann") for c in saved)
        await chat.send("/contacts")  # reading still works
        assert "went wrong" not in chat.last.plain
    finally:
        await stop_harness(h)
