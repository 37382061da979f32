"""Durable per-user storage behind a small interface; see ``base`` for the contract."""

from bot.store.base import Store, StoreError, Table, Transaction

__all__ = ["Store", "StoreError", "Table", "Transaction"]
