"""Deadline timers fire exactly once: in-process on SQLite/PostgreSQL, and via a Redis sorted set
with two scheduler instances sharing one database (real Redis at 127.0.0.1:6379)."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from gateway.scheduler.runner import DatabaseScheduler, RedisScheduler
from gateway.scheduler.timers import Timer, cancel_timers, states, upsert_timers
from gateway.store import StoreTransaction
from gateway.store.sql_store import SqlResourceStore

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def make_timers(count: int, *, due: datetime = NOW, case_id: str = "case-1") -> list[Timer]:
    return [Timer(f"{case_id}:R-03:unit-{n}", case_id, due, {"rule": "R-03", "n": n}) for n in range(count)]


async def arm(store: SqlResourceStore, timers: list[Timer]) -> None:
    async with store.transaction() as tx:
        await upsert_timers(tx.conn, timers)


class Recorder:
    def __init__(self) -> None:
        self.fired: list[str] = []

    async def __call__(self, tx: StoreTransaction, timer: Timer, now: datetime) -> None:
        await asyncio.sleep(0)  # let other claimers interleave
        self.fired.append(timer.timer_id)


async def test_a_due_timer_fires_once_and_a_future_one_waits(store: SqlResourceStore) -> None:
    await arm(store, [*make_timers(3), Timer("later", "case-1", NOW + timedelta(hours=1), {})])
    recorder = Recorder()
    scheduler = DatabaseScheduler(store, recorder, clock=lambda: NOW, batch=2)
    assert await scheduler.tick(NOW) == 3
    assert await scheduler.tick(NOW) == 0
    assert sorted(recorder.fired) == sorted(t.timer_id for t in make_timers(3))
    assert await scheduler.tick(NOW + timedelta(hours=1)) == 1


async def test_a_failing_handler_leaves_the_timer_pending_for_the_next_tick(store: SqlResourceStore) -> None:
    await arm(store, make_timers(1))
    attempts = 0

    async def flaky(tx: StoreTransaction, timer: Timer, now: datetime) -> None:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise RuntimeError("receiver down")

    scheduler = DatabaseScheduler(store, flaky, clock=lambda: NOW)
    with contextlib.suppress(RuntimeError):
        await scheduler.tick(NOW)
    async with store.transaction() as tx:
        assert set((await states(tx.conn, "case-1")).values()) == {"pending"}
    assert await scheduler.tick(NOW) == 1


async def test_replanning_and_cancelling_timers(store: SqlResourceStore) -> None:
    await arm(store, make_timers(2))
    moved = Timer("case-1:R-03:unit-0", "case-1", NOW + timedelta(days=1), {"rule": "R-03"})
    async with store.transaction() as tx:
        await upsert_timers(tx.conn, [moved])
        await cancel_timers(tx.conn, "case-1", keep=[moved.timer_id])
    recorder = Recorder()
    assert await DatabaseScheduler(store, recorder, clock=lambda: NOW).tick(NOW) == 0
    async with store.transaction() as tx:
        assert await states(tx.conn, "case-1") == {"case-1:R-03:unit-0": "pending", "case-1:R-03:unit-1": "cancelled"}


async def test_two_database_schedulers_on_one_store_fire_each_timer_exactly_once(store: SqlResourceStore) -> None:
    await arm(store, make_timers(120))
    first, second = Recorder(), Recorder()
    a = DatabaseScheduler(store, first, clock=lambda: NOW, batch=10)
    b = DatabaseScheduler(store, second, clock=lambda: NOW, batch=10)
    await asyncio.gather(a.tick(NOW), b.tick(NOW), a.tick(NOW), b.tick(NOW))
    counts = Counter(first.fired + second.fired)
    assert len(counts) == 120
    assert set(counts.values()) == {1}


async def test_two_redis_schedulers_sharing_a_database_fire_each_timer_exactly_once(
    store: SqlResourceStore, redis_prefix: tuple[Any, str]
) -> None:
    redis, prefix = redis_prefix
    timers = make_timers(200)
    await arm(store, timers)
    first, second = Recorder(), Recorder()
    a = RedisScheduler(store, first, redis, clock=lambda: NOW, prefix=prefix, batch=16)
    b = RedisScheduler(store, second, redis, clock=lambda: NOW, prefix=prefix, batch=16)
    await a.armed(timers)
    await b.armed(timers)  # both instances arm the same timers: still one member each
    await asyncio.gather(a.tick(NOW), b.tick(NOW))
    counts = Counter(first.fired + second.fired)
    assert len(counts) == 200
    assert set(counts.values()) == {1}
    assert first.fired
    assert second.fired


async def test_timers_lost_from_redis_are_rearmed_from_the_database(
    store: SqlResourceStore, redis_prefix: tuple[Any, str]
) -> None:
    redis, prefix = redis_prefix
    await arm(store, make_timers(5))
    recorder = Recorder()
    scheduler = RedisScheduler(store, recorder, redis, clock=lambda: NOW, prefix=prefix)
    assert await scheduler.tick(NOW) == 0  # never armed in Redis (e.g. Redis restarted empty)
    assert await scheduler.resync(NOW) == 5
    assert await scheduler.tick(NOW) == 5
    assert await scheduler.resync(NOW) == 0  # fired timers are not re-armed
