"""One inbound contract message through the pipeline, answered with the contract's acknowledgement.

Order (both contracts §1–§3): media type and size → parse and validate (every error, the
contract's pointers) → idempotency (replay → the first answer; same id, other content → 409) →
apply to the case (a message that does not fit the case is accepted with a deviation, never
rejected) → the event's FHIR resources → per-receiver decisions and outbox rows → the answer,
recorded in the ledger in the same transaction. The answer is sent after the commit, so an
acknowledged message is durably stored with its deliveries.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from discharge.case import Case
from discharge.events import DischargeEvent
from discharge.timeline import deadline_views
from gateway.errors import GatewayError, PayloadTooLarge
from gateway.fhir.media import read_body
from gateway.fhir.runtime import Runtime
from gateway.inbound.channels import MAX_BYTES, Channel, Deviation
from gateway.ledger import LedgerEntry, find, record
from gateway.process.pipeline import EventOutcome
from gateway.store import StoreTransaction

ANSWER_TYPE = "application/json; charset=utf-8"
_log = logging.getLogger("gateway.inbound")


def _answer(channel: Channel, answer: dict[str, object]) -> Response:
    return Response(channel.render(answer), status_code=channel.status(answer), media_type=ANSWER_TYPE)


def deviations_of(
    outcome: EventOutcome, event: DischargeEvent, *, before: Case | None, now: datetime
) -> list[Deviation]:
    found = []
    first = before is None or not before.history
    if first and event.type.value not in ("M-01", "E-01"):
        # Both contracts §2: unknown-case — the case's first message is not the admission notice, whether or
        # not the process could take it (M-21, M-22 and M-24 may open a case; the rest are refused).
        rule = outcome.rejected.rule if outcome.rejected is not None else None
        detail = str(outcome.rejected) if outcome.rejected is not None else "the case's first message is not M-01"
        found.append(Deviation("unknown-case", rule, detail))
    elif outcome.rejected is not None:
        found.append(Deviation("out-of-sequence", outcome.rejected.rule, str(outcome.rejected)))
    for deviation in outcome.deviations:
        found.append(Deviation("out-of-sequence", deviation.rule, deviation.detail))
    if outcome.rejected is None:
        for view in deadline_views(outcome.case, now=now):
            fulfilled_now = view.fulfilled_at is not None and view.fulfilled_at == event.occurred_at
            if fulfilled_now and view.status.value == "missed":
                found.append(Deviation("late", view.deadline.rule.value, view.deadline.description))
    return found


async def receive(request: Request, channel: Channel) -> Response:
    runtime: Runtime = request.app.state.runtime
    received_at = runtime.service.clock()
    declared = request.headers.get("content-length")
    length = int(declared) if declared and declared.isdigit() else 0
    errors = channel.transport_errors(request.headers.get("content-type"), length)
    if not errors:
        try:
            body = await read_body(request, max_bytes=MAX_BYTES)
        except PayloadTooLarge:
            errors = channel.transport_errors(request.headers.get("content-type"), MAX_BYTES + 1)
    if errors:
        return _answer(channel, channel.rejected(errors, message_id=None, received_at=received_at))
    inbound = channel.parse(body, received_at=received_at)
    if inbound.message is None or inbound.message_id is None:
        return _answer(
            channel, channel.rejected(inbound.errors, message_id=inbound.message_id, received_at=received_at)
        )
    try:
        return await _accept(runtime, channel, inbound.message, inbound.message_id, body, received_at)
    except GatewayError as exc:
        # The message was valid by its contract, but what the gateway made of it was not (a gateway fault):
        # nothing was stored (the transaction rolled back); §1: 5xx without an acknowledgement, resend later.
        _log.error("inbound processing failed", extra={"channel": channel.name, "error_type": type(exc).__name__,
                                                       "issues": [i.expression for i in exc.issues]})  # fmt: skip
        return Response(status_code=500)


async def _accept(
    runtime: Runtime, channel: Channel, message: object, message_id: str, body: bytes, received_at: datetime
) -> Response:
    fingerprint = channel.fingerprint(body)
    event = channel.to_event(message)
    service = runtime.service

    async def work(tx: StoreTransaction) -> tuple[Any, EventOutcome | None]:
        first = await find(tx, channel.name, message_id)
        if first is not None:
            if first.fingerprint == fingerprint:
                return channel.replay(orjson.loads(first.answer)), None
            return channel.conflict(message_id=message_id, received_at=received_at), None
        before = await runtime.pipeline.load(tx, event.case_id)
        outcome = await runtime.pipeline.apply_event(tx, event)
        decisions = await runtime.router.route(
            tx, event, outcome.case, source_format=channel.name, recipients=event.recipients, now=received_at
        )
        answer = channel.accepted(
            message, received_at=received_at, reference=str(uuid.uuid4()), decisions=decisions,
            deviations=deviations_of(outcome, event, before=before, now=received_at),
        )  # fmt: skip
        await record(tx, LedgerEntry(channel.name, message_id, fingerprint, channel.status(answer),
                                     channel.render(answer), received_at, event.case_id, body))  # fmt: skip
        return answer, outcome

    answer, outcome = await service.store.atomically(work)
    if outcome is None:  # a replay (the first answer) or the same id with other content (409)
        return _answer(channel, answer)
    await runtime.scheduler.armed(outcome.timers)
    if runtime.delivery is not None:
        runtime.delivery.wake()
    return _answer(channel, answer)
