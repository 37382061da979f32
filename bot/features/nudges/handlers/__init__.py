"""/nudges and the buttons under every nudge; blocking and unblocking the bot.

Plain command-and-button handlers (no conversation): a nudge's buttons must work days later, from
any message that carried it.
"""

from __future__ import annotations

import logging

from telegram import ChatMemberUpdated, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest
from telegram.ext import ChatMemberHandler, CommandHandler

from bot.features.interviews.domain.interviews import day_label
from bot.features.nudges.buttons import NudgeAction
from bot.features.nudges.compose import listing
from bot.features.nudges.domain.timing import zone
from bot.features.nudges.repository import FINISHED
from bot.flow import CoachContext, on_press, say, user_id
from bot.flow.context import AnyHandler
from bot.render.messages import message
from bot.render.templates import render

log = logging.getLogger(__name__)


async def show(update: Update, context: CoachContext) -> None:
    """/nudges: what is coming, soonest first, each with its buttons."""
    uid = user_id(update)
    items = await context.services.nudges.upcoming(uid)
    profile = await context.services.profiles.get(uid)
    html, rows = listing(items, zone(profile.timezone))
    prefs = await context.services.nudges.prefs(uid)
    if not prefs.enabled:
        html += "\n\n" + "Reminders are off; /settings turns them back on."
    await say(update, context, html, rows or None)


@on_press(NudgeAction)
async def act(update: Update, context: CoachContext, press: NudgeAction) -> None:
    """Done, snooze a day or a week, stop for this contact: applied, then its buttons go."""
    uid = user_id(update)
    before = await context.services.nudges.get(uid, press.nudge_id)
    nudge = await context.services.nudges.act(uid, press.nudge_id, press.action)
    if nudge is None or before is None:
        await say(update, context, message("nudges.gone"))
        return
    if before.nudge.state in FINISHED and press.action != "stop":
        await _drop_rows(update, press.nudge_id)
        await say(update, context, message("nudges.already_handled"))
        return
    profile = await context.services.profiles.get(uid)
    until = nudge.snoozed_until
    text = render(
        "nudges/acted.html.j2",
        action=press.action,
        until=day_label(until.astimezone(zone(profile.timezone)), short=True) if until else "",
        name=before.contact.name if before.contact else "",
    )
    await _drop_rows(update, press.nudge_id)
    await say(update, context, text)


async def _drop_rows(update: Update, nudge_id: str) -> None:
    """Remove the pressed nudge's two rows, keeping the other nudges' buttons of a bundle."""
    query = update.callback_query
    message = query.message if query else None
    markup = getattr(message, "reply_markup", None)
    if query is None or not isinstance(markup, InlineKeyboardMarkup):
        return
    rows = [list(r) for r in markup.inline_keyboard]
    keep: list[list[InlineKeyboardButton]] = []
    for index, row in enumerate(rows):
        mine = any(f"|{nudge_id}|" in str(b.callback_data or "") for b in row)
        nxt = rows[index + 1] if index + 1 < len(rows) else []
        owns_next = any(f"|{nudge_id}|" in str(b.callback_data or "") for b in nxt)
        if not mine and not owns_next:
            keep.append(row)
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(keep) if keep else None)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def membership(update: Update, context: CoachContext) -> None:
    """Blocked (kicked) pauses delivery; unblocked resumes it. One log line per change."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or update.effective_user is None:
        return
    status = change.new_chat_member.status
    active = status not in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    if await context.services.nudges.set_active(update.effective_user.id, active):
        log.info(
            "user %s %s the bot", update.effective_user.id, "unblocked" if active else "blocked"
        )


def handlers() -> list[AnyHandler]:
    """/nudges, the nudge buttons, and the bot's own membership in a private chat."""
    return [
        CommandHandler("nudges", show),
        act,
        ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER),
    ]
