"""The storage port: ``ResourceStore`` and its transaction, as Protocols.

Two implementations share one SQL core (``sql_store``): SQLite (embedded default) and
PostgreSQL. The REST layer and the Bundle processor talk only to these Protocols.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

import orjson

from gateway.search.extract import IndexRows
from gateway.search.query import SearchQuery
from gateway.store.db import Connection

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoredResource:
    resource_type: str
    id: str
    version_id: int
    last_updated: datetime
    deleted: bool
    method: str  # POST, PUT or DELETE: how this version came to be
    content: bytes | None  # the resource as stored (meta.versionId/lastUpdated set); None when deleted

    @property
    def etag(self) -> str:
        return f'W/"{self.version_id}"'

    def json(self) -> dict[str, Any]:
        if self.content is None:
            raise ValueError("a deleted version has no content")
        data: dict[str, Any] = orjson.loads(self.content)
        return data


@dataclass(frozen=True, slots=True)
class Page:
    items: Sequence[StoredResource]
    total: int


class StoreTransaction(Protocol):
    dialect: str  # "sqlite" or "postgresql"

    @property
    def conn(self) -> Connection: ...

    async def lock(self, key: str) -> None:
        """Serialise writers on ``key`` until the transaction ends (conditional create, per-id writes)."""

    async def current(self, resource_type: str, resource_id: str) -> StoredResource | None: ...

    async def search_ids(self, query: SearchQuery, *, limit: int) -> list[str]: ...

    async def referrers(self, resource_type: str, resource_id: str, *, limit: int) -> list[tuple[str, str]]: ...

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
        """Write the next version (``resource`` None = delete) and replace the search index rows."""


class ResourceStore(Protocol):
    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def ping(self) -> None: ...

    def transaction(self) -> AbstractAsyncContextManager[StoreTransaction]: ...

    async def atomically(self, work: Callable[[Any], Awaitable[T]], *, attempts: int = 4) -> T:
        """``work`` in a transaction, re-run when the database aborted it (deadlock); see ``SqlResourceStore``."""

    def reader(self) -> AbstractAsyncContextManager[Connection]:
        """A read connection for the other tables of the store (cases, timers, outbox)."""

    async def read(self, resource_type: str, resource_id: str) -> StoredResource | None: ...

    async def vread(self, resource_type: str, resource_id: str, version_id: int) -> StoredResource | None: ...

    async def read_many(self, refs: Sequence[tuple[str, str]]) -> list[StoredResource]: ...

    async def search(self, query: SearchQuery) -> Page: ...

    async def references(self, resource_type: str, resource_ids: Sequence[str], param: str) -> list[tuple[str, str]]:
        """Targets (type, id) of reference search parameter ``param`` of the given resources."""

    async def history(
        self,
        resource_type: str | None,
        resource_id: str | None,
        *,
        since_us: int | None,
        count: int,
        offset: int,
    ) -> Page: ...
