"""The Subscription channel monitor: handshakes, heartbeats, ends and failed deliveries.

* ``requested`` → a ``handshake`` notification POSTed to the endpoint at once (one attempt, the
  channel's timeout): 2xx → ``active``, anything else → ``error`` with ``Subscription.error`` saying why.
  A client update made meanwhile wins (the result is dropped; the next round shakes hands again).
* ``active`` with ``backport-heartbeat-period``: when nothing was sent for that long, a ``heartbeat``
  notification is enqueued in the outbox (delivered, signed and retried like every notification).
* ``active`` past its ``end`` → ``off``.
* A notification that dead-letters puts its Subscription in ``error`` (the IG's "delivery failed";
  ``$events`` lets the receiver repair the gap once a client sets it back to ``requested``).

``run_once`` does one round with the injected clock (tests); ``start`` runs rounds in the background.
"""

from __future__ import annotations

import asyncio
import logging
import secrets as random
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx
import orjson

from gateway.background import BackgroundLoop
from gateway.delivery.outbox import OutboxMessage, OutboxRow, enqueue
from gateway.delivery.signing import CONTENT_TYPES, SecretMissing, resolve_secrets, webhook_headers
from gateway.fhir.service import ResourceService
from gateway.search.extract import parse_date_range
from gateway.store import StoredResource
from gateway.store.sql_store import from_us, to_us
from gateway.subscriptions.channel import destination, endpoint_id, spec_of, subscription_id_of, subscription_query
from gateway.subscriptions.store import event_count, last_sent, mark_sent
from mappings.subscription_bundles import StatusInfo, notification_bundle, stable_id
from mappings.subscriptions import SubscriptionSpec

_log = logging.getLogger("gateway.subscriptions")
HANDSHAKE_LEASE = timedelta(minutes=2)  # longer than any endpoint timeout


