"""The Claude gateway against a fake Anthropic API at the HTTP edge (real SDK code runs)."""

from __future__ import annotations

import json

from bot.features.profile.domain.profile import Profile
from bot.llm.gateway import ClaudeGateway, NoLLM, build_llm
from bot.settings import Settings
from tests.fakes.claude import FakeClaude

SCHEMA = {"type": "object", "properties": {"score": {"type": "integer"}}, "required": ["score"]}


def gateway(fake: FakeClaude, **overrides) -> ClaudeGateway:
    settings = Settings(
        _env_file=None, anthropic_api_key="sk-test", anthropic_max_retries=0, **overrides
    )
    llm = build_llm(settings, http_client=fake.client())
    assert isinstance(llm, ClaudeGateway)
    return llm


async def test_no_key_means_offline() -> None:
    llm = build_llm(Settings(_env_file=None))
    assert isinstance(llm, NoLLM) and not llm.enabled
    assert await llm.text("a", "b") is None


async def test_text_renders_prompts_and_sends_model_settings() -> None:
    fake = FakeClaude().reply("  Welcome aboard!  ")
    llm = gateway(fake, anthropic_model="claude-test-model", anthropic_max_tokens=300)
    profile = Profile(name="Ana <Admin>", interests="robotics")
    text = await llm.text(
        "profile/welcome_system.txt.j2", "profile/welcome_user.txt.j2", profile=profile
    )
    assert text == "Welcome aboard!"
    sent = fake.requests[0]
    assert sent["model"] == "claude-test-model"
    assert sent["max_tokens"] == 300
    assert "informational interviews" in sent["system"]
    assert "name: Ana <Admin>" in sent["messages"][0]["content"]  # prompts are plain text


async def test_json_uses_structured_output() -> None:
    fake = FakeClaude().reply(json.dumps({"score": 7}))
    data = await gateway(fake).json(
        "profile/welcome_system.txt.j2",
        "profile/welcome_user.txt.j2",
        schema=SCHEMA,
        profile=Profile(),
    )
    assert data == {"score": 7}
    assert fake.requests[0]["output_config"]["format"] == {"type": "json_schema", "schema": SCHEMA}


async def test_malformed_or_incomplete_json_falls_back() -> None:
    fake = FakeClaude().reply("{not json").reply(json.dumps({"other": 1})).reply("42")
    llm = gateway(fake)
    args = ("profile/welcome_system.txt.j2", "profile/welcome_user.txt.j2")
    for _ in range(3):
        assert await llm.json(*args, schema=SCHEMA, profile=Profile()) is None


async def test_api_errors_and_refusals_fall_back() -> None:
    fake = FakeClaude().fail(500).fail(429, "rate limited").reply("no", stop_reason="refusal")
    llm = gateway(fake)
    args = ("profile/welcome_system.txt.j2", "profile/welcome_user.txt.j2")
    for _ in range(3):
        assert await llm.text(*args, profile=Profile()) is None
    assert len(fake.requests) == 3


async def test_retries_come_from_settings() -> None:
    fake = FakeClaude().fail(529).reply("ok after retry")
    settings = Settings(_env_file=None, anthropic_api_key="sk-test", anthropic_max_retries=1)
    llm = build_llm(settings, http_client=fake.client())
    result = await llm.text(
        "profile/welcome_system.txt.j2", "profile/welcome_user.txt.j2", profile=Profile()
    )
    assert result == "ok after retry"
    assert len(fake.requests) == 2
