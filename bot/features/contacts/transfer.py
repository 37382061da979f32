"""The whole contact list as a file: what /contacts' export buttons and /export send.

Public to other features (admin's /export) so they never reach into contacts' handlers.
"""

from __future__ import annotations

import asyncio

from telegram import InputFile, Update
from telegram.constants import ParseMode

from bot.features.contacts.domain.csv_files import to_csv
from bot.features.contacts.domain.vcards import to_vcards
from bot.flow import CoachContext, say_template, user_id
from bot.render.templates import render


async def send_contacts_file(update: Update, context: CoachContext, fmt: str) -> None:
    """Send every contact as CSV or vCard (the two formats import reads back)."""
    contacts = await context.services.contacts.all(user_id(update))
    if not contacts:
        await say_template(update, context, "contacts/export_empty.html.j2")
        return
    # Rendering 2,000 cards is tens to hundreds of milliseconds of CPU: not on the event loop.
    if fmt == "csv":
        text, filename = await asyncio.to_thread(to_csv, contacts), "contacts.csv"
        data = text.encode("utf-8-sig")
    else:
        text, filename = await asyncio.to_thread(to_vcards, contacts), "contacts.vcf"
        data = text.encode("utf-8")
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(data, filename=filename),
        caption=render("contacts/export_caption.html.j2", fmt=fmt, count=len(contacts)),
        parse_mode=ParseMode.HTML,
    )