class SubscriptionMonitor:
    def __init__(
        self,
        service: ResourceService,
        *,
        base: str,
        clock: Callable[[], datetime],
        client: httpx.AsyncClient | None = None,
        interval_s: float = 1.0,
    ) -> None:
        self._service = service
        self._base = base
        self._clock = clock
        self._client = client or httpx.AsyncClient()
        self._loop = BackgroundLoop("subscription-monitor", self._round, interval_s=interval_s, log=_log)

    async def _with_status(self, status: str) -> list[StoredResource]:
        page = await self._service.store.search(subscription_query(self._service, status))
        return list(page.items)

    async def run_once(self) -> int:
        """Handshake every requested Subscription, heartbeat or end the active ones; returns how many acted on."""
        requested = await self._with_status("requested")
        done = sum(await asyncio.gather(*(self._handshake(s) for s in requested)))  # a slow endpoint holds up none
        for stored in await self._with_status("active"):
            done += await self._keep_alive(stored)
        return done

    async def _claim_handshake(self, seen: StoredResource) -> bool:
        """One handshake per requested Subscription across gateway instances: the first instance to
        mark the channel after this version was written sends it; the claim lapses after
        ``HANDSHAKE_LEASE`` (an instance that died mid-handshake), so another one then tries."""
        async with self._service.store.transaction() as tx:
            await tx.lock(f"subscription:{seen.id}")
            current = await tx.current("Subscription", seen.id)
            if current is None or current.deleted or current.version_id != seen.version_id:
                return False
            now = self._clock()
            claimed = await last_sent(tx.conn, seen.id)
            if claimed is not None and claimed >= seen.last_updated and now - claimed < HANDSHAKE_LEASE:
                return False
            await mark_sent(tx.conn, seen.id, now)
            return True

    async def _handshake(self, stored: StoredResource) -> int:
        spec = spec_of(stored)
        if spec is None:
            return 0  # written before a rule it now breaks: left for a client to fix
        if not await self._claim_handshake(stored):
            return 0  # another instance is shaking hands
        now = self._clock()
        async with self._service.store.reader() as conn:
            count = await event_count(conn, spec.id)
        bundle_id = str(uuid.uuid4())
        info = StatusInfo(spec.id, spec.topic.url, "requested", "handshake", count)
        bundle = notification_bundle(info, [], base=self._base, content=spec.content, bundle_id=bundle_id, now=now)
        error = await self._post(spec, orjson.dumps(bundle), bundle_id)
        await self._set_status(stored, "error" if error else "active", error)
        _log.info("subscription handshake", extra={"subscription": spec.id, "result": error or "active"})
        return 1

    async def _post(self, spec: SubscriptionSpec, body: bytes, message_id: str) -> str | None:
        """One attempt; None when the endpoint answered 2xx, else why not."""
        target = destination(spec)
        try:
            headers = dict(target.headers) | webhook_headers(
                "fhir", message_id=message_id, body=body,
                secrets=resolve_secrets(target.secret_ref) if target.signed else [], attempt=1,
                correlation_id=str(uuid.uuid4()), traceparent=f"00-{random.token_hex(16)}-{random.token_hex(8)}-01",
            )  # fmt: skip
            response = await self._client.post(
                spec.endpoint, content=body, headers=headers, timeout=target.policy.timeout.total_seconds()
            )
        except SecretMissing as exc:
            return f"handshake not sent: {exc}"
        except httpx.HTTPError as exc:
            return f"handshake failed: {type(exc).__name__}"
        if 200 <= response.status_code < 300:
            return None
        return f"handshake failed: the endpoint answered HTTP {response.status_code}"

    async def _set_status(self, seen: StoredResource, status: str, error: str | None) -> None:
        """Set the status (and error) unless the Subscription changed since ``seen``."""
        async with self._service.store.transaction() as tx:
            await tx.lock(f"subscription:{seen.id}")
            current = await tx.current("Subscription", seen.id)
            if current is None or current.deleted or current.version_id != seen.version_id:
                return
            resource = {k: v for k, v in current.json().items() if k != "error"}
            resource["status"] = status
            if error:
                resource["error"] = error
            await self._service.upsert(tx, resource, verify_references=False)
            if status == "active":
                await mark_sent(tx.conn, seen.id, self._clock())

    def _ended(self, spec: SubscriptionSpec, now: datetime) -> bool:
        if not spec.end:
            return False
        try:
            return from_us(parse_date_range(spec.end, tz=self._service.tz)[0]) <= now
        except ValueError:
            return False

    async def _keep_alive(self, stored: StoredResource) -> int:
        spec = spec_of(stored)
        now = self._clock()
        if spec is None:
            return 0
        if self._ended(spec, now):
            await self._set_status(stored, "off", None)
            return 1
        if spec.heartbeat_s is None:
            return 0
        async with self._service.store.transaction() as tx:
            await tx.lock(f"subscription:{spec.id}")
            last = await last_sent(tx.conn, spec.id) or stored.last_updated
            if now - last < timedelta(seconds=spec.heartbeat_s):
                return 0
            delivery_id = f"{endpoint_id(spec.id)}/heartbeat/{to_us(now)}"
            bundle_id = stable_id(delivery_id)
            info = StatusInfo(spec.id, spec.topic.url, "active", "heartbeat", await event_count(tx.conn, spec.id))
            bundle = notification_bundle(info, [], base=self._base, content=spec.content, bundle_id=bundle_id, now=now)
            message = OutboxMessage(
                delivery_id=delivery_id, endpoint_id=endpoint_id(spec.id), receiver=f"Subscription/{spec.id}",
                case_id="", message_id=bundle_id, source_message_id=delivery_id, format="fhir",
                content_type=CONTENT_TYPES["fhir"], body=orjson.dumps(bundle),
            )  # fmt: skip
            await enqueue(tx.conn, [message], now=now)
            await mark_sent(tx.conn, spec.id, now)
        return 1

    async def on_dead(self, row: OutboxRow, now: datetime) -> None:
        """A notification dead-lettered: the Subscription goes to ``error``."""
        subscription_id = subscription_id_of(row.message.endpoint_id)
        stored = await self._service.store.read("Subscription", subscription_id) if subscription_id else None
        if stored is None or stored.deleted or spec_of(stored) is None:
            return
        if stored.json().get("status") == "active":
            reason = row.last_status or row.last_error
            await self._set_status(stored, "error", f"notification delivery failed after {row.attempts} attempt(s) "
                                   f"({reason}); fix the endpoint and set status to requested")  # fmt: skip

    def wake(self) -> None:
        self._loop.wake()

    async def _round(self) -> bool:
        await self.run_once()
        return False  # handshakes and heartbeats are paced by the interval

    async def start(self) -> None:
        await self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()
        await self._client.aclose()
