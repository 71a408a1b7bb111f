"""Storage: the ``ResourceStore`` port and its SQLite (embedded) and PostgreSQL implementations."""

from __future__ import annotations

from pathlib import Path

from gateway.store.postgres_db import PostgresDatabase
from gateway.store.protocol import Page, ResourceStore, StoredResource, StoreTransaction
from gateway.store.sql_store import SqlResourceStore
from gateway.store.sqlite_db import SqliteDatabase

__all__ = [
    "Page",
    "PostgresResourceStore",
    "ResourceStore",
    "SqliteResourceStore",
    "StoreTransaction",
    "StoredResource",
    "store_from_url",
]


class SqliteResourceStore(SqlResourceStore):
    def __init__(self, path: Path, *, synchronous: str = "FULL") -> None:
        super().__init__(SqliteDatabase(path, synchronous=synchronous))


class PostgresResourceStore(SqlResourceStore):
    def __init__(self, dsn: str) -> None:
        super().__init__(PostgresDatabase(dsn))


def store_from_url(url: str, *, sqlite_synchronous: str = "FULL") -> SqlResourceStore:
    """``sqlite:///relative/path``, ``sqlite:////absolute/path`` or ``postgresql://…``."""
    if url.startswith("sqlite:///"):
        return SqliteResourceStore(Path(url.removeprefix("sqlite:///")), synchronous=sqlite_synchronous)
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresResourceStore(url)
    raise ValueError("GATEWAY_DATABASE_URL must start with sqlite:/// or postgresql://")
