"""The profile on Telegram: /start onboarding and /profile."""

from __future__ import annotations

from bot.features.profile.handlers import onboarding, profile
from bot.flow.context import AnyHandler


def handlers() -> list[AnyHandler]:
    """Onboarding first: /start must win over any other entry point."""
    return [*onboarding.handlers(), *profile.handlers()]
