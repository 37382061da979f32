"""Plain, typed domain rules: no Telegram, TinyDB or anthropic imports here."""
