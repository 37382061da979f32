"""Pure rules for asking the coach: topics, offers, memory. No Telegram, storage or files."""
