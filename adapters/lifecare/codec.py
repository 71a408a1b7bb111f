"""The codec's public face: bytes ⇄ typed message ⇄ neutral event, and the ids of delivered messages (§5).

Role: ``parse`` validates (§7) and returns a typed message or every error; ``to_event`` / ``from_event`` map to
and from the neutral ``DischargeEvent``; ``render`` gives the exact bytes of an outbound delivery (canonical
JSON: UTF-8, members sorted, no insignificant white space, so a retry signs identical bytes). Boundary: pure —
``received_at`` and the delivered ``message_id`` are passed in; no clock, no I/O.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from adapters.lifecare.codes import Meddelandetyp
from adapters.lifecare.errors import RenderError
from adapters.lifecare.event_to_message import event_to_body, event_to_message
from adapters.lifecare.message import VERSION, Meddelande
from adapters.lifecare.message_to_event import message_to_event
from adapters.lifecare.structure import encode_object
from adapters.lifecare.unrepresented import unrepresented_fields
from adapters.lifecare.validation import ParseResult, Rejected, validate
from discharge.event_base import DischargeEvent

__all__ = [
    "FORMAT_NAME",
    "canonical_json",
    "delivered_message_id",
    "from_event",
    "meddelandetyp_for",
    "message_to_dict",
    "parse",
    "render",
    "render_message",
    "to_event",
    "unrepresented_fields",
]

FORMAT_NAME = "lifecare-sp-style"  # §5: the name of this format in delivered-message ids


def parse(body: bytes, *, received_at: datetime) -> ParseResult:
    """Validate ``body`` (§7.5); ``received_at`` is the gateway's receipt time (aware). Never raises on bad input."""
    if received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware")
    return validate(body, received_at=received_at)


def to_event(message: Meddelande) -> DischargeEvent:
    """The neutral event of a valid message (one per meddelandetyp)."""
    return message_to_event(message)


def message_to_dict(message: Meddelande) -> dict[str, Any]:
    """The wire form of a typed message, always ``version`` 1.0 (§5: delivered messages satisfy 1.0)."""
    return {"version": VERSION, "meddelandetyp": message.meddelandetyp.value, **encode_object(message)}


def from_event(event: DischargeEvent, *, message_id: str, admission_message_id: str | None = None) -> dict[str, Any]:
    """The message delivered for ``event``, with ``meddelandeId`` = ``message_id`` (``delivered_message_id``).

    Raises ``RenderError`` when the event cannot become a valid message. ``admission_message_id``: see
    ``event_to_message.event_to_message``.
    """
    return message_to_dict(event_to_message(event, message_id=message_id, admission_message_id=admission_message_id))


def render(event: DischargeEvent, *, message_id: str, admission_message_id: str | None = None) -> bytes:
    """The exact body bytes of the delivery of ``event`` (sign these, §5), parsed back as the receiver will:
    «Delivered messages always satisfy this contract» (§5), so ``RenderError`` names the rule a body would break
    (e.g. a member the region requires that the consent rules removed)."""
    body = canonical_json(from_event(event, message_id=message_id, admission_message_id=admission_message_id))
    checked = validate(body, received_at=event.sent_at)
    if isinstance(checked, Rejected):
        broken = ", ".join(f"{e.pointer} {e.code.value}" for e in checked.errors[:3])
        raise RenderError(f"the delivered message would violate the contract: {broken}")
    return body


def render_message(message: Meddelande) -> bytes:
    return canonical_json(message_to_dict(message))


def meddelandetyp_for(event: DischargeEvent, *, admission_message_id: str | None = None) -> Meddelandetyp:
    """The ``meddelandetyp`` ``event`` is delivered as (needed for its delivered id before rendering)."""
    return event_to_body(event, admission_message_id=admission_message_id).MEDDELANDETYP


def delivered_message_id(original_id: str, meddelandetyp: Meddelandetyp | str, *, same_format: bool) -> str:
    """§5: the same id when delivered in the format it arrived in (also when redacted); otherwise
    UUIDv5(namespace = the original message id, name = ``"lifecare-sp-style/<MEDDELANDETYP>"``), identical for
    every subscriber and retry.
    """
    if same_format:
        return original_id
    name = f"{FORMAT_NAME}/{Meddelandetyp(meddelandetyp).value}"
    return str(uuid.uuid5(uuid.UUID(original_id), name))


def canonical_json(value: Any) -> bytes:
    """Deterministic UTF-8 JSON: members sorted, compact. A lone surrogate (possible only in a pointer naming an
    unknown member) is written as its ``\\uXXXX`` escape, which keeps the bytes valid UTF-8 and valid JSON.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8", "backslashreplace")
