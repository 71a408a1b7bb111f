"""Scale-out delivery through Redis Streams (real Redis at 127.0.0.1:6379, real receiver):
two instances share the work and deliver each message once per endpoint, in order per case;
a Redis that restarts empty loses nothing."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest

from gateway.delivery.outbox import OutboxRow, enqueue, rows
from gateway.delivery.retry import RetryPolicy
from gateway.delivery.streams import RedisStreamDeliveryWorker
from gateway.delivery.worker import LEASE
from gateway.store.sql_store import SqlResourceStore
from tests.clock import Clock
from tests.integration.test_delivery_worker import SECRET, T0, message
from tests.receiver import free_port, running_receiver


@pytest.fixture(autouse=True)
def webhook_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET.decode())


def stream_worker(
    store: SqlResourceStore, clock: Clock, base: str, redis: Any, prefix: str
) -> RedisStreamDeliveryWorker:
    async def target(endpoint_id: str) -> tuple[str | None, str | None, RetryPolicy]:
        return f"{base}/{endpoint_id}", "env:TEST_WEBHOOK_SECRET", RetryPolicy(timeout=timedelta(seconds=2))

    async def on_dead(row: OutboxRow, now: Any) -> None:
        return None

    return RedisStreamDeliveryWorker(store, target, clock=clock, on_dead=on_dead, redis=redis, prefix=prefix)


async def test_two_instances_deliver_each_message_once_per_endpoint_in_order_per_case(
    store: SqlResourceStore, redis_prefix: tuple[Any, str]
) -> None:
    redis, prefix = redis_prefix
    clock = Clock(T0)
    batch = [message(n, endpoint=f"ep-{n % 3}", case=f"case-{n % 4}") for n in range(36)]
    async with store.transaction() as tx:
        await enqueue(tx.conn, batch, now=clock.now)
    async with running_receiver(SECRET) as receiver:
        first = stream_worker(store, clock, receiver.base, redis, prefix)
        second = stream_worker(store, clock, receiver.base, redis, prefix)
        for _ in range(40):
            await asyncio.gather(first.run_once(), second.run_once())
            if len(receiver.received) >= len(batch):
                break
        await first.stop()
        await second.stop()
    counts = Counter(r.headers["x-meddelande-id"] for r in receiver.received)
    assert len(counts) == 36
    assert set(counts.values()) == {1}
    for endpoint in range(3):  # per endpoint and case, first in first out
        for case in range(4):
            got = [r.body for r in receiver.received if r.path == f"/ep-{endpoint}"
                   and f"case-{case}" in next(m.case_id for m in batch if m.body == r.body)]  # fmt: skip
            expected = [m.body for m in batch if m.endpoint_id == f"ep-{endpoint}" and m.case_id == f"case-{case}"]
            assert got == expected


async def test_a_redis_that_restarts_empty_loses_nothing(
    store: SqlResourceStore, redis_prefix: tuple[Any, str]
) -> None:
    redis, prefix = redis_prefix
    clock = Clock(T0)
    async with store.transaction() as tx:
        await enqueue(tx.conn, [message(n, case=f"case-{n}") for n in range(5)], now=clock.now)
    async with running_receiver(SECRET) as receiver:
        worker = stream_worker(store, clock, receiver.base, redis, prefix)
        assert await worker.relay() == 5
        keys = [key async for key in redis.scan_iter(match=f"{prefix}:*")]
        await redis.delete(*keys)  # Redis restarted with nothing on disk: the streams are gone
        assert await worker.consume() == 0
        clock.now += LEASE + timedelta(seconds=1)  # the relayed leases expire; the outbox still has the rows
        for _ in range(5):
            await worker.run_once()
        await worker.stop()
    async with store.reader() as conn:
        assert {r.state for r in await rows(conn)} == {"delivered"}
    assert len(receiver.received) == 5


def start_redis(port: int) -> subprocess.Popen[bytes]:
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    return subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


async def test_a_real_redis_server_restarted_mid_delivery_loses_nothing(store: SqlResourceStore) -> None:
    """A Redis of the test's own (the shared one is left alone), killed with SIGKILL and started again empty."""
    import redis.asyncio as aioredis

    port = free_port()
    server = start_redis(port)
    client = aioredis.from_url(f"redis://127.0.0.1:{port}/0")
    try:
        for _ in range(100):
            try:
                await client.ping()
                break
            except Exception:
                await asyncio.sleep(0.05)
        clock = Clock(T0)
        async with store.transaction() as tx:
            await enqueue(tx.conn, [message(n, case=f"case-{n}") for n in range(8)], now=clock.now)
        async with running_receiver(SECRET) as receiver:
            worker = stream_worker(store, clock, receiver.base, client, "restart")
            assert await worker.relay() == 8
            server.kill()  # SIGKILL: the streams and the consumer group are gone
            server.wait()
            server = start_redis(port)
            for _ in range(100):
                try:
                    await client.ping()
                    break
                except Exception:
                    await asyncio.sleep(0.05)
            worker = stream_worker(store, clock, receiver.base, client, "restart")
            clock.now += LEASE + timedelta(seconds=1)
            for _ in range(5):
                await worker.run_once()
            await worker.stop()
        async with store.reader() as conn:
            assert {r.state for r in await rows(conn)} == {"delivered"}
        assert len({r.headers["x-meddelande-id"] for r in receiver.received}) == 8
    finally:
        await client.aclose()
        server.kill()
        server.wait()
