"""The HTTP face of the bot: Telegram's webhook, ``/healthz`` and ``/readyz`` on one server.

Follows python-telegram-bot's ``customwebhookbot`` example (starlette and uvicorn, the
application with ``updater(None)``), so more routes (a web page later) live beside the webhook.
A delivery is answered 200 only once it is in the durable inbox; a delivery without the
secret token Telegram was given is refused with 403 before its body is read.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Generator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.transport.dispatch import Dispatcher
from bot.transport.health import Readiness

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1_000_000  # updates are a few kB; anything near this is not from Telegram


def build_web_app(
    *,
    dispatcher: Dispatcher | None,
    readiness: Readiness,
    path: str = "/telegram",
    secret_token: str | None = None,
) -> Starlette:
    """The ASGI app; without a dispatcher (polling mode) only the health routes are served."""

    async def telegram(request: Request) -> Response:
        assert dispatcher is not None
        given = request.headers.get(SECRET_HEADER, "")
        if secret_token is not None and not hmac.compare_digest(
            given.encode(), secret_token.encode()
        ):
            log.warning("webhook.refused reason=secret")
            return Response(status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        try:
            data = json.loads(body)
            int(data["update_id"])
        except (ValueError, TypeError, KeyError):
            log.warning("webhook.refused reason=malformed")
            return Response(status_code=400)
        await dispatcher.submit(data)
        return Response()

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        checks = await readiness.check()
        ready = all(checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
    ]
    if dispatcher is not None:
        routes.append(Route(path, telegram, methods=["POST"]))
    return Starlette(routes=routes)


class Server(uvicorn.Server):
    """uvicorn without its own signal handling: the runner owns SIGTERM and the order of
    shutdown (stop taking deliveries, finish updates in flight, flush, exit)."""

    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        """Leave signals to the runner."""
        yield


def build_server(app: Starlette, *, host: str, port: int) -> Server:
    """A uvicorn server for ``app`` whose access log is off (our own lines carry ids only)."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        log_config=None,
        use_colors=False,
        lifespan="off",
    )
    return Server(config)
