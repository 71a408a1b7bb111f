"""The response message of ``$process-message`` (R4 messaging): a message Bundle whose
MessageHeader.response names the request message and carries ok | transient-error | fatal-error,
with an OperationOutcome as details on error (and the per-receiver decisions on success)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mappings.codes import CANONICAL_BASE, resource_id

GATEWAY_SOURCE = f"{CANONICAL_BASE}/gateway"


def response_message(
    request_header: dict[str, Any], *, code: str, outcome: dict[str, Any], now: datetime, base: str
) -> dict[str, Any]:
    request_id = str(request_header.get("id", ""))
    header_id = resource_id("message-response", request_id, code)
    outcome_id = resource_id("message-response-outcome", request_id, code)
    header: dict[str, Any] = {
        "resourceType": "MessageHeader",
        "id": header_id,
        "eventCoding": request_header.get("eventCoding", {"system": f"{CANONICAL_BASE}/CodeSystem/discharge-event"}),
        "source": {"name": "discharge-gateway", "endpoint": base},
        "response": {"identifier": request_id, "code": code, "details": {"reference": f"urn:uuid:{outcome_id}"}},
    }
    source = request_header.get("source", {})
    if isinstance(source, dict) and source.get("endpoint"):
        header["destination"] = [{"endpoint": source["endpoint"], "name": source.get("name", "sender")}]
    return {
        "resourceType": "Bundle",
        "id": resource_id("message-response-bundle", request_id, code),
        "type": "message",
        "timestamp": now.isoformat(),
        "entry": [
            {"fullUrl": f"urn:uuid:{header_id}", "resource": header},
            {"fullUrl": f"urn:uuid:{outcome_id}", "resource": {**outcome, "id": outcome_id}},
        ],
    }
