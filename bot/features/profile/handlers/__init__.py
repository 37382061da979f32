"""The profile on Telegram: /start onboarding and /profile."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.features.profile.handlers import onboarding, profile


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Onboarding first: /start must win over any other entry point."""
    return [*onboarding.handlers(), *profile.handlers()]
