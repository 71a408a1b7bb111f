"""The acknowledgement object of §2, the HTTP status of each outcome (§1) and content equality (§3).

Role: pure builders that take the gateway's decisions — accepted with per-receiver delivery decisions and
deviations, a replay of an accepted id, or a rejection with errors — and return the JSON value to send;
``http_status`` maps an acknowledgement to its status code. ``content_fingerprint`` decides "same content"
for a repeated ``messageId``. Boundary: no storage, no clock (``received_at`` comes in).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from adapters.cosmic_link.errors import ContractError, ErrorCode
from adapters.cosmic_link.formats import format_timestamp
from adapters.cosmic_link.json_text import content_fingerprint
from adapters.cosmic_link.message import Message
from adapters.cosmic_link.vocabulary import HSA_ROOT

__all__ = [
    "ACK_VERSION",
    "Decision",
    "Delivery",
    "DeliveryReason",
    "Deviation",
    "DeviationCode",
    "accepted_ack",
    "content_fingerprint",
    "http_status",
    "id_conflict_error",
    "rejected_ack",
    "render_ack",
    "replay_ack",
]

ACK_VERSION = "1.0"


class Decision(StrEnum):
    """§2 ``deliveries[].decision``; final for the message."""

    DELIVER = "DELIVER"
    DELIVER_REDACTED = "DELIVER_REDACTED"  # consent-gated members removed (domain spec §4.4)
    REFUSE = "REFUSE"
    MANUAL_CONTACT = "MANUAL_CONTACT"  # no endpoint: a manual-contact task was opened


class DeliveryReason(StrEnum):
    LEGAL_BASIS_MISSING = "legal-basis-missing"
    CONSENT_WITHDRAWN = "consent-withdrawn"
    SIGNIFICANT_HARM = "significant-harm"
    NO_ENDPOINT = "no-endpoint"


_REASONS: dict[Decision, frozenset[DeliveryReason]] = {
    Decision.DELIVER: frozenset(),
    Decision.DELIVER_REDACTED: frozenset(),
    Decision.REFUSE: frozenset(
        {DeliveryReason.LEGAL_BASIS_MISSING, DeliveryReason.CONSENT_WITHDRAWN, DeliveryReason.SIGNIFICANT_HARM}
    ),
    Decision.MANUAL_CONTACT: frozenset({DeliveryReason.NO_ENDPOINT}),
}


class DeviationCode(StrEnum):
    UNKNOWN_CASE = "unknown-case"  # the episode's first message is not an AdmissionNotification
    OUT_OF_SEQUENCE = "out-of-sequence"  # the type does not fit the episode state
    LATE = "late"  # a deadline rule was missed; the message names it (e.g. R-16)


@dataclass(frozen=True, slots=True)
class Delivery:
    """The gateway's decision for one receiver (its HSA-id). A REFUSE or MANUAL_CONTACT names its reason."""

    receiver: str
    decision: Decision
    reason: DeliveryReason | None = None

    def __post_init__(self) -> None:
        allowed = _REASONS[self.decision]
        if (self.reason is None) != (not allowed) or (self.reason is not None and self.reason not in allowed):
            raise ValueError(f"{self.decision.value} does not take reason {self.reason}")

    def to_dict(self) -> dict[str, Any]:
        item: dict[str, Any] = {"receiver": {"root": HSA_ROOT, "extension": self.receiver}}
        item["decision"] = self.decision.value
        if self.reason is not None:
            item["reason"] = self.reason.value
        return item


@dataclass(frozen=True, slots=True)
class Deviation:
    """A process deviation (§2); never a reason to reject."""

    code: DeviationCode
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code.value, "message": self.message}


def accepted_ack(
    message: Message,
    *,
    received_at: datetime,
    gateway_reference: str,
    deliveries: Sequence[Delivery],
    deviations: Sequence[Deviation] = (),
) -> dict[str, Any]:
    """§2 for an accepted message: one delivery per ``header.receivers`` item, in the same order."""
    receivers = [party.id.extension for party in message.header.receivers]
    if [delivery.receiver for delivery in deliveries] != receivers:
        raise ValueError("deliveries must name every receiver once, in header.receivers order")
    return {
        "ackVersion": ACK_VERSION,
        "messageId": message.header.message_id,
        "result": "ACCEPTED",
        "replay": False,
        "receivedAt": format_timestamp(received_at),
        "gatewayReference": gateway_reference,
        "deliveries": [delivery.to_dict() for delivery in deliveries],
        "deviations": [deviation.to_dict() for deviation in deviations],
        "errors": [],
    }


def replay_ack(first: Mapping[str, Any]) -> dict[str, Any]:
    """§3: the first acknowledgement of an accepted id, repeated with ``replay: true`` (and its receipt time)."""
    if first.get("result") != "ACCEPTED":
        raise ValueError("only an accepted message has a replay")
    repeated = copy.deepcopy(dict(first))
    repeated["replay"] = True
    return repeated


def rejected_ack(*, message_id: str | None, received_at: datetime, errors: Sequence[ContractError]) -> dict[str, Any]:
    """§2 for a rejected message (no trace is kept, §3); ``message_id`` is null when unreadable."""
    if not errors:
        raise ValueError("a rejection has at least one error")
    return {
        "ackVersion": ACK_VERSION,
        "messageId": message_id,
        "result": "REJECTED",
        "replay": False,
        "receivedAt": format_timestamp(received_at),
        "errors": [error.to_dict() for error in errors],
    }


def id_conflict_error() -> ContractError:
    """§3: the id was accepted before with different content (409)."""
    return ContractError("/header/messageId", ErrorCode.ID_CONFLICT, "this messageId was accepted with other content")


# §1, most specific first: one rejection can only hold errors of one class in practice (step 1 stops).
_STATUS_BY_CODE: tuple[tuple[ErrorCode, int], ...] = (
    (ErrorCode.TOO_LARGE, 413),
    (ErrorCode.MEDIA_TYPE, 415),
    (ErrorCode.ENCODING, 400),
    (ErrorCode.JSON_SYNTAX, 400),
    (ErrorCode.SENDER_NOT_AUTHORISED, 403),
    (ErrorCode.ID_CONFLICT, 409),
)


def http_status(ack: Mapping[str, Any]) -> int:
    """§1: 200 for ACCEPTED (also a replay); for REJECTED 400/403/409/413/415 by error code, else 422."""
    if ack["result"] == "ACCEPTED":
        return 200
    errors = ack["errors"]
    codes = {error["code"] for error in errors}
    for code, status in _STATUS_BY_CODE:
        if code.value in codes:
            return status
    if any(error["code"] == ErrorCode.TYPE.value and error["pointer"] == "" for error in errors):
        return 400  # the top level is not an object
    return 422


def render_ack(ack: Mapping[str, Any]) -> bytes:
    """The acknowledgement as UTF-8 JSON. A pointer can name a member whose name held a lone surrogate
    (``\\ud800`` escapes are valid JSON); such a pointer is written with ``\\u`` escapes instead of failing."""
    try:
        return json.dumps(ack, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(ack, separators=(",", ":")).encode("ascii")
