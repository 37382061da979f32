"""Ask the coach on Telegram: free text outside any flow, /ask, /reset and /usage (admins).

Registered after every feature's conversations, so text that belongs to a flow step never
reaches the coach, and before the catch-all hints.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.features.ask.coach import answer
from bot.features.ask.domain.memory import Turn
from bot.features.ask.repository import MemoryRepository
from bot.features.ask.topics_data import shipped_topics
from bot.flow import CoachContext, Go, say, say_template, user_id
from bot.flow.context import AnyHandler
from bot.llm.base import Usage
from bot.render.messages import message
from bot.render.streaming import DraftStream

CLAIMS = ("ask", "reset", "usage")
#: A question longer than this is cut before it reaches Claude (Telegram allows 4,096).
QUESTION_CHARS = 1500


async def ask_text(update: Update, context: CoachContext) -> None:
    """Free text outside any flow is a question for the coach."""
    assert update.message is not None and update.message.text is not None
    await _answer(update, context, update.message.text)


async def ask_command(update: Update, context: CoachContext) -> None:
    """/ask QUESTION; a bare /ask explains how."""
    question = " ".join(context.args or []).strip()
    if not question:
        await say_template(update, context, "ask/ask_prompt.html.j2")
        return
    await _answer(update, context, question)


async def _answer(update: Update, context: CoachContext, question: str) -> None:
    services = context.services
    student = user_id(update)
    assert update.effective_chat is not None and update.effective_message is not None
    memory = MemoryRepository(services.store)
    earlier = await memory.recent(student)
    await memory.add(student, Turn("student", question))  # kept even if everything else fails
    stream = DraftStream(
        context.bot,
        update.effective_chat.id,
        update.effective_message.message_id,
        clock=services.clock,
        interval=services.settings.stream_update_seconds,
    )
    if services.llm.enabled:
        await stream.typing()
    result = await answer(
        services.llm,
        student=student,
        question=question[:QUESTION_CHARS],
        profile=await services.profiles.get(student),
        contacts=await services.contacts.all(student),
        memory=earlier,
        topics=shipped_topics(),
        now=services.clock.now(),
        on_text=stream,
    )
    await memory.add(student, Turn("coach", result.plain))
    buttons = [[Go(offer).button(message(f"ask.offer_{offer}")) for offer in result.offers]]
    await say(update, context, result.html, buttons if result.offers else None)


async def reset(update: Update, context: CoachContext) -> None:
    """/reset: forget the recent exchange, nothing else."""
    await MemoryRepository(context.services.store).clear(user_id(update))
    await say_template(update, context, "ask/reset.html.j2")


async def usage(update: Update, context: CoachContext) -> None:
    """/usage: today's Claude tokens per student, for the career center's admins only."""
    services = context.services
    if not services.settings.is_admin(user_id(update)):
        await say_template(update, context, "ask/usage_denied.html.j2")
        return
    rows = await services.ledger.everyone()
    total = sum((r.total for r in rows), Usage())
    await say_template(
        update,
        context,
        "ask/usage.html.j2",
        rows=rows[:30],
        total=total,
        day=services.clock.now().date().isoformat(),
        budget=services.ledger.daily_budget,
        admins=services.settings.admin_user_ids,
    )


def handlers() -> list[AnyHandler]:
    """The coach's commands and the free-text catch-all; checks the shipped topics now."""
    shipped_topics()
    return [
        CommandHandler("ask", ask_command),
        CommandHandler("reset", reset),
        CommandHandler("usage", usage),
        MessageHandler(filters.TEXT & ~filters.COMMAND, ask_text),
    ]
