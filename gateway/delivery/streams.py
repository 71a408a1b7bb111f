"""Scale-out delivery through Redis Streams (``GATEWAY_REDIS_URL`` set).

The outbox stays the durable record. A relay (every instance) leases due rows exactly as the
in-process worker does — head of line per endpoint and case, ``FOR UPDATE SKIP LOCKED`` — and
XADDs them to one stream per endpoint (``<prefix>:deliveries:<endpoint>``). Every instance reads
all streams in the consumer group ``delivery``; an entry carries the lease it was relayed with,
and a consumer first re-takes that lease with a conditional update, so an entry duplicated by a
re-relay is sent once. Entries of a crashed consumer are reclaimed with XAUTOCLAIM; rows whose
stream entry was lost (Redis restarted empty) come back when their lease expires. Delivery stays
at least once with stable message ids (receivers de-duplicate).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from gateway.delivery.outbox import COLUMNS, OutboxRow, row_from_db
from gateway.delivery.worker import LEASE, DeliveryWorker
from gateway.store.sql_store import to_us

GROUP = "delivery"
RECLAIM_IDLE_MS = 60_000  # an entry unacknowledged this long belonged to a consumer that died
STREAMS_KEY = "delivery-streams"  # set of the stream names, so every consumer finds every endpoint


class RedisStreamDeliveryWorker(DeliveryWorker):
    def __init__(self, *args: Any, redis: Any, prefix: str = "gateway", owns_client: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._redis = redis
        self._prefix = prefix
        self._consumer = f"gateway-{uuid.uuid4().hex[:12]}"
        self._owns_client = owns_client
        self._groups: set[str] = set()

    def _stream(self, endpoint_id: str) -> str:
        return f"{self._prefix}:deliveries:{endpoint_id}"

    async def relay(self) -> int:
        """Move leased due rows into their endpoint's stream."""
        rows = await self.claim(self._clock())
        for row in rows:
            stream = self._stream(row.message.endpoint_id)
            await self._redis.sadd(f"{self._prefix}:{STREAMS_KEY}", stream)
            lease = await self._lease_of(row.seq)
            await self._redis.xadd(stream, {"seq": str(row.seq), "lease": str(lease)})
        return len(rows)

    async def _lease_of(self, seq: int) -> int:
        async with self._store.reader() as conn:
            found = await conn.fetchrow("SELECT lease_until_us FROM outbox WHERE seq = $1", seq)
        return int(found[0]) if found and found[0] is not None else 0

    async def _ensure_group(self, stream: str) -> None:
        if stream in self._groups:
            return
        try:
            await self._redis.xgroup_create(stream, GROUP, id="0", mkstream=True)
        except Exception as exc:  # BUSYGROUP: another instance created it first
            if "BUSYGROUP" not in str(exc):
                raise
        self._groups.add(stream)

    async def _take(self, seq: int, lease: int) -> OutboxRow | None:
        """Re-take the relayed lease: only the consumer whose entry matches the current lease sends."""
        renewed = to_us(self._clock() + LEASE)
        async with self._store.transaction() as tx:
            found = await tx.conn.fetchrow(
                f"UPDATE outbox SET lease_until_us = $3 WHERE seq = $1 AND lease_until_us = $2 AND state = 'pending'"
                f" RETURNING {COLUMNS}",
                seq, lease, renewed,
            )  # fmt: skip
        return None if found is None else row_from_db(found)

    async def consume(self) -> int:
        streams = [s.decode() if isinstance(s, bytes) else s
                   for s in await self._redis.smembers(f"{self._prefix}:{STREAMS_KEY}")]  # fmt: skip
        if not streams:
            return 0
        for stream in streams:
            await self._ensure_group(stream)
        entries: list[tuple[str, str, dict[Any, Any]]] = []
        for stream in streams:
            claimed = await self._redis.xautoclaim(
                stream, GROUP, self._consumer, RECLAIM_IDLE_MS, "0-0", count=self._batch
            )
            entries += [(stream, entry_id, fields) for entry_id, fields in claimed[1]]
        fresh = await self._redis.xreadgroup(GROUP, self._consumer, {s: ">" for s in streams}, count=self._batch)
        for stream, items in fresh or []:
            name = stream.decode() if isinstance(stream, bytes) else stream
            entries += [(name, entry_id, fields) for entry_id, fields in items]
        await asyncio.gather(*(self._handle(*entry) for entry in entries))
        return len(entries)

    async def _handle(self, stream: str, entry_id: Any, fields: dict[Any, Any]) -> None:
        def field(name: str) -> int:
            value = fields.get(name.encode(), fields.get(name, b"0"))
            return int(value.decode() if isinstance(value, bytes) else value)

        row = await self._take(field("seq"), field("lease"))
        if row is not None:
            await self._attempt(row)
        await self._redis.xack(stream, GROUP, entry_id)

    async def run_once(self) -> int:
        relayed = await self.relay()
        consumed = await self.consume()
        return max(relayed, consumed)

    async def stop(self) -> None:
        await super().stop()
        if self._owns_client:
            await self._redis.aclose()
