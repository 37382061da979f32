"""Configuration from the environment and an optional ``.env`` file.

A deployer's typo should cost them one line of reading, so :func:`load_settings` turns validation
errors into a single message naming the variable and what it expects, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

import phonenumbers
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

_EXPECTED = {
    "database_url": "a PostgreSQL URL such as postgresql://coach:secret@db.internal/coach",
    "telegram_base_url": "an http(s) URL such as https://api.telegram.org/bot",
    "allowed_user_ids": "comma-separated numeric Telegram user ids, e.g. 12345,67890",
    "admin_user_ids": "comma-separated numeric Telegram user ids, e.g. 12345,67890",
    "anthropic_model": "a Claude model id such as claude-sonnet-5-5",
    "anthropic_check_model": "a Claude model id such as claude-haiku-5-5",
    "llm_daily_token_budget": "a whole number of tokens per student per day (0 = no limit)",
    "stream_update_seconds": "a number of seconds between 0.3 and 10",
    "log_level": "one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "anthropic_max_tokens": "a whole number between 64 and 8192",
    "anthropic_effort": "one of low, medium, high, or empty to leave it to the model",
    "anthropic_timeout": "a number of seconds between 1 and 600",
    "anthropic_max_retries": "a whole number between 0 and 10",
    "speaking_rate_wpm": "a whole number of words per minute between 80 and 250",
    "data_dir": "a folder path",
    "default_phone_region": "a two-letter region code such as US, DE or IN",
    "nudge_send_rate": "messages per second for reminders, a number between 1 and 30",
    "telegram_base_file_url": "an http(s) URL such as https://api.telegram.org/file/bot",
    "webhook_url": "the public https URL Telegram should call, e.g. https://coach.example.edu",
    "webhook_path": "a URL path starting with /, e.g. /telegram",
    "webhook_secret_token": "1-256 characters from A-Z, a-z, 0-9, _ and -",
    "http_port": "a TCP port number between 1 and 65535",
    "flood_burst": "a whole number between 1 and 1000",
    "flood_rate": "updates per second, between 0.1 and 100",
    "claude_calls_per_minute": "a whole number between 1 and 1000",
    "max_contacts": "a whole number of contacts per student between 10 and 100000",
    "max_import_bytes": "a file size in bytes between 10000 and 20000000",
    "max_stored_bytes": "a number of bytes per student between 100000 and 1000000000",
    "claude_budget_seconds": "a number of seconds between 1 and 600",
}


_SECRET_FIELDS = {"database_url"}


class ConfigError(Exception):
    """A setting is malformed; the message is meant to be shown as-is."""


class Settings(BaseSettings):
    """Everything a deployment can change; see ``.env.example`` for the documented list."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None
    anthropic_api_key: SecretStr | None = None
    # Coaching and rewriting (chat, drafts, pitches); short extraction and checks.
    anthropic_model: str = Field(default="claude-sonnet-5-5", min_length=1)
    anthropic_check_model: str = Field(default="claude-haiku-5-5", min_length=1)
    anthropic_max_tokens: int = Field(default=1024, ge=64, le=8192)
    # Thinking depth of models that think by default (Claude 5.x); "" sends nothing.
    anthropic_effort: Literal["", "low", "medium", "high"] = "low"
    anthropic_timeout: float = Field(default=30.0, ge=1, le=600)
    anthropic_max_retries: int = Field(default=2, ge=0, le=10)
    data_dir: Path = Path("var")
    # Set, students' data, the update queue and nudge claims live in PostgreSQL and any number of
    # replicas may share it (docs/scaling.md); unset, everything is files under DATA_DIR.
    database_url: SecretStr | None = None
    allowed_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    llm_daily_token_budget: int = Field(default=60_000, ge=0)
    stream_update_seconds: float = Field(default=1.0, ge=0.3, le=10)
    log_level: LogLevel = "INFO"
    speaking_rate_wpm: int = Field(default=150, ge=80, le=250)
    default_phone_region: str | None = None
    transcribe_command: str | None = None
    # Reminders' share of Telegram's ~30 messages/s, leaving headroom for replies to students.
    nudge_send_rate: float = Field(default=25.0, ge=1, le=30)
    # Deployment (see README "Deploying for a career center").
    telegram_base_file_url: str | None = None
    telegram_local_mode: bool = False
    webhook_url: str | None = None
    webhook_path: str = "/telegram"
    webhook_secret_token: SecretStr | None = None
    http_host: str = "127.0.0.1"
    http_port: int | None = Field(default=None, ge=1, le=65535)
    shutdown_grace: float = Field(default=20.0, ge=0, le=600)
    flood_burst: int = Field(default=20, ge=1, le=1000)
    flood_rate: float = Field(default=2.0, ge=0.1, le=100)
    callback_answer_within: float = Field(default=2.0, ge=0, le=10)
    claude_calls_per_minute: int = Field(default=10, ge=1, le=1000)
    max_contacts: int = Field(default=2_000, ge=10, le=100_000)
    max_import_bytes: int = Field(default=5_000_000, ge=10_000, le=20_000_000)
    # Above what MAX_CONTACTS at its field caps takes (6.4 MB): the contact limit comes first.
    max_stored_bytes: int = Field(default=8_000_000, ge=100_000, le=1_000_000_000)
    claude_budget_seconds: float = Field(default=25.0, ge=1, le=600)

    @field_validator(
        "database_url",
        "telegram_bot_token",
        "anthropic_api_key",
        "telegram_base_url",
        "default_phone_region",
        "transcribe_command",
        "telegram_base_file_url",
        "webhook_url",
        "webhook_secret_token",
        "http_port",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        """An empty ``KEY=`` line in .env means "not set", as deployers expect."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_base_url", "telegram_base_file_url", "webhook_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("not an http(s) URL")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(
            ("postgresql://", "postgres://")
        ):
            raise ValueError("not a PostgreSQL URL")
        return value

    @field_validator("default_phone_region")
    @classmethod
    def _check_region(cls, value: str | None) -> str | None:
        if value is None:
            return None
        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError("unknown region")
        return region

    @field_validator("webhook_path")
    @classmethod
    def _check_path(cls, value: str) -> str:
        if not value.startswith("/") or value in ("/healthz", "/readyz"):
            raise ValueError("not a path")
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _check_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("bad secret token")
        return value

    @field_validator("allowed_user_ids", "admin_user_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("not a list of numbers")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @property
    def telegram_mode(self) -> bool:
        """True when a token is set: talk to Telegram; otherwise run the local chat."""
        return self.telegram_bot_token is not None

    @property
    def file_base_url(self) -> str | None:
        """Where files are downloaded from: a self-hosted server serves them beside its API
        (``.../bot`` becomes ``.../file/bot``), which PTB does not derive by itself."""
        if self.telegram_base_file_url:
            return self.telegram_base_file_url
        base = self.telegram_base_url
        if base and base.rstrip("/").endswith("/bot"):
            return base.rstrip("/")[: -len("bot")] + "file/bot"
        return None

    def is_admin(self, user_id: int) -> bool:
        """Staff: may see /stats and /usage, and are exempt from the daily Claude budget."""
        return user_id in self.admin_user_ids

    def is_allowed(self, user_id: int) -> bool:
        """Whether the allowlist (empty means everyone) admits this user."""
        return not self.allowed_user_ids or user_id in self.allowed_user_ids


def load_settings(**overrides: Any) -> Settings:
    """Read settings, turning the first validation error into a one-line :class:`ConfigError`."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "configuration"
        expected = _EXPECTED.get(field, error["msg"])
        raw = error.get("input")
        shown = f" (got {raw!r})" if isinstance(raw, str | int | float) else ""
        if field in _SECRET_FIELDS:
            shown = ""  # a database URL carries its password
        raise ConfigError(f"{field.upper()}: expected {expected}{shown}") from None


def configure_logging(settings: Settings) -> None:
    """Ids and event names only, at every level; see :mod:`bot.logs`."""
    from bot.logs import configure

    secrets = [
        s.get_secret_value()
        for s in (
            settings.telegram_bot_token,
            settings.anthropic_api_key,
            settings.webhook_secret_token,
        )
        if s is not None
    ]
    configure(settings.log_level, secrets)
