"""How updates reach the application in production: durable inbox, polling, webhook, health.

The local chat and the tests feed ``Application.process_update`` directly; everything here is
about surviving a crash, a duplicate delivery or a SIGTERM between Telegram and the handlers.
"""
