"""An in-process Bot API: python-telegram-bot's requests answered locally, with no network.

It keeps the chat as Telegram would (messages, edits, buttons, files), so the local chat can
print it and tests can assert on exactly what a student would see. An optional ``validator``
is called with every request first; the test suite plugs in its Bot API spec checker there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any, Literal

from telegram.request import BaseRequest, RequestData

from bot.clock import Clock, SystemClock
from bot.render.html import visible_text

BOT_USER: dict[str, Any] = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Networking Coach",
    "username": "networking_coach_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
LOCAL_TOKEN = "7000000001:local-chat-no-network"

Validator = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True, slots=True)
class SentFile:
    """A file the bot sent (document) or the user uploaded."""

    filename: str
    content: bytes
    mime_type: str | None = None


@dataclass(slots=True)
class ChatMessage:
    """One message in a chat, in its current state (edits apply in place)."""

    chat_id: int
    message_id: int
    date: int
    from_bot: bool
    text: str = ""
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    document: SentFile | None = None
    deleted: bool = False

    @property
    def plain(self) -> str:
        """What the reader sees: the text with its HTML parsed away."""
        return visible_text(self.text) if self.parse_mode else self.text

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline buttons, row after row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``Message`` object for this message."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": {"id": self.chat_id, "type": "private", "first_name": "Student"},
            "from": BOT_USER if self.from_bot else {"id": self.chat_id, "is_bot": False},
        }
        if self.document is not None:
            data["document"] = {
                "file_id": f"sent-{self.message_id}",
                "file_unique_id": f"u{self.message_id}",
                "file_name": self.document.filename,
                "file_size": len(self.document.content),
            }
            if self.text:
                data["caption"] = self.plain
        elif self.text:
            data["text"] = self.plain
        if self.reply_markup:
            data["reply_markup"] = self.reply_markup
        return data


@dataclass(frozen=True, slots=True)
class Event:
    """Something the user would notice: a new message, an edit, a removal, a toast."""

    kind: Literal["sent", "edited", "deleted", "toast"]
    chat_id: int
    message: ChatMessage | None = None
    text: str = ""


class BotAPIError(Exception):
    """A request Telegram itself would refuse; returned to the bot as an HTTP 400."""


@dataclass
class _State:
    messages: dict[tuple[int, int], ChatMessage] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    uploads: dict[str, SentFile] = field(default_factory=dict)
    answered_callbacks: set[str] = field(default_factory=set)
    commands: list[dict[str, str]] = field(default_factory=list)


class LocalBotAPI(BaseRequest):
    """A ``BaseRequest`` that *is* the Bot API, for one process."""

    def __init__(self, *, clock: Clock | None = None, validator: Validator | None = None) -> None:
        self._clock = clock or SystemClock()
        self._validator = validator
        self._ids = count(1)
        self.state = _State()

    # -- BaseRequest ---------------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        """Local answers are immediate."""
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call (or a file download) as Telegram would."""
        if method == "GET":
            upload = self.state.uploads.get(url.rsplit("/", 1)[-1])
            return (200, upload.content) if upload else (404, b"")
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = request_data.multipart_data if request_data and request_data.contains_files else {}
        params.update({name: f"attach://{name}" for name in files if name not in params})
        self.state.calls.append((api_method, params))
        if self._validator is not None:
            self._validator(api_method, params)
        handler = getattr(self, f"_api_{api_method.lower()}", None)
        try:
            if handler is None:
                raise BotAPIError(f"method {api_method} is not supported by the local Bot API")
            result = handler(params, files)
        except BotAPIError as exc:
            body = {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
            return 400, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # -- what the user side uses ---------------------------------------------------------------

    def next_message_id(self) -> int:
        """Message ids are shared by both sides of the chat, as in Telegram."""
        return next(self._ids)

    def now(self) -> int:
        """Unix time from the injected clock."""
        return int(self._clock.now().timestamp())

    def upload(self, file: SentFile) -> str:
        """Make a user's file available to ``getFile``; returns its file_id."""
        file_id = f"upload-{len(self.state.uploads) + 1}"
        self.state.uploads[file_id] = file
        return file_id

    def record_user_message(self, message: ChatMessage) -> None:
        """Keep the user's own messages so buttons under them resolve too."""
        self.state.messages[(message.chat_id, message.message_id)] = message

    # -- Bot API methods -------------------------------------------------------------------------

    def _api_getme(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return BOT_USER

    def _api_setmycommands(self, params: dict[str, Any], files: Any) -> bool:
        self.state.commands = list(params["commands"])
        return True

    def _api_deletewebhook(self, params: dict[str, Any], files: Any) -> bool:
        return True

    def _api_sendchataction(self, params: dict[str, Any], files: Any) -> bool:
        return True

    def _api_sendmessagedraft(self, params: dict[str, Any], files: Any) -> bool:
        # A draft is an ephemeral preview: nothing stays in the chat (state.calls keeps it).
        if not int(params["draft_id"]):
            raise BotAPIError("draft_id must be non-zero")
        return True

    def _api_sendmessage(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return self._new(params, text=str(params["text"])).to_api()

    def _api_senddocument(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        name, content, mime = next(iter(files.values()))[:3] if files else ("file", b"", None)
        raw = content if isinstance(content, bytes) else content.read()
        sent = SentFile(filename=name or "file", content=raw, mime_type=mime)
        return self._new(params, text=str(params.get("caption", "")), document=sent).to_api()

    def _api_editmessagetext(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        message = self._find(params)
        markup = params.get("reply_markup")
        if message.text == params["text"] and message.reply_markup == markup:
            raise BotAPIError("message is not modified")
        message.text = str(params["text"])
        message.parse_mode = params.get("parse_mode")
        message.reply_markup = markup
        self.state.events.append(Event("edited", message.chat_id, message))
        return message.to_api()

    def _api_editmessagereplymarkup(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        message = self._find(params)
        if message.reply_markup == params.get("reply_markup"):
            raise BotAPIError("message is not modified")
        message.reply_markup = params.get("reply_markup")
        self.state.events.append(Event("edited", message.chat_id, message))
        return message.to_api()

    def _api_deletemessage(self, params: dict[str, Any], files: Any) -> bool:
        message = self._find(params)
        message.deleted = True
        self.state.events.append(Event("deleted", message.chat_id, message))
        return True

    def _api_answercallbackquery(self, params: dict[str, Any], files: Any) -> bool:
        query_id = str(params["callback_query_id"])
        if query_id in self.state.answered_callbacks:
            raise BotAPIError(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self.state.answered_callbacks.add(query_id)
        if params.get("text"):
            self.state.events.append(Event("toast", 0, None, str(params["text"])))
        return True

    def _api_getfile(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        file_id = str(params["file_id"])
        upload = self.state.uploads.get(file_id)
        if upload is None:
            raise BotAPIError("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": len(upload.content),
            "file_path": f"files/{file_id}",
        }

    # -- helpers -----------------------------------------------------------------------------

    def _new(
        self, params: dict[str, Any], *, text: str, document: SentFile | None = None
    ) -> ChatMessage:
        message = ChatMessage(
            chat_id=int(params["chat_id"]),
            message_id=self.next_message_id(),
            date=self.now(),
            from_bot=True,
            text=text,
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            document=document,
        )
        self.state.messages[(message.chat_id, message.message_id)] = message
        self.state.events.append(Event("sent", message.chat_id, message))
        return message

    def _find(self, params: dict[str, Any]) -> ChatMessage:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.state.messages.get(key)
        if message is None or message.deleted or not message.from_bot:
            raise BotAPIError("message to edit not found")
        return message
