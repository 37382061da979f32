"""A minimal, fast Bot API over HTTP/1.1 keep-alive on loopback, for ``bench.http_pool``.

Run as its own process (``python -m bench.fake_botapi_server``) so it does not share the
benchmark's interpreter lock; prints the port it listens on, then serves until killed. Every
method succeeds at once: what is measured is the bot's side of the HTTP exchange.
"""

from __future__ import annotations

import asyncio
import json

_BOT = {"id": 7000000001, "is_bot": True, "first_name": "Coach", "username": "coach_bot"}
_MESSAGE = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "ok"}
_RESULTS = {"getMe": _BOT, "sendMessage": _MESSAGE}


def _body(result: object) -> bytes:
    return json.dumps({"ok": True, "result": result}).encode()


_BODIES = {method: _body(result) for method, result in _RESULTS.items()}
_TRUE = _body(True)


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while line := await reader.readline():
            path = line.split(b" ")[1].decode()
            length = 0
            while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = header.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if length:
                await reader.readexactly(length)
            body = _BODIES.get(path.rsplit("/", 1)[-1], _TRUE)
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            )
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main() -> None:
    server = await asyncio.start_server(_serve, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
