"""The manual-contact Task: opened when a unit cannot be reached electronically — it has no endpoint
in the directory, or a delivery to it was dead-lettered (contracts §2 MANUELL_KONTAKT and §5)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mappings.codes import CASE_IDENTIFIER, HSA_ID, PROCESS_STEP, TASK_BUSINESS_STATUS, resource_id

MANUAL_CONTACT = "manual-contact"


def manual_contact_task(
    *,
    case_id: str,
    receiver_hsa_id: str,
    message_id: str,
    reason: str,
    detail: str,
    now: datetime,
    episode_stored: bool = True,
) -> dict[str, Any]:
    """``reason``: ``no-endpoint`` or ``delivery-failed``; one Task per message, receiver and reason.

    The contracts promise the Task whenever they answer MANUELL_KONTAKT / MANUAL_CONTACT, also for a message
    that made no case (a first message the process refused): then ``focus`` names the case by its
    identifier (a logical reference) instead of pointing at an EpisodeOfCare that does not exist."""
    focus: dict[str, Any] = (
        {"reference": f"EpisodeOfCare/{case_id}"}
        if episode_stored
        else {"type": "EpisodeOfCare", "identifier": {"system": CASE_IDENTIFIER, "value": case_id}}
    )
    return {
        "resourceType": "Task",
        "id": resource_id("manual-contact", case_id, receiver_hsa_id, message_id, reason),
        "status": "requested",
        "businessStatus": {"coding": [{"system": TASK_BUSINESS_STATUS, "code": reason}]},
        "intent": "order",
        "priority": "urgent",
        "code": {"coding": [{"system": PROCESS_STEP, "code": MANUAL_CONTACT}]},
        "description": detail,
        "focus": focus,
        "authoredOn": now.isoformat(),
        "owner": {"identifier": {"system": HSA_ID, "value": receiver_hsa_id}},
        "input": [
            {"type": {"text": "message-id"}, "valueString": message_id},
        ],
    }
