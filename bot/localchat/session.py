"""One simulated Telegram user: builds real ``Update`` objects and feeds them to the application.

The terminal front end, the end-to-end tests and the benchmark all talk to the bot through this
class, so what the tests prove is what a person in the local chat gets.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.localchat.botapi import ChatMessage, Event, LocalBotAPI, SentFile

_update_ids = count(1)


class LocalChat:
    """A private chat between one user and the bot."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        api: LocalBotAPI,
        *,
        user_id: int = 1001,
        first_name: str = "Alex",
        language_code: str = "en",
    ) -> None:
        self.app = app
        self.api = api
        self.user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        self._query_ids = count(1)
        self.pressed_query_ids: list[str] = []

    @property
    def user_id(self) -> int:
        """The Telegram id of this user (and of the private chat)."""
        user_id = self.user["id"]
        assert isinstance(user_id, int)
        return user_id

    # -- what the user does --------------------------------------------------------------------

    async def send(self, text: str) -> list[Event]:
        """Type a message (commands included) and return what the bot did in reply."""
        extra: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._message(extra)

    async def send_contact(self, phone: str, first_name: str, last_name: str = "") -> list[Event]:
        """Share a card from the phone's address book."""
        contact = {"phone_number": phone, "first_name": first_name}
        if last_name:
            contact["last_name"] = last_name
        return await self._message({"contact": contact})

    async def send_document(
        self, filename: str, content: bytes, mime_type: str = "application/octet-stream"
    ) -> list[Event]:
        """Send a file, as from the paperclip menu."""
        file_id = self.api.upload(SentFile(filename, content, mime_type))
        document = {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        return await self._message({"document": document})

    async def send_voice(self, duration: int, content: bytes = b"OggS") -> list[Event]:
        """Record a voice note of ``duration`` seconds."""
        file_id = self.api.upload(SentFile("voice.ogg", content, "audio/ogg"))
        voice = {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(content),
        }
        return await self._message({"voice": voice})

    async def press(self, label: str | int, message: ChatMessage | None = None) -> list[Event]:
        """Press a button by its label (or 1-based number) on the newest message that has it."""
        target, button = self._find_button(label, message)
        return await self.press_data(str(button["callback_data"]), target)

    async def press_data(self, data: str, message: ChatMessage) -> list[Event]:
        """Send raw callback data, as a client (or an attacker) could."""
        query_id = f"{self.user_id}-{next(self._query_ids)}"
        self.pressed_query_ids.append(query_id)
        query = {
            "id": query_id,
            "from": self.user,
            "chat_instance": str(self.user_id),
            "message": message.to_api(),
            "data": data,
        }
        return await self.send_update({"callback_query": query})

    # -- what the user sees --------------------------------------------------------------------

    @property
    def messages(self) -> list[ChatMessage]:
        """Every bot message in this chat still on screen, oldest first."""
        return [
            m
            for (chat_id, _), m in sorted(self.api.state.messages.items())
            if chat_id == self.user_id and m.from_bot and not m.deleted
        ]

    @property
    def last(self) -> ChatMessage:
        """The newest bot message on screen."""
        return self.messages[-1]

    def buttons(self, message: ChatMessage | None = None) -> list[str]:
        """Labels of the buttons under ``message`` (default: the newest message with buttons)."""
        target = message or self._last_with_buttons()
        return [b["text"] for b in target.buttons] if target else []

    # -- internals -------------------------------------------------------------------------------

    async def _message(self, fields: dict[str, Any]) -> list[Event]:
        message_id = self.api.next_message_id()
        message = {
            "message_id": message_id,
            "date": self.api.now(),
            "chat": {"id": self.user_id, "type": "private", "first_name": self.user["first_name"]},
            "from": self.user,
            **fields,
        }
        self.api.record_user_message(
            ChatMessage(
                self.user_id, message_id, message["date"], False, str(fields.get("text", ""))
            )
        )
        return await self.send_update({"message": message})

    async def send_update(self, payload: dict[str, Any]) -> list[Event]:
        """Deliver any update payload (an edit, a group message ...) and return what followed."""
        start = len(self.api.state.events)
        update = Update.de_json({"update_id": next(_update_ids), **payload}, self.app.bot)
        await self.app.process_update(update)
        return [e for e in self.api.state.events[start:] if e.chat_id in (self.user_id, 0)]

    def _last_with_buttons(self) -> ChatMessage | None:
        return next((m for m in reversed(self.messages) if m.buttons), None)

    def _find_button(
        self, label: str | int, message: ChatMessage | None
    ) -> tuple[ChatMessage, dict[str, Any]]:
        if isinstance(label, int):
            # Numbers refer to the buttons printed last, never to an older message's.
            target = message or self._last_with_buttons()
            buttons = target.buttons if target else []
            if target is None:
                raise LookupError("no buttons on screen (a restart clears them): type a command")
            if not 1 <= label <= len(buttons):
                raise LookupError(f"no button {label}: the last buttons shown are 1-{len(buttons)}")
            return target, buttons[label - 1]
        candidates = [message] if message else list(reversed(self.messages))
        for candidate in candidates:
            for button in candidate.buttons:
                if button["text"] == label or button["text"].endswith(f" {label}"):
                    return candidate, button
        shown = [b["text"] for m in self.messages[-3:] for b in m.buttons]
        raise LookupError(f"no button {label!r} on screen; buttons shown: {shown}")
