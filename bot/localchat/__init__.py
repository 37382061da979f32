"""Talk to the coach without Telegram: an in-process Bot API and a terminal front end.

The same ``Application``, handlers and storage run here as on Telegram; only the transport differs.
"""
