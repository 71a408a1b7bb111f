"""Cosmic Link–style contract codec (shared/contracts/cosmic-link-style.md, version 1.0) <-> neutral events.

Pure: bytes in, typed messages and ``discharge`` events out, and back; no I/O, no clock (the gateway passes
``received_at``). Never imports ``adapters.lifecare``: the two adapters meet only in the neutral event model.

Entry points: ``codec`` (``parse``, ``to_event``, ``from_event``, ``render``, ``render_all``,
``rendered_message_id``), ``ack`` (acknowledgement object, HTTP status, ``content_fingerprint``),
``transport`` (size, media type, sender authorisation), ``schema`` (JSON Schema 2020-12),
``unrepresented_fields`` (event fields this contract cannot carry). Module map: ``vocabulary``/
``municipalities`` (code lists), ``envelope`` / ``admission_bodies`` / ``discharge_bodies`` / ``message``
(typed message), ``fields``/``specs`` (member definitions), ``structure``/``formats`` (member checks),
``envelope_rules``/``body_rules`` (multi-member rules), ``validation`` (order of §7.5), ``inbound*`` /
``outbound*`` (event mapping), ``wire`` (encoding).
"""

from adapters.cosmic_link.ack import (
    Decision,
    Delivery,
    DeliveryReason,
    Deviation,
    DeviationCode,
    accepted_ack,
    content_fingerprint,
    http_status,
    id_conflict_error,
    rejected_ack,
    render_ack,
    replay_ack,
)
from adapters.cosmic_link.codec import (
    ParseResult,
    RenderedMessage,
    event_to_message,
    from_event,
    message_to_bytes,
    parse,
    render,
    render_all,
    rendered_message_id,
    to_event,
)
from adapters.cosmic_link.errors import ContractError, CosmicLinkError, ErrorCode, UnrenderableEventError
from adapters.cosmic_link.message import Message
from adapters.cosmic_link.outbound import unrepresented_fields
from adapters.cosmic_link.schema import message_schema
from adapters.cosmic_link.transport import (
    MAX_BODY_BYTES,
    media_type_error,
    sender_authorisation_error,
    sender_organisation_number,
)

__all__ = [
    "MAX_BODY_BYTES",
    "ContractError",
    "CosmicLinkError",
    "Decision",
    "Delivery",
    "DeliveryReason",
    "Deviation",
    "DeviationCode",
    "ErrorCode",
    "Message",
    "ParseResult",
    "RenderedMessage",
    "UnrenderableEventError",
    "accepted_ack",
    "content_fingerprint",
    "event_to_message",
    "from_event",
    "http_status",
    "id_conflict_error",
    "media_type_error",
    "message_schema",
    "message_to_bytes",
    "parse",
    "rejected_ack",
    "render",
    "render_ack",
    "render_all",
    "rendered_message_id",
    "replay_ack",
    "sender_authorisation_error",
    "sender_organisation_number",
    "to_event",
    "unrepresented_fields",
]
