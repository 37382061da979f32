"""Configuration: defaults, parsing and one-line errors that name the variable."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.settings import ConfigError, load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BASE_URL",
        "ANTHROPIC_API_KEY",
        "ALLOWED_USER_IDS",
        "LOG_LEVEL",
        "DATA_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_run_offline_and_local() -> None:
    settings = load_settings()
    assert not settings.telegram_mode
    assert settings.anthropic_api_key is None
    assert settings.is_allowed(123)


def test_env_file_and_lists(tmp_path, monkeypatch) -> None:
    (tmp_path / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=1:abc\nALLOWED_USER_IDS=1, 2 ,3\nANTHROPIC_API_KEY=\n"
    )
    settings = load_settings()
    assert settings.telegram_mode
    assert settings.allowed_user_ids == frozenset({1, 2, 3})
    assert settings.anthropic_api_key is None
    assert not settings.is_allowed(4)


def test_phone_region_is_normalised(monkeypatch) -> None:
    monkeypatch.setenv("DEFAULT_PHONE_REGION", "de")
    assert load_settings().default_phone_region == "DE"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("ALLOWED_USER_IDS", "12,abc", "ALLOWED_USER_IDS: expected comma-separated"),
        ("LOG_LEVEL", "chatty", "LOG_LEVEL: expected one of DEBUG"),
        ("TELEGRAM_BASE_URL", "api.telegram.org", "TELEGRAM_BASE_URL: expected an http(s) URL"),
        ("SPEAKING_RATE_WPM", "fast", "SPEAKING_RATE_WPM: expected a whole number"),
        ("DEFAULT_PHONE_REGION", "USA", "DEFAULT_PHONE_REGION: expected a two-letter region"),
    ],
)
def test_malformed_values_give_one_line(monkeypatch, name, value, expected) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value).startswith(expected)
    assert "\n" not in str(info.value)


def test_cli_reports_bad_config_without_traceback(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "LOG_LEVEL": "chatty", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "LOG_LEVEL: expected one of" in result.stderr
    assert "Traceback" not in result.stderr
