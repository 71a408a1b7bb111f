"""Render a neutral event in a receiver's format, with the delivered message id each contract
prescribes (§5 of both): the same id in the format it arrived in, else a UUIDv5 of the original id.

References to other messages (acknowledged, revoked, in-response-to) are rewritten to the id the
receiver knows (``known_ids``).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields, replace
from typing import Any

import orjson

from adapters.cosmic_link import codec as cosmic
from adapters.cosmic_link.errors import UnrenderableEventError
from adapters.lifecare import codec as lifecare
from adapters.lifecare.errors import RenderError
from discharge.case import Case
from discharge.disclosure import Recipient, case_as_disclosed
from discharge.events import DischargeEvent
from gateway.delivery.signing import CONTENT_TYPES
from mappings.message import event_to_message

REFERENCE_FIELDS = ("acknowledged_message_id", "revoked_message_id", "in_response_to")
FHIR_NAMESPACE = "fhir-message"

KnownId = Callable[[str, str], Awaitable[str]]  # (receiver format, referenced id as sent) → id the receiver knows


class Unrenderable(Exception):
    """The event has no valid rendering in the receiver's format (its contract cannot carry it)."""


@dataclass(frozen=True, slots=True)
class Rendered:
    message_id: str
    content_type: str
    body: bytes


def with_case_context(event: DischargeEvent, case: Case) -> DischargeEvent:
    """Fill the case context a message of another format does not repeat (Cosmic §5: ``episode`` members
    a Lifecare SP–style message does not carry are filled from the case): track, care type, statute, patient."""
    latest_statute = next((h.event.statute for h in reversed(case.history) if h.event.statute is not None), None)
    changes: dict[str, Any] = {}
    if event.track is None and case.track is not None:
        changes["track"] = case.track
    if event.care_type is None and case.care_type is not None:
        changes["care_type"] = case.care_type
    if event.statute is None and latest_statute is not None:
        changes["statute"] = latest_statute
    if event.patient is None and case.patient is not None:
        changes["patient"] = case.patient
    return replace(event, **changes) if changes else event


async def with_known_references(event: DischargeEvent, fmt: str, known_id: KnownId) -> DischargeEvent:
    changes: dict[str, Any] = {}
    for field in fields(event):
        if field.name in REFERENCE_FIELDS:
            value = getattr(event, field.name)
            if isinstance(value, str) and value:
                changes[field.name] = await known_id(fmt, value)
    return replace(event, **changes) if changes else event


def render(
    event: DischargeEvent,
    case: Case,
    fmt: str,
    *,
    source_format: str,
    admission_message_id: str | None,
    recipient: Recipient,
    redacted: bool = False,
) -> list[Rendered]:
    """The bodies to deliver (Cosmic may need two for one event, e.g. an acknowledgement with interventions).
    Only a FHIR message carries case context; it is drawn from the case as ``recipient`` may see it (§4.4)."""
    try:
        if fmt == "lifecare":
            kind = lifecare.meddelandetyp_for(event, admission_message_id=admission_message_id)
            message_id = lifecare.delivered_message_id(event.message_id, kind, same_format=source_format == fmt)
            body = lifecare.render(event, message_id=message_id, admission_message_id=admission_message_id)
            return [Rendered(message_id, CONTENT_TYPES[fmt], body)]
        if fmt == "cosmic-link":
            return [
                Rendered(r.message_id, CONTENT_TYPES[fmt], r.body)
                for r in cosmic.render_all(event, same_format=source_format == fmt)
            ]
        if fmt == "fhir":
            view = case_as_disclosed(case, recipient)
            return [render_fhir(event, view, source_format=source_format, redacted=redacted)]
    except (RenderError, UnrenderableEventError) as exc:
        raise Unrenderable(str(exc)) from exc
    raise Unrenderable(f"unknown payload format {fmt!r}")


def render_fhir(event: DischargeEvent, case: Case, *, source_format: str, redacted: bool = False) -> Rendered:
    """``case`` is the receiver's view of it (``case_as_disclosed``): the message's case context comes from it."""
    message_id = (
        event.message_id if source_format == "fhir" else str(uuid.uuid5(uuid.UUID(event.message_id), FHIR_NAMESPACE))
    )
    bundle = event_to_message(event, case, message_id=message_id, redacted=redacted)
    return Rendered(message_id, CONTENT_TYPES["fhir"], orjson.dumps(bundle))
