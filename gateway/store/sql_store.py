"""The SQL resource store shared by SQLite and PostgreSQL.

Tables (see ``schema``): ``resources`` holds the current version of each resource,
``resource_versions`` every version (history, vread), ``idx_*`` the search index of current,
non-deleted versions. A write replaces the index rows in the same transaction.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson

from gateway.search.extract import IndexRows
from gateway.search.query import SearchQuery
from gateway.store.db import Connection, Database, Row
from gateway.store.protocol import Page, StoredResource
from gateway.store.schema import migrate
from gateway.store.sql_search import SqlBuilder, order_sql, where_sql

T = TypeVar("T")
_log = logging.getLogger("gateway.store")
_COLUMNS = "r.res_type, r.res_id, r.version_id, r.last_updated_us, r.deleted, r.method, r.content"


def to_us(moment: datetime) -> int:
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(micros: int) -> datetime:
    return datetime.fromtimestamp(micros // 1_000_000, UTC).replace(microsecond=micros % 1_000_000)


def instant(moment: datetime) -> str:
    """FHIR instant in UTC with microseconds, e.g. 2026-11-22T17:44:21.123456Z."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _without_keys(resource: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in resource.items() if k not in ("resourceType", "id", "meta")}


def _stored(row: Row) -> StoredResource:
    content = row[6]
    return StoredResource(
        resource_type=row[0],
        id=row[1],
        version_id=int(row[2]),
        last_updated=from_us(int(row[3])),
        deleted=bool(row[4]),
        method=row[5],
        content=content.encode() if isinstance(content, str) else content,
    )


class SqlTransaction:
    def __init__(self, conn: Connection, dialect: str) -> None:
        self._conn = conn
        self.dialect = dialect

    @property
    def conn(self) -> Connection:
        """The transaction's connection, for the other tables written in the same transaction
        (cases, deadline timers, outbox)."""
        return self._conn

    async def lock(self, key: str) -> None:
        await self._conn.advisory_lock(key)

    async def current(self, resource_type: str, resource_id: str) -> StoredResource | None:
        row = await self._conn.fetchrow(
            f"SELECT {_COLUMNS} FROM resources r WHERE r.res_type = $1 AND r.res_id = $2",
            resource_type,
            resource_id,
        )
        return None if row is None else _stored(row)

    async def search_ids(self, query: SearchQuery, *, limit: int) -> list[str]:
        b = SqlBuilder()
        where = where_sql(b, query)
        rows = await self._conn.fetch(f"SELECT r.res_id FROM resources r WHERE {where} LIMIT {int(limit)}", *b.args)
        return [row[0] for row in rows]

    async def referrers(self, resource_type: str, resource_id: str, *, limit: int) -> list[tuple[str, str]]:
        rows = await self._conn.fetch(
            "SELECT DISTINCT i.res_type, i.res_id FROM idx_reference i"
            " WHERE i.target_type = $1 AND i.target_id = $2"
            " AND NOT (i.res_type = $1 AND i.res_id = $2)"
            f" LIMIT {int(limit)}",
            resource_type,
            resource_id,
        )
        return [(row[0], row[1]) for row in rows]

    async def write(
        self,
        resource_type: str,
        resource_id: str,
        resource: dict[str, Any] | None,
        *,
        method: str,
        now: datetime,
        index: IndexRows | None,
    ) -> StoredResource:
        previous = await self.current(resource_type, resource_id)
        version_id = 1 if previous is None else previous.version_id + 1
        content: bytes | None = None
        if resource is not None:
            meta = dict(resource.get("meta") or {})
            meta["versionId"] = str(version_id)
            meta["lastUpdated"] = instant(now)
            resource = {
                "resourceType": resource_type,
                "id": resource_id,
                "meta": meta,
                **_without_keys(resource),
            }
            content = orjson.dumps(resource)
        text = None if content is None else content.decode()
        deleted = 1 if resource is None else 0
        micros = to_us(now)
        row = await self._conn.fetchrow(
            "INSERT INTO resource_versions (res_type, res_id, version_id, last_updated_us, deleted, method, content)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq",
            resource_type,
            resource_id,
            version_id,
            micros,
            deleted,
            method,
            text,
        )
        assert row is not None
        await self._conn.execute(
            "INSERT INTO resources (res_type, res_id, version_id, seq, last_updated_us, deleted, method, content)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            " ON CONFLICT (res_type, res_id) DO UPDATE SET version_id = excluded.version_id, seq = excluded.seq,"
            " last_updated_us = excluded.last_updated_us, deleted = excluded.deleted, method = excluded.method,"
            " content = excluded.content",
            resource_type,
            resource_id,
            version_id,
            int(row[0]),
            micros,
            deleted,
            method,
            text,
        )
        await self._replace_index(resource_type, resource_id, index if resource is not None else None)
        return StoredResource(resource_type, resource_id, version_id, from_us(micros), bool(deleted), method, content)

    async def _replace_index(self, resource_type: str, resource_id: str, index: IndexRows | None) -> None:
        for table in ("idx_token", "idx_string", "idx_reference", "idx_date"):
            await self._conn.execute(
                f"DELETE FROM {table} WHERE res_type = $1 AND res_id = $2", resource_type, resource_id
            )
        if index is None:
            return
        key = (resource_type, resource_id)
        await self._conn.executemany(
            "INSERT INTO idx_token (res_type, res_id, param, system, code) VALUES ($1, $2, $3, $4, $5)",
            [(*key, r.param, r.system, r.code) for r in index.tokens],
        )
        await self._conn.executemany(
            "INSERT INTO idx_string (res_type, res_id, param, norm, exact) VALUES ($1, $2, $3, $4, $5)",
            [(*key, r.param, r.value_normalized, r.value_exact) for r in index.strings],
        )
        await self._conn.executemany(
            "INSERT INTO idx_reference (res_type, res_id, param, target_type, target_id, url)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            [(*key, r.param, r.target_type, r.target_id, r.url) for r in index.references],
        )
        await self._conn.executemany(
            "INSERT INTO idx_date (res_type, res_id, param, start_us, end_us) VALUES ($1, $2, $3, $4, $5)",
            [(*key, r.param, r.start_us, r.end_us) for r in index.dates],
        )


