"""The delivery worker: claims due outbox rows and POSTs them to the receivers' webhooks.

* Claiming leases a row (``lease_until_us``) with a conditional update, so two workers — in one
  process or in several gateway instances on PostgreSQL — never send the same attempt twice.
* Per endpoint and case, first in first out: only the oldest pending row of an (endpoint, case)
  pair is eligible; a later one waits until the earlier is delivered or dead-lettered.
* Endpoints are independent: each claimed row is sent in its own task with the policy's timeout,
  so a slow or failing endpoint never holds up the others.
* Delivery is at least once; the message id header is stable across retries (receivers de-duplicate).
"""

from __future__ import annotations

import asyncio
import logging
import secrets as random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from gateway.background import BackgroundLoop
from gateway.delivery.outbox import COLUMNS, OutboxRow, get, row_from_db
from gateway.delivery.retry import RetryPolicy, Verdict, next_attempt, retry_after, verdict
from gateway.delivery.signing import SecretMissing, resolve_secrets, webhook_headers
from gateway.store.sql_store import SqlResourceStore, to_us

_log = logging.getLogger("gateway.delivery")
# A claimed row is leased for LEASE; an attempt is bounded by MAX_ATTEMPT_TIME (whatever an endpoint's policy
# asks), so a lease never runs out under a live attempt, and a crashed worker's rows return within LEASE.
LEASE = timedelta(seconds=30)
MAX_ATTEMPT_TIME = timedelta(seconds=20)
_CLAIM = (
    "UPDATE outbox SET lease_until_us = $2 WHERE seq IN ("
    " SELECT o.seq FROM outbox o WHERE o.state = 'pending' AND o.next_attempt_us <= $1"
    " AND (o.lease_until_us IS NULL OR o.lease_until_us < $1)"
    " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.endpoint_id = o.endpoint_id AND p.case_id = o.case_id"
    " AND p.state = 'pending' AND p.seq < o.seq)"
    " ORDER BY o.seq LIMIT {limit}{lock}) RETURNING "
)


@dataclass(frozen=True, slots=True)
class Destination:
    """Where an endpoint id delivers (``address`` None: gone or inactive → dead letter)."""

    address: str | None
    secret_ref: str | None
    policy: RetryPolicy
    headers: tuple[tuple[str, str], ...] = ()  # sent as well (a Subscription's channel.header)
    signed: bool = True  # False: no HMAC header (a Subscription without a secret reference)


# endpoint id → Destination, or (address, secret reference, policy) for a signed directory Endpoint
Target = Callable[[str], Awaitable[Destination | tuple[str | None, str | None, RetryPolicy]]]
DeadLetterHook = Callable[[OutboxRow, datetime], Awaitable[None]]


class DeliveryWorker:
    def __init__(
        self,
        store: SqlResourceStore,
        target: Target,
        *,
        clock: Callable[[], datetime],
        on_dead: DeadLetterHook | None = None,
        client: httpx.AsyncClient | None = None,
        interval_s: float = 1.0,
        batch: int = 50,
    ) -> None:
        self._store = store
        self._target = target
        self._clock = clock
        self._on_dead = on_dead
        self._client = client or httpx.AsyncClient()
        self._batch = batch
        self._loop = BackgroundLoop("delivery-worker", self._round, interval_s=interval_s, log=_log)

    async def claim(self, now: datetime) -> list[OutboxRow]:
        lock = " FOR UPDATE SKIP LOCKED" if self._store.db.dialect == "postgresql" else ""
        sql = _CLAIM.format(limit=self._batch, lock=lock) + COLUMNS
        async with self._store.transaction() as tx:
            found = await tx.conn.fetch(sql, to_us(now), to_us(now + LEASE))
        return sorted((row_from_db(r) for r in found), key=lambda r: r.seq)

    async def run_once(self) -> int:
        """Claim and attempt every due row once; returns how many were attempted."""
        now = self._clock()
        claimed = await self.claim(now)
        await asyncio.gather(*(self._attempt(row) for row in claimed))
        return len(claimed)

    async def _attempt(self, row: OutboxRow) -> None:
        found = await self._target(row.message.endpoint_id)
        target = found if isinstance(found, Destination) else Destination(*found)
        address, policy = target.address, target.policy
        attempt = row.attempts + 1
        status: int | None = None
        asked: timedelta | None = None
        error = None
        try:
            if address is None:
                raise SecretMissing("the endpoint is gone or inactive")
            headers = dict(target.headers) | webhook_headers(
                row.message.format,
                message_id=row.message.message_id,
                body=row.message.body,
                secrets=resolve_secrets(target.secret_ref) if target.signed else [],
                attempt=attempt,
                correlation_id=str(uuid.uuid4()),
                traceparent=f"00-{random.token_hex(16)}-{random.token_hex(8)}-01",
            )
            seconds = min(policy.timeout, MAX_ATTEMPT_TIME).total_seconds()
            async with asyncio.timeout(seconds):  # the whole attempt; httpx's own timeout is per phase
                response = await self._client.post(address, content=row.message.body, headers=headers, timeout=seconds)
            status = response.status_code
            asked = retry_after(response.headers.get("retry-after"), now=self._clock())
        except SecretMissing as exc:
            error, status = str(exc), 0  # a configuration fault: dead-letter now, an operator resends later
        except (httpx.HTTPError, TimeoutError) as exc:
            error = type(exc).__name__
        await self._record(row, attempt, status, asked, error, policy)

    async def _record(
        self, row: OutboxRow, attempt: int, status: int | None, asked: timedelta | None, error: str | None,
        policy: RetryPolicy,
    ) -> None:  # fmt: skip
        now = self._clock()
        first = row.first_attempt or now
        result = Verdict.DEAD if status == 0 else verdict(status)
        when = None
        if result is Verdict.RETRY:
            when = next_attempt(policy, attempts_made=attempt, first_attempt=first, now=now, asked=asked)
            if when is None:
                result = Verdict.DEAD
        state = {Verdict.DELIVERED: "delivered", Verdict.DEAD: "dead", Verdict.RETRY: "pending"}[result]
        async with self._store.transaction() as tx:
            await tx.conn.execute(
                "UPDATE outbox SET state = $2, attempts = $3, first_attempt_us = $4, next_attempt_us = $5,"
                " lease_until_us = NULL, delivered_us = $6, last_status = $7, last_error = $8 WHERE seq = $1",
                row.seq, state, attempt, to_us(first), to_us(when or now),
                to_us(now) if result is Verdict.DELIVERED else None, status or None, error,
            )  # fmt: skip
        _log.info(
            "delivery attempt",
            extra={"delivery_id": row.message.delivery_id, "endpoint": row.message.endpoint_id, "attempt": attempt,
                   "status": status, "result": state},
        )  # fmt: skip
        if result is Verdict.DEAD and self._on_dead is not None:
            dead = await self._get(row.message.delivery_id)
            if dead is not None:
                await self._on_dead(dead, now)
        if result is not Verdict.RETRY:
            self._loop.wake()  # the next row of this case may now be eligible

    async def _get(self, delivery_id: str) -> OutboxRow | None:
        async with self._store.reader() as conn:
            return await get(conn, delivery_id)

    def wake(self) -> None:
        self._loop.wake()

    async def _round(self) -> bool:
        return await self.run_once() > 0  # rows attempted: look again at once

    async def start(self) -> None:
        await self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()
        await self._client.aclose()
