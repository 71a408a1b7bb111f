"""Access to the real servers the tests need (PostgreSQL, Redis).

Rule: with CI=true a missing server is a test failure; elsewhere the test is skipped with a
loud reason. Each run creates a throwaway PostgreSQL database and drops it afterwards.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import uuid
import warnings
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest

POSTGRES_ADMIN_URL = os.environ.get("GATEWAY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def server_missing(what: str, error: BaseException) -> None:
    reason = f"{what} is not reachable ({type(error).__name__}: {error})"
    if in_ci():
        pytest.fail(f"CI=true and {reason}: the real server is required in CI", pytrace=False)
    warnings.warn(f"SKIPPING: {reason}; see README 'Servers for the tests'", stacklevel=2)
    pytest.skip(f"LOUD SKIP: {reason}")


def _run(coroutine_function: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run on a fresh loop in a worker thread (callers may be inside a running loop)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(coroutine_function())).result()


def _with_database(admin_url: str, name: str) -> str:
    head, _, _ = admin_url.rpartition("/")
    return f"{head}/{name}"


@contextmanager
def throwaway_postgres_database() -> Iterator[str]:
    """Create ``gw_test_<random>`` and yield its DSN; dropped on exit."""
    name = f"gw_test_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    try:
        _run(create)
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        server_missing(f"PostgreSQL at {POSTGRES_ADMIN_URL}", exc)
    try:
        yield _with_database(POSTGRES_ADMIN_URL, name)
    finally:
        _run(drop)


REDIS_URL = os.environ.get("GATEWAY_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


async def connect_redis() -> Any:
    """A redis.asyncio client on the real server (fails under CI, loud skip elsewhere, when missing)."""
    import redis.asyncio as aioredis
    from redis.exceptions import ConnectionError as RedisConnectionError

    client = aioredis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError) as exc:
        await client.aclose()
        server_missing(f"Redis at {REDIS_URL}", exc)
    return client
