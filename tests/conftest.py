"""Shared fixtures: stores on the real SQLite and PostgreSQL, the app wired to either."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import hypothesis  # imported early: CPython 3.11.7 fails to compile it late in deep stacks
import pytest

from gateway.app import create_app
from gateway.settings import Settings
from gateway.store import PostgresResourceStore, SqliteResourceStore
from gateway.store.schema import tables
from gateway.store.sql_store import SqlResourceStore
from tests.servers import connect_redis, in_ci, throwaway_postgres_database

# Property tests: no per-example time limit (timing is the benchmark's business, and a loaded CI machine
# must not turn a slow example into a failure); in CI the examples are derived from the test, so the
# gate is reproducible — locally they stay random and keep exploring.
_UNTIMED = {"deadline": None, "suppress_health_check": [hypothesis.HealthCheck.too_slow]}
hypothesis.settings.register_profile("local", **_UNTIMED)
hypothesis.settings.register_profile("ci", **_UNTIMED, derandomize=True, print_blob=True)
hypothesis.settings.load_profile("ci" if in_ci() else "local")

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """The in-process stores' database (emptied before each test that uses it)."""
    with throwaway_postgres_database() as dsn:
        yield dsn


@pytest.fixture
def own_postgres_dsn() -> Iterator[str]:
    """A database of the test's own, for gateway processes: a running gateway's scheduler and
    workers would otherwise act on the rows other tests write into ``postgres_dsn``."""
    with throwaway_postgres_database() as dsn:
        yield dsn


async def _empty_postgres(store: SqlResourceStore) -> None:
    async with store.db.writer() as conn:
        await conn.execute(f"TRUNCATE {', '.join(tables('postgresql'))}")


@pytest.fixture(params=["sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SqlResourceStore]:
    """The same tests run against both real stores."""
    if request.param == "sqlite":
        opened: SqlResourceStore = SqliteResourceStore(tmp_path / "gateway.sqlite3")
        await opened.open()
    else:
        opened = PostgresResourceStore(request.getfixturevalue("postgres_dsn"))
        await opened.open()
        await _empty_postgres(opened)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def client(store: SqlResourceStore) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app (in-process ASGI) over the parametrised store."""
    settings = Settings(
        database_url="unused://", base_url="http://gateway.test/fhir", scheduler_enabled=False, delivery_enabled=False
    )
    app = create_app(settings, store=store)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield http


@pytest.fixture
async def redis_prefix() -> AsyncIterator[tuple[Any, str]]:
    """A real Redis client and a key prefix of this test's own; its keys are removed afterwards."""
    client = await connect_redis()
    prefix = f"test:{uuid.uuid4().hex[:12]}"
    try:
        yield client, prefix
    finally:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()
