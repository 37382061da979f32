"""A Bot API over real HTTP on loopback, for tests that run the bot as a separate process.

The in-process ``LocalBotAPI`` answers each call; this wraps it in a threaded HTTP server so a
``networking-coach`` subprocess (``TELEGRAM_BASE_URL=http://127.0.0.1:PORT/bot``) can poll it,
register a webhook with it and send it messages. ``hold`` makes a chosen call block until the
test releases it, which is how a test catches the bot *between* receiving an update and
finishing it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from bot.localchat.botapi import BOT_USER, ChatMessage, LocalBotAPI

Predicate = Callable[[str, dict[str, Any]], bool]


class HTTPBotAPI:
    """Records every call; answers like Telegram; can hold a call until released."""

    def __init__(self) -> None:
        self.local = LocalBotAPI()
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.webhook: dict[str, Any] | None = None
        self._updates: list[dict[str, Any]] = []
        self._cond = threading.Condition()
        self._hold: Predicate | None = None
        self._drop = False
        self.held = threading.Event()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """What the bot takes as TELEGRAM_BASE_URL."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def __enter__(self) -> HTTPBotAPI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def hold(self, predicate: Predicate, *, drop: bool = False) -> None:
        """Block the next call matching ``predicate`` until :meth:`release`; with ``drop`` it is
        then answered without taking effect (its caller was killed meanwhile)."""
        self._release.clear()
        self.held.clear()
        self._hold = predicate
        self._drop = drop

    def release(self) -> None:
        """Let a held call answer (and hold nothing more)."""
        self._hold = None
        self._release.set()

    def queue_update(self, update: dict[str, Any]) -> None:
        """Make ``update`` available to getUpdates."""
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()

    def last_with(self, chat_id: int, text: str) -> ChatMessage:
        """The newest message to ``chat_id`` holding ``text`` (to press its buttons)."""
        found = [
            m
            for (c, _), m in sorted(self.local.state.messages.items())
            if c == chat_id and m.from_bot and text in m.text
        ]
        assert found, f"no message with {text!r}"
        return found[-1]

    def texts(self, chat_id: int) -> list[str]:
        """Texts the bot sent to ``chat_id``, in order."""
        return [
            str(p.get("text", ""))
            for m, p in list(self.calls)
            if m == "sendMessage" and int(p.get("chat_id", 0)) == chat_id
        ]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30) -> bool:
        """Block until ``predicate`` holds (woken by every call), without polling sleeps."""
        with self._cond:
            return self._cond.wait_for(predicate, timeout=timeout)

    # -- HTTP ---------------------------------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            with self._cond:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                self._cond.wait_for(lambda: bool(self._updates), timeout=0.5)
                return {"ok": True, "result": list(self._updates)}
        if method == "setWebhook":
            self.webhook = params
            return {"ok": True, "result": True}
        if method == "getMe":
            return {"ok": True, "result": BOT_USER}
        handler = getattr(self.local, f"_api_{method.lower()}", None)
        if handler is None:
            return {"ok": True, "result": True}
        try:
            return {"ok": True, "result": handler(params, {})}
        except Exception as exc:
            return {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                method = self.path.rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                params: dict[str, Any] = {}
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    for key, values in parse_qs(raw).items():
                        try:
                            params[key] = json.loads(values[0])
                        except ValueError:
                            params[key] = values[0]
                if method != "getUpdates":
                    with api._cond:
                        api.calls.append((method, params))
                        api._cond.notify_all()
                hold = api._hold
                dropped = False
                if hold is not None and hold(method, params):
                    api._hold = None
                    dropped = api._drop
                    api.held.set()
                    api._release.wait(60)
                answer = {"ok": True, "result": True} if dropped else api._answer(method, params)
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