class SqlResourceStore:
    """``ResourceStore`` over any ``Database``; see ``SqliteResourceStore`` and ``PostgresResourceStore``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._open = False

    async def open(self) -> None:
        """Connect and migrate; a second call is a no-op."""
        if self._open:
            return
        await self.db.open()
        await migrate(self.db)
        self._open = True

    async def close(self) -> None:
        if self._open:
            await self.db.close()
            self._open = False

    async def ping(self) -> None:
        async with self.db.reader() as conn:
            await conn.fetchrow("SELECT 1")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqlTransaction]:
        async with self.db.writer() as conn:
            yield SqlTransaction(conn, self.db.dialect)

    async def atomically(self, work: Callable[[SqlTransaction], Awaitable[T]], *, attempts: int = 4) -> T:
        """Run ``work`` in a write transaction, running it again when the database aborted the
        transaction for a reason that is not the work's fault (deadlock, serialisation failure).
        ``work`` must keep its effects inside the transaction: it may run more than once."""
        for attempt in range(1, attempts + 1):
            try:
                async with self.transaction() as tx:
                    return await work(tx)
            except Exception as exc:
                if attempt == attempts or not self.db.retryable(exc):
                    raise
                _log.warning("transaction retried", extra={"error_type": type(exc).__name__, "attempt": attempt})
                await asyncio.sleep(random.uniform(0.005, 0.02) * 2**attempt)
        raise AssertionError("unreachable")

    def reader(self) -> AbstractAsyncContextManager[Connection]:
        return self.db.reader()

    async def read(self, resource_type: str, resource_id: str) -> StoredResource | None:
        async with self.db.reader() as conn:
            row = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM resources r WHERE r.res_type = $1 AND r.res_id = $2",
                resource_type,
                resource_id,
            )
        return None if row is None else _stored(row)

    async def vread(self, resource_type: str, resource_id: str, version_id: int) -> StoredResource | None:
        async with self.db.reader() as conn:
            row = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM resource_versions r"
                " WHERE r.res_type = $1 AND r.res_id = $2 AND r.version_id = $3",
                resource_type,
                resource_id,
                version_id,
            )
        return None if row is None else _stored(row)

    async def read_many(self, refs: Sequence[tuple[str, str]]) -> list[StoredResource]:
        found: list[StoredResource] = []
        async with self.db.reader() as conn:
            for resource_type, resource_id in dict.fromkeys(refs):
                row = await conn.fetchrow(
                    f"SELECT {_COLUMNS} FROM resources r WHERE r.res_type = $1 AND r.res_id = $2 AND r.deleted = 0",
                    resource_type,
                    resource_id,
                )
                if row is not None:
                    found.append(_stored(row))
        return found

    async def search(self, query: SearchQuery) -> Page:
        b = SqlBuilder()
        where = where_sql(b, query)
        async with self.db.reader() as conn:
            total_row = await conn.fetchrow(f"SELECT COUNT(*) FROM resources r WHERE {where}", *b.args)
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM resources r WHERE {where} ORDER BY {order_sql(query)}"
                f" LIMIT {int(query.count)} OFFSET {int(query.offset)}",
                *b.args,
            )
        return Page(items=[_stored(r) for r in rows], total=int(total_row[0]) if total_row else 0)

    async def references(self, resource_type: str, resource_ids: Sequence[str], param: str) -> list[tuple[str, str]]:
        if not resource_ids:
            return []
        b = SqlBuilder()
        ids = ", ".join(b.arg(i) for i in resource_ids)
        sql = (
            "SELECT DISTINCT i.target_type, i.target_id FROM idx_reference i"
            f" WHERE i.res_type = {b.arg(resource_type)} AND i.param = {b.arg(param)} AND i.res_id IN ({ids})"
            " AND i.target_id IS NOT NULL AND i.target_type IS NOT NULL"
        )
        async with self.db.reader() as conn:
            rows = await conn.fetch(sql, *b.args)
        return [(row[0], row[1]) for row in rows]

    async def history(
        self,
        resource_type: str | None,
        resource_id: str | None,
        *,
        since_us: int | None,
        count: int,
        offset: int,
    ) -> Page:
        b = SqlBuilder()
        conds = ["1 = 1"]
        if resource_type is not None:
            conds.append(f"r.res_type = {b.arg(resource_type)}")
        if resource_id is not None:
            conds.append(f"r.res_id = {b.arg(resource_id)}")
        if since_us is not None:
            conds.append(f"r.last_updated_us >= {b.arg(since_us)}")
        where = " AND ".join(conds)
        async with self.db.reader() as conn:
            total_row = await conn.fetchrow(f"SELECT COUNT(*) FROM resource_versions r WHERE {where}", *b.args)
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM resource_versions r WHERE {where} ORDER BY r.seq DESC"
                f" LIMIT {int(count)} OFFSET {int(offset)}",
                *b.args,
            )
        return Page(items=[_stored(r) for r in rows], total=int(total_row[0]) if total_row else 0)
