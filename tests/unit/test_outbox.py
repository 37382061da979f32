"""The outbox holds what a student would see until the update's commit, and nothing else."""

from __future__ import annotations

from typing import Any

from telegram.error import BadRequest, Forbidden

from bot.outbox import OutboxRateLimiter, collecting, send_now


class Recorder:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def call(self, endpoint: str, result: Any = True, error: Exception | None = None) -> Any:
        async def callback(*args: Any, **kwargs: Any) -> Any:
            self.sent.append(endpoint)
            if error is not None:
                raise error
            return result

        return callback


async def request(
    limiter: OutboxRateLimiter, recorder: Recorder, endpoint: str, **kwargs: Any
) -> Any:
    data = {"chat_id": 5, "text": "hi"}
    return await limiter.process_request(
        recorder.call(endpoint, **kwargs), (endpoint, data), {}, endpoint, data, None
    )


async def test_visible_calls_wait_for_the_flush_and_the_rest_go_at_once() -> None:
    limiter, recorder = OutboxRateLimiter(), Recorder()
    with collecting() as outbox:
        message = await request(limiter, recorder, "sendMessage")
        assert await request(limiter, recorder, "editMessageText") is True
        await request(limiter, recorder, "answerCallbackQuery")
        await request(limiter, recorder, "sendChatAction")
        assert recorder.sent == ["answerCallbackQuery", "sendChatAction"]
    assert message["message_id"] == 0 and message["chat"]["id"] == 5
    assert message["text"] == "hi"
    errors: list[Exception] = []

    async def on_error(exc: Exception) -> None:
        errors.append(exc)

    assert await outbox.flush(on_error) == 2
    assert recorder.sent[2:] == ["sendMessage", "editMessageText"]
    assert not errors


async def test_outside_an_update_and_in_send_now_nothing_waits() -> None:
    limiter, recorder = OutboxRateLimiter(), Recorder()
    assert await request(limiter, recorder, "sendMessage", result={"real": 1}) == {"real": 1}
    with collecting() as outbox, send_now():
        assert await request(limiter, recorder, "sendMessage", result={"real": 2}) == {"real": 2}
    assert outbox.calls == []


async def test_failures_after_the_commit_reach_the_error_handler_except_not_modified() -> None:
    limiter, recorder = OutboxRateLimiter(), Recorder()
    blocked = Forbidden("bot was blocked by the user")
    with collecting() as outbox:
        await request(
            limiter, recorder, "editMessageText", error=BadRequest("Message is not modified")
        )
        await request(limiter, recorder, "sendMessage", error=blocked)
        await request(limiter, recorder, "sendMessage")
    errors: list[Exception] = []

    async def on_error(exc: Exception) -> None:
        errors.append(exc)

    await outbox.flush(on_error)
    assert recorder.sent == ["editMessageText", "sendMessage", "sendMessage"]  # all were tried
    assert errors == [blocked]


async def test_a_closed_outbox_holds_nothing() -> None:
    """A task the update spawned that outlives it (a non-blocking handler) sends at once."""
    limiter, recorder = OutboxRateLimiter(), Recorder()
    with collecting() as outbox:
        outbox.open = False
        await request(limiter, recorder, "sendMessage")
    assert recorder.sent == ["sendMessage"]
