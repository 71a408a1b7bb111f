"""``SqlResourceStore.atomically``: a transaction the database aborted (deadlock, lock timeout) is
run again; any other error is not. The deadlock is a real one, made by PostgreSQL."""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gateway.store import PostgresResourceStore, SqliteResourceStore, StoreTransaction
from gateway.store.sql_store import SqlResourceStore


@pytest.fixture
async def postgres_store(postgres_dsn: str) -> AsyncIterator[SqlResourceStore]:
    store = PostgresResourceStore(postgres_dsn)
    await store.open()
    try:
        yield store
    finally:
        await store.close()


async def test_two_transactions_deadlocked_by_postgresql_both_commit_after_one_is_run_again(
    postgres_store: SqlResourceStore,
) -> None:
    both_hold_their_first_lock = asyncio.Barrier(2)
    runs: Counter[str] = Counter()

    async def locking(first: str, second: str) -> str:
        async def work(tx: StoreTransaction) -> str:
            runs[first] += 1
            await tx.lock(first)
            if runs[first] == 1:
                await asyncio.wait_for(both_hold_their_first_lock.wait(), 10)
            await tx.lock(second)  # opposite order in the other transaction: PostgreSQL aborts one
            await tx.conn.execute(
                "INSERT INTO deadline_timers (timer_id, case_id, due_us, state, payload)"
                " VALUES ($1, 'deadlock-test', 0, 'pending', '{}')",
                first,
            )
            return first

        return await postgres_store.atomically(work)

    assert sorted(await asyncio.gather(locking("a", "b"), locking("b", "a"))) == ["a", "b"]
    assert sorted(runs.values()) == [1, 2]  # exactly one of them was aborted and run again
    async with postgres_store.reader() as conn:
        rows = await conn.fetch("SELECT timer_id FROM deadline_timers WHERE case_id = 'deadlock-test'")
    assert sorted(r[0] for r in rows) == ["a", "b"]  # each committed once, the aborted attempt left nothing


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[SqlResourceStore]:
    store = SqliteResourceStore(tmp_path / "gateway.sqlite3")
    await store.open()
    try:
        yield store
    finally:
        await store.close()


async def test_a_locked_sqlite_database_is_retried_and_other_errors_are_not(sqlite_store: SqlResourceStore) -> None:
    store = sqlite_store
    attempts: list[int] = []

    async def locked_once(tx: StoreTransaction) -> str:
        attempts.append(len(attempts) + 1)
        if len(attempts) == 1:
            raise sqlite3.OperationalError("database is locked")
        return "done"

    assert await store.atomically(locked_once) == "done"
    assert attempts == [1, 2]

    calls: list[int] = []

    async def wrong(tx: StoreTransaction) -> None:
        calls.append(1)
        raise ValueError("not the database's doing")

    with pytest.raises(ValueError, match="database"):
        await store.atomically(wrong)
    assert calls == [1]

    async def always_locked(tx: StoreTransaction) -> None:
        calls.append(1)
        raise sqlite3.OperationalError("database is locked")

    calls.clear()
    with pytest.raises(sqlite3.OperationalError):
        await store.atomically(always_locked, attempts=3)
    assert calls == [1, 1, 1]  # gives up after the attempts allowed
