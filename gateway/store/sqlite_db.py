"""SQLite behind the ``Database`` port: one writer connection (BEGIN IMMEDIATE, WAL), one reader.

Writers are serialised by an asyncio lock inside the process and by SQLite's own write lock
across processes (``busy_timeout``), so a conditional create's search-then-insert is atomic.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import aiosqlite

from gateway.store.db import Dialect, Row

_BUSY_TIMEOUT_MS = 10_000


@lru_cache(maxsize=512)
def _sql(statement: str) -> str:
    return re.sub(r"\$(\d+)", r"?\1", statement)


class _SqliteConnection:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> None:
        await self._conn.execute(_sql(sql), args)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self._conn.executemany(_sql(sql), rows)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        async with self._conn.execute(_sql(sql), args) as cursor:
            return list(await cursor.fetchall())

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        async with self._conn.execute(_sql(sql), args) as cursor:
            row: Row | None = await cursor.fetchone()
            return row

    async def advisory_lock(self, key: str) -> None:
        return None  # BEGIN IMMEDIATE already holds the database's single write lock


class SqliteDatabase:
    dialect: Dialect = "sqlite"

    def __init__(self, path: Path, *, synchronous: str = "FULL") -> None:
        if synchronous not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise ValueError(f"invalid SQLite synchronous mode {synchronous!r}")
        self._path = path
        self._synchronous = synchronous
        self._write_lock = asyncio.Lock()
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None

    async def _connect(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self._path, isolation_level=None)
        await conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute(f"PRAGMA synchronous = {self._synchronous}")
        await conn.execute("PRAGMA foreign_keys = ON")
        return conn

    async def open(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = await self._connect()
        self._reader = await self._connect()

    async def close(self) -> None:
        for conn in (self._writer, self._reader):
            if conn is not None:
                await conn.close()
        self._writer = self._reader = None

    def retryable(self, error: BaseException) -> bool:
        # another process held the write lock longer than busy_timeout
        return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)

    @asynccontextmanager
    async def writer(self) -> AsyncIterator[_SqliteConnection]:
        if self._writer is None:
            raise RuntimeError("database is not open")
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteConnection(self._writer)
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[_SqliteConnection]:
        if self._reader is None:
            raise RuntimeError("database is not open")
        yield _SqliteConnection(self._reader)
