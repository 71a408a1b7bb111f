"""The Cosmic Link–style codec: bytes ⇄ typed message ⇄ neutral discharge event (the package's entry points).

Role: ``parse`` applies §1 (size), §7.1 (JSON text) and §7.5 (validation order) and returns the typed
message or the errors with the ``messageId`` the acknowledgement repeats; ``to_event`` maps a message to
its one neutral event; ``from_event``/``render`` build the outbound webhook body (§5) and ``render``
re-validates its own output, so a delivered message always satisfies version 1.0. ``rendered_message_id``
is §5's id rule for messages rendered from the Lifecare SP–style format. Boundary: pure — the receipt time
comes in as ``received_at``; no clock, no I/O.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from adapters.cosmic_link.errors import ContractError, UnrenderableEventError
from adapters.cosmic_link.formats import check_simple_format
from adapters.cosmic_link.inbound import message_to_event
from adapters.cosmic_link.json_text import decode
from adapters.cosmic_link.message import Message
from adapters.cosmic_link.outbound import event_to_messages
from adapters.cosmic_link.transport import size_error
from adapters.cosmic_link.validation import validate
from adapters.cosmic_link.vocabulary import MessageTypeName
from adapters.cosmic_link.wire import message_to_dict
from discharge.event_base import DischargeEvent

__all__ = [
    "ID_NAME_PREFIX",
    "ParseResult",
    "RenderedMessage",
    "event_to_message",
    "from_event",
    "message_to_bytes",
    "parse",
    "render",
    "render_all",
    "rendered_message_id",
    "to_event",
]

ID_NAME_PREFIX = "cosmic-link-style/"  # §5: UUIDv5 name = "cosmic-link-style/<messageType>"


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The outcome of ``parse``: a valid ``message`` and no errors, or no message and ≥ 1 error.

    ``message_id`` is ``header.messageId`` whenever it is a readable UUID, also for a rejected body (the
    acknowledgement's ``messageId``); ``None`` when unreadable.
    """

    received_at: datetime
    message: Message | None
    errors: tuple[ContractError, ...]
    message_id: str | None

    @property
    def valid(self) -> bool:
        return self.message is not None


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    """One outbound webhook body with the ``X-Message-Id`` it is sent under (§5)."""

    message_id: str
    message_type: MessageTypeName
    body: bytes


def parse(body: bytes, *, received_at: datetime) -> ParseResult:
    """Bytes → typed message or contract errors; never raises on any ``body``.

    ``received_at`` is the gateway's receipt time (§8 ``createdAt`` may be at most 5 min later); it must be
    timezone-aware (``ValueError`` otherwise — a programming error, not a contract error).
    """
    if received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware")
    too_large = size_error(len(body))
    if too_large is not None:
        return ParseResult(received_at, None, (too_large,), None)
    value = decode(body)
    if isinstance(value, ContractError):
        return ParseResult(received_at, None, (value,), None)
    result = validate(value, received_at=received_at)
    message_id = _readable_message_id(value)
    if isinstance(result, Message):
        return ParseResult(received_at, result, (), message_id)
    return ParseResult(received_at, None, tuple(result), message_id)


def _readable_message_id(value: Any) -> str | None:
    header = value.get("header") if isinstance(value, dict) else None
    message_id = header.get("messageId") if isinstance(header, dict) else None
    if isinstance(message_id, str) and check_simple_format("uuid", message_id):
        return message_id
    return None


def to_event(message: Message) -> DischargeEvent:
    """The neutral event of a valid message (one per message; see ``inbound``)."""
    return message_to_event(message)


def rendered_message_id(original_message_id: str, message_type: MessageTypeName | str) -> str:
    """§5: UUIDv5(namespace = the original message id, name = ``"cosmic-link-style/<messageType>"``).

    The same for every subscriber and retry. ``ValueError`` if the original id is not a UUID.
    """
    namespace = uuid.UUID(original_message_id)
    return str(uuid.uuid5(namespace, ID_NAME_PREFIX + MessageTypeName(message_type).value))


def event_to_message(event: DischargeEvent, *, message_id: str) -> Message:
    """The primary typed message of ``event`` under ``message_id``."""
    return event_to_messages(event, message_id_for=lambda _type: message_id)[0]


def from_event(event: DischargeEvent, *, message_id: str) -> dict[str, Any]:
    """The primary outbound message of ``event`` as a JSON value (not re-validated; ``render`` is)."""
    return message_to_dict(event_to_message(event, message_id=message_id))


def message_to_bytes(message: Message) -> bytes:
    """UTF-8 JSON of a typed message, compact, members in contract order."""
    text = json.dumps(message_to_dict(message), ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate from another format's text
        raise UnrenderableEventError("text is not valid Unicode") from exc


def _checked_bytes(message: Message) -> bytes:
    """The body, after parsing it back as the receiver will (delivered messages always satisfy 1.0, §5)."""
    body = message_to_bytes(message)
    result = parse(body, received_at=message.header.created_at)
    if result.errors:
        raise UnrenderableEventError(f"{message.header.message_type.value} would violate the contract", result.errors)
    return body


def render(event: DischargeEvent, *, message_id: str) -> bytes:
    """The primary outbound webhook body of ``event`` (§5), validated; ``UnrenderableEventError`` if impossible."""
    return _checked_bytes(event_to_message(event, message_id=message_id))


def render_all(event: DischargeEvent, *, same_format: bool) -> tuple[RenderedMessage, ...]:
    """Every outbound body of ``event`` with its §5 id: ``same_format`` (the event came from a
    Cosmic Link–style message) keeps ``event.message_id``; otherwise each gets ``rendered_message_id``."""

    def message_id_for(message_type: MessageTypeName) -> str:
        return event.message_id if same_format else rendered_message_id(event.message_id, message_type)

    return tuple(
        RenderedMessage(message.header.message_id, message.header.message_type, _checked_bytes(message))
        for message in event_to_messages(event, message_id_for=message_id_for)
    )
