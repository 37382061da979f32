"""Turning domain results into what Telegram shows: safe HTML, split messages, buttons."""
