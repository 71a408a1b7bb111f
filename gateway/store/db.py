"""The thin database port under the SQL store: one connection API over aiosqlite and asyncpg.

SQL is written once with PostgreSQL-style ``$1`` placeholders; the SQLite side rewrites them to
``?1`` (which sqlite3 understands). Rows come back as tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Literal, Protocol

Row = Sequence[Any]
Dialect = Literal["sqlite", "postgresql"]


class Connection(Protocol):
    async def execute(self, sql: str, *args: Any) -> None: ...

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    async def fetch(self, sql: str, *args: Any) -> list[Row]: ...

    async def fetchrow(self, sql: str, *args: Any) -> Row | None: ...

    async def advisory_lock(self, key: str) -> None:
        """Transaction-scoped lock on ``key`` (a no-op where writers are already serialised)."""


class Database(Protocol):
    dialect: Dialect

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    def writer(self) -> AbstractAsyncContextManager[Connection]:
        """A connection inside a write transaction: committed on exit, rolled back on error."""

    def reader(self) -> AbstractAsyncContextManager[Connection]:
        """A connection for reads (no transaction guarantees across statements)."""

    def retryable(self, error: BaseException) -> bool:
        """True when ``error`` aborted a transaction that may simply be run again (deadlock, lock timeout)."""
