"""Routing an accepted event to its receivers: per receiver the disclosure decision (domain spec
§4.4), the directory lookup, the rendering in the receiver's format, and one outbox row per
delivery — all in the caller's transaction. Decisions map 1:1 onto both contracts' §2
(deliver / deliver-redacted / refuse with reason / manual-contact for a unit without endpoint).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from discharge.case import Case
from discharge.codes import ConsentStatus, Sector
from discharge.discharge_events import ConsentChanged
from discharge.disclosure import Decision, audit_record, decide
from discharge.events import DischargeEvent
from discharge.parties import Unit
from gateway.delivery.dead_letters import write_manual_contact
from gateway.delivery.outbox import OutboxMessage, OutboxRow, cancel, enqueue, pending_of_case
from gateway.directory import Directory, Route
from gateway.fhir.service import ResourceService
from gateway.process.renderers import Unrenderable, render, with_case_context, with_known_references
from gateway.store import StoreTransaction
from mappings.codes import member_of

_audit = logging.getLogger("gateway.audit")


@dataclass(frozen=True, slots=True)
class RecipientDecision:
    hsa_id: str
    decision: str  # deliver | deliver-redacted | refuse | manual-contact
    reason: str | None = None  # legal-basis-missing | consent-withdrawn | significant-harm | no-endpoint
    rules: tuple[str, ...] = ()


_NO = frozenset({ConsentStatus.WITHDRAWN, ConsentStatus.REFUSED})


def participants(case: Case) -> list[Unit]:
    """Every unit that has sent or received a message of the case, once each (by HSA-id)."""
    found: dict[str, Unit] = {}
    for entry in case.history:
        for unit in (entry.event.sender, *entry.event.recipients):
            found.setdefault(unit.hsa_id, unit)
    return list(found.values())


def _withheld(fields: Sequence[str]) -> str:
    """§4.4 for the person who makes the manual contact: what this unit may not be told (names, never values)."""
    return f"; not to be disclosed to this unit: {', '.join(fields)}" if fields else ""


@dataclass
class Router:
    service: ResourceService
    directory: Directory

    async def known_id(self, tx: StoreTransaction, fmt: str, referenced: str) -> str:
        """The id under which a receiver of ``fmt`` knows the message that ``referenced`` names. Message ids
        are UUIDs, which both contracts accept in either case (Cosmic §7.2): they are looked up in the case
        given and in lower and upper case (the indexed columns keep ids as they arrived)."""
        spellings = (referenced, referenced.lower(), referenced.upper())
        row = await tx.conn.fetchrow(
            "SELECT source_message_id FROM outbox WHERE message_id IN ($1, $2, $3) LIMIT 1", *spellings
        )
        original = str(row[0]) if row else referenced
        row = await tx.conn.fetchrow(
            "SELECT channel FROM inbound_messages WHERE message_id = $1 LIMIT 1", original.lower()
        )
        if row is not None and row[0] == fmt:
            return original
        row = await tx.conn.fetchrow(
            "SELECT message_id FROM outbox WHERE source_message_id IN ($1, $2, $3) AND format = $4 LIMIT 1",
            original, original.lower(), original.upper(), fmt,
        )  # fmt: skip
        return str(row[0]) if row else original

    async def route(
        self,
        tx: StoreTransaction,
        event: DischargeEvent,
        case: Case,
        *,
        source_format: str,
        recipients: Sequence[Unit],
        now: datetime,
    ) -> list[RecipientDecision]:
        decisions = []
        for unit in recipients:
            decisions.append(await self._route_one(tx, event, case, unit, source_format=source_format, now=now))
        if isinstance(event, ConsentChanged) and event.status in _NO:
            # §4.4 rule 3 (C-05): purge what is queued and may no longer go, and tell every participant
            await self._purge_queued(tx, case)
            named = {unit.hsa_id for unit in recipients} | {event.sender.hsa_id}
            for unit in participants(case):
                if unit.hsa_id not in named:  # informed; not in the sender's answer, which names its own recipients
                    await self._route_one(tx, event, case, unit, source_format=source_format, now=now)
        return decisions

    async def registered(self, unit: Unit) -> tuple[Unit, Route | None]:
        """``unit`` as §4.4 judges it — with the sector the directory registers, not the one a message declares —
        and its directory entry."""
        route = await self.directory.lookup(unit.hsa_id)
        sector = member_of(Sector, route.sector) if route is not None and route.sector else None
        return (unit if sector is None or sector is unit.sector else replace(unit, sector=sector)), route

    async def still_permitted(self, case: Case, row: OutboxRow) -> bool:
        """Whether a queued delivery may still go as it stands: its message judged again for its receiver against
        the case as it is now (§4.4 rules 2 and 3); rows that are not a case message to a unit (Subscriptions) may."""
        wanted = row.message.source_message_id.lower()
        source = next((h.event for h in case.history if h.event.message_id.lower() == wanted), None)
        named = next((u for u in source.recipients if u.hsa_id == row.message.receiver), None) if source else None
        if source is None or named is None:
            return True
        unit, _ = await self.registered(named)
        return decide(source, case, unit).decision is Decision.ROUTE

    async def _purge_queued(self, tx: StoreTransaction, case: Case) -> None:
        """Rule 3(b): each undelivered message of the case is judged again; what may no longer go is cancelled."""
        for row in await pending_of_case(tx.conn, case.case_id):
            if not await self.still_permitted(case, row):
                await cancel(tx.conn, row.message.delivery_id, "consent withdrawn (C-05): purged before delivery")
                _audit.info("queued delivery purged", extra={"delivery_id": row.message.delivery_id, "rule": "C-05"})

    async def _route_one(
        self, tx: StoreTransaction, event: DischargeEvent, case: Case, unit: Unit, *, source_format: str, now: datetime
    ) -> RecipientDecision:
        unit, route = await self.registered(unit)
        fmt = route.format if route is not None and route.endpoint_id is not None else None
        # §4.4 is decided on exactly what would leave: a message in another format also carries the case
        # context it does not repeat (track, care type, statute, patient), and consent may withhold that too.
        contextual = with_case_context(event, case) if fmt is not None and fmt != source_format else event
        disclosure = decide(contextual, case, unit)
        _audit.info("disclosure decision", extra={"audit": audit_record(disclosure)})
        if disclosure.decision is Decision.REFUSE or disclosure.event is None:
            reason = disclosure.reason.value if disclosure.reason is not None else "legal-basis-missing"
            return RecipientDecision(unit.hsa_id, "refuse", reason, disclosure.rule)
        if route is None or route.endpoint_id is None or fmt is None:
            detail = f"{unit.name} has no endpoint in the directory" + _withheld(disclosure.redacted_fields)
            await self._manual_contact(tx, event, unit, now=now, detail=detail)
            return RecipientDecision(unit.hsa_id, "manual-contact", "no-endpoint", disclosure.rule)
        outgoing = await with_known_references(disclosure.event, fmt, lambda f, i: self.known_id(tx, f, i))
        opening = next((h.event.message_id for h in case.history if h.event.type.value == "M-01"), None)
        admission_id = await self.known_id(tx, fmt, opening) if opening else None
        redacted = disclosure.decision is Decision.REDACT
        try:
            rendered = render(outgoing, case, fmt, source_format=source_format, admission_message_id=admission_id,
                              recipient=unit, redacted=redacted)  # fmt: skip
        except Unrenderable as exc:
            detail = f"cannot be rendered for {unit.name}: {exc}" + _withheld(disclosure.redacted_fields)
            await self._manual_contact(tx, event, unit, now=now, detail=detail)
            return RecipientDecision(unit.hsa_id, "manual-contact", "no-endpoint", disclosure.rule)
        await enqueue(
            tx.conn,
            [
                OutboxMessage(
                    delivery_id=f"{r.message_id}/{route.endpoint_id}",
                    endpoint_id=route.endpoint_id,
                    receiver=unit.hsa_id,
                    case_id=event.case_id,
                    message_id=r.message_id,
                    source_message_id=event.message_id,
                    format=fmt,
                    content_type=r.content_type,
                    body=r.body,
                )
                for r in rendered
            ],
            now=now,
        )
        return RecipientDecision(unit.hsa_id, "deliver-redacted" if redacted else "deliver", None, disclosure.rule)

    async def _manual_contact(
        self, tx: StoreTransaction, event: DischargeEvent, unit: Unit, *, now: datetime, detail: str
    ) -> None:
        await write_manual_contact(
            self.service, tx, case_id=event.case_id, receiver_hsa_id=unit.hsa_id, message_id=event.message_id,
            reason="no-endpoint", detail=f"Message {event.message_id} ({event.type.value}): {detail}.", now=now,
        )  # fmt: skip
