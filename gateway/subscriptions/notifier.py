"""Event notifications: called by the process pipeline inside the transaction that applies an event
(after the case's resources are written) and by a deadline timer that wrote an overdue notice.

For every ``active`` Subscription whose topic covers the event and whose filters match, the event is
numbered (``subscription_events``) and its notification Bundle enqueued in the outbox — all in the
caller's transaction, so a notification exists exactly when the event was applied. A Subscription
filtered to a receiving unit gets only what that unit may receive (the consent decision of §4.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from discharge.case import Case
from discharge.disclosure import Decision, decide
from discharge.events import DischargeEvent
from gateway.delivery.outbox import OutboxMessage, enqueue
from gateway.delivery.signing import CONTENT_TYPES
from gateway.fhir.service import ResourceService
from gateway.store import StoredResource, StoreTransaction
from gateway.subscriptions.channel import endpoint_id, subscriptions_in
from gateway.subscriptions.store import NewEvent, mark_sent, record_event
from mappings.codes import episode_id
from mappings.subscription_bundles import StatusInfo, notification_bundle, stable_id
from mappings.subscription_topics import OVERDUE, topics_for
from mappings.subscriptions import SubscriptionSpec, event_facts, matches, notice_facts


def receivers_of(spec: SubscriptionSpec) -> frozenset[str]:
    return frozenset(v for f in spec.filters if f.name == "receiver" for v in f.values)


def content_for(spec: SubscriptionSpec, event: DischargeEvent, case: Case) -> str | None:
    """The payload a Subscription gets for ``event``: None when it gets nothing. With a receiver filter it gets
    what the best placed of those receivers may: nothing when all are refused, and no resource content when
    the message reached them redacted (the stored resource is not redacted per receiver, §4.4)."""
    wanted = receivers_of(spec)
    if not wanted:
        return spec.content
    decisions = {decide(event, case, u).decision for u in event.recipients if u.hsa_id in wanted}
    if Decision.ROUTE in decisions:
        return spec.content
    if Decision.REDACT in decisions:
        return "id-only" if spec.content == "full-resource" else spec.content
    return None


@dataclass
class SubscriptionNotifier:
    service: ResourceService
    base: str  # the FHIR base URL notifications refer to

    async def notify(self, tx: StoreTransaction, event: DischargeEvent, case: Case, *, now: datetime) -> None:
        topics = {t.url for t in topics_for(event.type)}
        subscriptions = [s for s in await subscriptions_in(tx, self.service, "active") if s.topic.url in topics]
        if not subscriptions:
            return
        facts = event_facts(event, case)
        focus = await tx.current("EpisodeOfCare", episode_id(case.case_id))
        for spec in subscriptions:
            content = content_for(spec, event, case) if matches(spec.filters, facts) else None
            if content is not None:
                await self._notify_one(tx, spec, event.type.value, event.message_id, case, focus, content, now=now)

    async def overdue(self, tx: StoreTransaction, case: Case, notice: StoredResource, *, now: datetime) -> None:
        """A deadline passed: the overdue Communication ``notice`` was written for its responsible unit."""
        subscriptions = [s for s in await subscriptions_in(tx, self.service, "active") if s.topic.name == OVERDUE]
        facts = notice_facts(notice.json(), case)
        for spec in subscriptions:
            if matches(spec.filters, facts):
                await self._notify_one(tx, spec, OVERDUE, notice.id, case, notice, spec.content, now=now)

    async def _notify_one(
        self, tx: StoreTransaction, spec: SubscriptionSpec, event_type: str, message_id: str, case: Case,
        focus: StoredResource | None, content: str, *, now: datetime,
    ) -> None:  # fmt: skip
        if focus is None or focus.deleted:
            return
        await tx.lock(f"subscription:{spec.id}")
        reference = f"{focus.resource_type}/{focus.id}"
        new = NewEvent(now, event_type, reference, focus.version_id, message_id, case.case_id)
        record = await record_event(tx.conn, spec.id, new)
        if record is None:
            return  # already notified (a replayed message)
        delivery_id = f"{endpoint_id(spec.id)}/event/{record.number}"
        bundle_id = stable_id(delivery_id)
        info = StatusInfo(spec.id, spec.topic.url, "active", "event-notification", record.number)
        resource: dict[str, Any] = focus.json()
        bundle = notification_bundle(
            info, [(record, resource)], base=self.base, content=content, bundle_id=bundle_id, now=now
        )
        message = OutboxMessage(
            delivery_id=delivery_id, endpoint_id=endpoint_id(spec.id), receiver=f"Subscription/{spec.id}",
            case_id=case.case_id, message_id=bundle_id, source_message_id=message_id, format="fhir",
            content_type=CONTENT_TYPES["fhir"], body=orjson.dumps(bundle),
        )  # fmt: skip
        await enqueue(tx.conn, [message], now=now)
        await mark_sent(tx.conn, spec.id, now)
