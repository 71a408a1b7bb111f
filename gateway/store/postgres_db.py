"""PostgreSQL behind the ``Database`` port (asyncpg pool, READ COMMITTED + advisory locks)."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from gateway.store.db import Dialect, Row


def lock_id(key: str) -> int:
    """A stable signed 64-bit id for ``pg_advisory_xact_lock`` (the same in every instance)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


class _PostgresConnection:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> None:
        await self._conn.execute(sql, *args)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self._conn.executemany(sql, rows)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return [tuple(r) for r in await self._conn.fetch(sql, *args)]

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        row = await self._conn.fetchrow(sql, *args)
        return None if row is None else tuple(row)

    async def advisory_lock(self, key: str) -> None:
        await self._conn.execute("SELECT pg_advisory_xact_lock($1)", lock_id(key))


class PostgresDatabase:
    dialect: Dialect = "postgresql"

    def __init__(self, dsn: str, *, min_size: int = 1, max_size: int = 10) -> None:
        self._dsn = dsn
        self._min_size = min_size
        self._max_size = max_size
        self._pool: Any = None

    async def open(self) -> None:
        self._pool = await asyncpg.create_pool(self._dsn, min_size=self._min_size, max_size=self._max_size)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    def retryable(self, error: BaseException) -> bool:
        # 40P01 deadlock_detected, 40001 serialization_failure: PostgreSQL aborted one of two
        # transactions waiting on each other (e.g. a case's advisory lock vs a Task's row lock).
        return isinstance(error, asyncpg.DeadlockDetectedError | asyncpg.SerializationError)

    @asynccontextmanager
    async def writer(self) -> AsyncIterator[_PostgresConnection]:
        if self._pool is None:
            raise RuntimeError("database is not open")
        async with self._pool.acquire() as conn, conn.transaction():
            yield _PostgresConnection(conn)

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[_PostgresConnection]:
        if self._pool is None:
            raise RuntimeError("database is not open")
        async with self._pool.acquire() as conn:
            yield _PostgresConnection(conn)
