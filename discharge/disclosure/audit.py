"""Rule 5 of §4.4: every disclosure decision is logged with the basis used and the rule that decided.

Role: ``audit_record`` flattens a ``Disclosure`` into plain JSON-able data for the gateway's audit log and the
disclosure half of K-20. Boundary: ids, codes and field names only — never a personal identity number, a
person's name or any message content, so the record is safe to keep longer than the messages.
"""

from __future__ import annotations

from discharge.admission_events import Relative
from discharge.disclosure.model import Disclosure, Recipient
from discharge.parties import Guardian

__all__ = ["audit_record"]


def audit_record(disclosure: Disclosure) -> dict[str, object]:
    return {
        "decision": disclosure.decision.value,
        "reason": disclosure.reason.value if disclosure.reason is not None else None,
        "rule": list(disclosure.rule),
        "category": disclosure.category.value,
        "basis": disclosure.basis.value,
        "sector": disclosure.sector.value,
        "purpose": disclosure.purpose.value,
        "redacted_fields": list(disclosure.redacted_fields),
        "message_type": disclosure.message_type.value,
        "message_id": disclosure.message_id,
        "case_id": disclosure.case_id,
        "sender": disclosure.sender,
        "recipient": _recipient(disclosure.recipient),
    }


def _recipient(recipient: Recipient) -> dict[str, str]:
    """A unit by its HSA-id; a person only by role, because their identity is personal data."""
    if isinstance(recipient, Guardian):
        return {"kind": "guardian"}
    if isinstance(recipient, Relative):
        return {"kind": "relative", "relation": recipient.relation.value}
    return {"kind": "unit", "hsa_id": recipient.hsa_id, "sector": recipient.sector.value}
