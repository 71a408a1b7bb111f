"""Firing deadline timers: ``DatabaseScheduler`` (embedded default) and ``RedisScheduler`` (scale-out).

Both claim a timer and run its handler in ONE database transaction (see ``timers``), so each
deadline fires exactly once. With Redis, a sorted set (score = due time in µs) distributes the
wake-ups between gateway instances: a Lua script pops due ids atomically, and the database
claim stays the durable guard. Redis keeps nothing on disk here, so every instance re-arms the
sorted set from the database at start and then periodically (``resync``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from gateway.background import BackgroundLoop
from gateway.scheduler.timers import Timer, claim, claim_due, pending
from gateway.store import StoreTransaction
from gateway.store.sql_store import SqlResourceStore, to_us

TimerHandler = Callable[[StoreTransaction, Timer, datetime], Awaitable[None]]
Clock = Callable[[], datetime]

_log = logging.getLogger("gateway.scheduler")
TIMERS_KEY = "deadline-timers"  # sorted set: member = timer id, score = due (epoch µs)
RESYNC_HORIZON = timedelta(hours=1)  # re-arm timers due within this window at each resync
_CLAIM_SCRIPT = """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do redis.call('ZREM', KEYS[1], id) end
return ids
"""


class DeadlineScheduler(Protocol):
    async def tick(self, now: datetime) -> int:
        """Fire every due timer; returns how many fired."""

    async def armed(self, timers: Sequence[Timer]) -> None:
        """Tell the scheduler about timers just committed (wake-up, Redis distribution)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class _Loop:
    """What both schedulers share: a ``BackgroundLoop`` that ticks at the clock's now; a failed
    tick leaves its timers pending, so the next one retries them."""

    def __init__(self, clock: Clock, interval_s: float) -> None:
        self._clock = clock
        self._loop = BackgroundLoop("deadline-scheduler", self._round, interval_s=interval_s, log=_log)

    async def tick(self, now: datetime) -> int:
        raise NotImplementedError

    async def before_tick(self, now: datetime) -> None:
        return None

    async def _round(self) -> bool:
        now = self._clock()
        await self.before_tick(now)
        await self.tick(now)  # fires every due timer, batch after batch
        return False

    async def start(self) -> None:
        await self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()


class DatabaseScheduler(_Loop):
    def __init__(
        self, store: SqlResourceStore, handler: TimerHandler, *, clock: Clock, interval_s: float = 1.0, batch: int = 100
    ) -> None:
        super().__init__(clock, interval_s)
        self._store = store
        self._handler = handler
        self._batch = batch

    async def tick(self, now: datetime) -> int:
        fired = 0
        while True:
            async with self._store.transaction() as tx:
                timers = await claim_due(tx.conn, tx.dialect, now, limit=self._batch)
                for timer in timers:
                    await self._handler(tx, timer, now)
            fired += len(timers)
            if len(timers) < self._batch:
                return fired

    async def armed(self, timers: Sequence[Timer]) -> None:
        self._loop.wake()


class RedisScheduler(_Loop):
    def __init__(
        self,
        store: SqlResourceStore,
        handler: TimerHandler,
        redis: Any,
        *,
        clock: Clock,
        prefix: str = "gateway",
        interval_s: float = 1.0,
        resync_s: float = 30.0,
        batch: int = 100,
        owns_client: bool = False,
    ) -> None:
        super().__init__(clock, interval_s)
        self._owns_client = owns_client  # close the client on stop (when the gateway created it)
        self._store = store
        self._handler = handler
        self._redis = redis
        self._key = f"{prefix}:{TIMERS_KEY}"
        self._claim = redis.register_script(_CLAIM_SCRIPT)
        self._batch = batch
        self._resync_s = resync_s
        self._last_resync: datetime | None = None

    async def resync(self, now: datetime) -> int:
        """Re-arm the sorted set from the database (after a Redis restart nothing is lost)."""
        async with self._store.db.reader() as conn:
            due = await pending(conn, due_before=now + RESYNC_HORIZON, limit=10_000)
        await self.armed(due)
        self._last_resync = now
        return len(due)

    async def before_tick(self, now: datetime) -> None:
        if self._last_resync is None or (now - self._last_resync).total_seconds() >= self._resync_s:
            await self.resync(now)

    async def tick(self, now: datetime) -> int:
        fired = 0
        while True:
            ids = await self._claim(keys=[self._key], args=[to_us(now), self._batch])
            for raw in ids:
                timer_id = raw.decode() if isinstance(raw, bytes) else str(raw)
                async with self._store.transaction() as tx:
                    timer = await claim(tx.conn, timer_id, now)
                    if timer is not None:
                        await self._handler(tx, timer, now)
                        fired += 1
            if len(ids) < self._batch:
                return fired

    async def armed(self, timers: Sequence[Timer]) -> None:
        if timers:
            await self._redis.zadd(self._key, {t.timer_id: to_us(t.due) for t in timers})
        self._loop.wake()

    async def stop(self) -> None:
        await super().stop()
        if self._owns_client:
            await self._redis.aclose()
