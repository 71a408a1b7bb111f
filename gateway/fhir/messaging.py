"""``POST /fhir/$process-message``: a FHIR message Bundle through the same pipeline as the
contract adapters (message → neutral event → case → resources → routing → outbox).

Answers (R4 messaging): HTTP 400 with an OperationOutcome when the body is not a message Bundle
with a MessageHeader first; otherwise a response message — ``ok``, ``fatal-error`` (the content
cannot be processed: unmappable, invalid resources, or a transition the process forbids, named by
its rule) or ``transient-error`` (HTTP 503: try again). The first answer to a MessageHeader id is
recorded; the same id again returns it with no second effect.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from typing import Any

import orjson
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from discharge.case import new_case
from gateway.errors import BadRequest, GatewayError
from gateway.fhir.media import check_accept, check_content_type, parse_json, read_body
from gateway.fhir.outcome import operation_outcome
from gateway.fhir.responses import CONTENT_TYPE, base_url
from gateway.fhir.runtime import Runtime
from gateway.ledger import LedgerEntry, find, record
from gateway.process.recipients import resolve_recipients
from gateway.store import StoreTransaction
from mappings.errors import MappingError
from mappings.message import message_to_event
from mappings.message_response import response_message
from profiles.issues import Issue

router = APIRouter(prefix="/fhir")
CHANNEL = "fhir"
_log = logging.getLogger("gateway.messaging")


def _header(bundle: Any) -> dict[str, Any]:
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle" or bundle.get("type") != "message":
        raise BadRequest("$process-message takes a Bundle of type message", expression="Bundle.type")
    entries = bundle.get("entry") or []
    first = entries[0].get("resource") if entries and isinstance(entries[0], dict) else None
    if not isinstance(first, dict) or first.get("resourceType") != "MessageHeader":
        raise BadRequest("the first entry must be the MessageHeader", expression="Bundle.entry[0].resource")
    if not isinstance(first.get("id"), str) or not first["id"]:
        raise BadRequest("MessageHeader.id is required (it identifies the message)", expression="MessageHeader.id")
    return first


def _answer(bundle: dict[str, Any], status: int = 200) -> Response:
    return Response(orjson.dumps(bundle), status_code=status, media_type=CONTENT_TYPE)


@router.post("/$process-message")
async def process_message(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    check_accept(request)
    check_content_type(request)
    body = await read_body(request, max_bytes=runtime.settings.max_body_bytes)
    bundle = parse_json(body, max_depth=runtime.settings.max_json_depth)
    header = _header(bundle)
    base = base_url(request, runtime.settings.base_url)
    now = runtime.service.clock()
    # What the message says: its entries. A resend may carry a new Bundle.id/timestamp/meta and is the same message.
    fingerprint = hashlib.sha256(orjson.dumps(bundle.get("entry"), option=orjson.OPT_SORT_KEYS)).hexdigest()

    def respond(code: str, issues: list[Issue]) -> dict[str, Any]:
        return response_message(header, code=code, outcome=operation_outcome(issues), now=now, base=base)

    async def work(tx: StoreTransaction) -> tuple[dict[str, Any], int | None, Any]:
        """(answer, HTTP status when answered from the ledger, timers); nothing is written for a repeat."""
        first = await find(tx, CHANNEL, header["id"])
        if first is not None and first.fingerprint != fingerprint:
            issue = Issue("error", "duplicate", "Bundle.entry[0].resource.id",
                          "this MessageHeader.id was already used for a message with other content")  # fmt: skip
            return respond("fatal-error", [issue]), 409, ()
        if first is not None:
            return orjson.loads(first.answer), 200, ()  # the first answer; no second effect
        answer, case_id, timers = await _process(runtime, tx, bundle, respond)
        await record(tx, LedgerEntry(CHANNEL, header["id"], fingerprint, 200, orjson.dumps(answer), now,
                                     case_id, body))  # fmt: skip
        return answer, None, timers

    try:
        answer, repeated, timers = await runtime.service.store.atomically(work)
        if repeated is not None:
            return _answer(answer, repeated)
    except GatewayError as exc:  # the store or a validation of our own output failed: nothing was kept
        _log.error("message processing failed", extra={"error_type": type(exc).__name__})
        return _answer(respond("transient-error", list(exc.issues)), 503)
    await runtime.scheduler.armed(timers)
    if runtime.delivery is not None:
        runtime.delivery.wake()
    return _answer(answer)


async def _process(runtime: Runtime, tx: Any, bundle: dict[str, Any], respond: Any) -> tuple[Any, str | None, Any]:
    try:
        event = message_to_event(bundle)
    except MappingError as exc:
        return respond("fatal-error", list(exc.issues)), None, ()
    before = await runtime.pipeline.load(tx, event.case_id) or new_case(event.case_id)
    recipients = await resolve_recipients(event, before, runtime.directory)
    if not event.recipients and recipients:
        event = replace(event, recipients=tuple(recipients))  # no destination: the directory decides
    outcome = await runtime.pipeline.apply_event(tx, event)
    if outcome.rejected is not None:
        rule = outcome.rejected.rule or outcome.rejected.transition
        issue = Issue("error", "business-rule", rule or "", str(outcome.rejected))
        return respond("fatal-error", [issue]), event.case_id, ()
    decisions = await runtime.router.route(
        tx, event, outcome.case, source_format=CHANNEL, recipients=recipients, now=runtime.service.clock()
    )
    issues = [
        Issue("information", "informational", "",  # a unit, not an element: named in the text
              f"{d.hsa_id}: {d.decision}" + (f" ({d.reason})" if d.reason else ""))
        for d in decisions
    ]  # fmt: skip
    if outcome.duplicate:
        issues.append(Issue("information", "duplicate", "", "the case had already applied this message"))
    return respond("ok", issues), event.case_id, outcome.timers
