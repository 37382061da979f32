"""Several bot processes over one PostgreSQL database: what turns one process into replicas.

``wiring`` builds a replica from settings (``DATABASE_URL``); ``pacing`` keeps every replica's
sends together under Telegram's limits. The database side lives in ``bot.store.postgres_*``.
See docs/scaling.md.
"""
