"""Operator operations on the outbox: ``GET /fhir/$outbox`` (metadata, never bodies) and
``POST /fhir/$resend`` (a dead letter back in line)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from gateway.delivery.dead_letters import resend
from gateway.delivery.outbox import as_json, get, rows
from gateway.errors import BadRequest, Conflict, NotFound
from gateway.fhir.media import check_content_type, parse_json, read_body
from gateway.fhir.outcome import information
from gateway.fhir.responses import fhir_response
from gateway.fhir.runtime import Runtime
from gateway.fhir.runtime import runtime_of as _rt
from gateway.process.cases import load_case

router = APIRouter(prefix="/fhir")
_STATES = ("pending", "delivered", "dead", "cancelled")


def _parameter(name: str, **value: Any) -> dict[str, Any]:
    return {"name": name, **value}


@router.get("/$outbox")
async def outbox(request: Request) -> Response:
    state = request.query_params.get("state")
    if state is not None and state not in _STATES:
        raise BadRequest(f"state must be one of {', '.join(_STATES)}", expression="state")
    source = request.query_params.get("message")
    async with _rt(request).service.store.reader() as conn:
        found = await rows(conn, state=state, source_message_id=source)
    deliveries = [
        _parameter("delivery", part=[_parameter(k, valueString=str(v)) for k, v in as_json(r).items() if v is not None])
        for r in found
    ]
    return fhir_response({"resourceType": "Parameters", "parameter": deliveries})


async def _still_permitted(rt: Runtime, delivery_id: str) -> None:
    """§4.4 rule 2: nothing goes out on an old decision — a resend is judged again against the case as it is now."""
    async with rt.service.store.reader() as conn:
        row = await get(conn, delivery_id)
        case = await load_case(conn, row.message.case_id) if row is not None and row.message.case_id else None
    if row is not None and case is not None and not await rt.router.still_permitted(case, row):
        raise Conflict(
            f"delivery {delivery_id} may no longer be sent as it stands (consent changed since, §4.4)",
            expression="Parameters.parameter",
        )


@router.post("/$resend")
async def resend_dead_letter(request: Request) -> Response:
    """Body: Parameters with ``delivery`` (valueString: the delivery id shown by ``$outbox``)."""
    rt = _rt(request)
    check_content_type(request)
    body = parse_json(
        await read_body(request, max_bytes=rt.settings.max_body_bytes), max_depth=rt.settings.max_json_depth
    )
    params = body.get("parameter", []) if isinstance(body, dict) and body.get("resourceType") == "Parameters" else []
    delivery = next((p.get("valueString") for p in params if p.get("name") == "delivery"), None)
    if not isinstance(delivery, str) or not delivery:
        raise BadRequest("Parameters.parameter 'delivery' (valueString) is required", expression="Parameters.parameter")
    await _still_permitted(rt, delivery)
    if not await resend(rt.service, delivery, now=rt.service.clock()):
        raise NotFound(f"no dead letter {delivery}", expression="Parameters.parameter")
    if rt.delivery is not None:
        rt.delivery.wake()
    return fhir_response(information(f"delivery {delivery} queued again"))
