"""One neutral event type ↔ its focus FHIR resource (``EventSpec``), and the references it may carry (``Links``).

An ``EventSpec`` is data: the event class, the focus resource type, a skeleton builder (id, fixed codes,
derived references — written but never read back) and the field table (``mappings.fields``) that carries
the event body both ways. Envelope fields (``ENVELOPE``) travel in the message itself (MessageHeader,
Bundle, EpisodeOfCare, Patient, Organization entries); see ``mappings.message``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Unit
from mappings.codes import (
    MESSAGE_IDENTIFIER,
    PROCESS_STEP,
    PROCESS_STEPS,
    episode_id,
    extension_url,
    message_key,
    resource_id,
)
from mappings.fields import Field, Reader, decode_kwargs, encode
from mappings.parties import unit_bundle_reference, unit_reference
from mappings.paths import Item

__all__ = [
    "ENVELOPE",
    "EventSpec",
    "Links",
    "Node",
    "communication",
    "encounter_id",
    "message_identifier",
    "message_reference",
    "per_message_id",
    "set_extension",
    "step_concept",
    "task",
]

Node = dict[str, Any]

# Fields of every event that the message envelope carries (not the focus resource).
ENVELOPE = frozenset(
    {"message_id", "case_id", "sender", "recipients", "sent_at", "region", "track", "care_type", "statute", "patient"}
)


@dataclass(frozen=True, slots=True)
class Links:
    """What a mapped resource may reference. Units whose HSA-id is in ``bundle_units`` are Organization
    entries of a message; the others are logical references by HSA-id (the directory owns Organizations)."""

    case_id: str
    patient: Node | None = None
    encounter: Node | None = None
    bundle_units: frozenset[str] = frozenset()

    @property
    def episode(self) -> Node:
        return {"reference": f"EpisodeOfCare/{episode_id(self.case_id)}"}

    def unit(self, unit: Unit) -> Node:
        return unit_bundle_reference(unit) if unit.hsa_id in self.bundle_units else unit_reference(unit)


@dataclass(frozen=True, slots=True)
class EventSpec:
    cls: type[DischargeEvent]
    resource_type: str
    skeleton: Callable[[Any, Links], Node]
    fields: tuple[Field, ...]
    header: tuple[Field, ...] = ()  # read from / written to the MessageHeader (acknowledgements)
    note: str = ""
    finish: Callable[[Node], None] | None = None  # defaults that depend on what the fields wrote

    @property
    def type(self) -> MessageType:
        return self.cls.TYPE

    def to_resource(self, event: DischargeEvent, links: Links) -> Node:
        resource = self.skeleton(event, links)
        encode(event, self.fields, resource, resource)
        if self.finish is not None:
            self.finish(resource)
        return resource

    def body(self, focus: Node, where: str, header: Node, header_where: str, reader: Reader) -> dict[str, Any] | None:
        """The event's own constructor arguments, read from the focus resource and the MessageHeader."""
        body = decode_kwargs(self.fields, focus, where, focus, reader)
        extra = decode_kwargs(self.header, header, header_where, header, reader) if self.header else {}
        if body is None or extra is None:
            return None
        return {**body, **extra}


def per_message_id(kind: str, event: DischargeEvent) -> str:
    """A resource that exists once per message (a resend maps to the same id)."""
    return resource_id(kind, event.case_id, message_key(event.message_id))


def encounter_id(case_id: str) -> str:
    """One inpatient Encounter per case (the stay the case is about)."""
    return resource_id("encounter", case_id)


def message_identifier(event: DischargeEvent) -> Node:
    return {"system": MESSAGE_IDENTIFIER, "value": event.message_id}


def message_reference(member: str, resource_type: str) -> Item:
    """A logical reference to the resource another message created (``about``, ``inResponseTo``)."""
    template = {"type": resource_type, "identifier": {"system": MESSAGE_IDENTIFIER}}
    return Item(member, template, label=f"type={resource_type}")


def step_concept(event_type: MessageType | str) -> Node:
    code = event_type.value if isinstance(event_type, MessageType) else event_type
    return {"coding": [{"system": PROCESS_STEP, "code": PROCESS_STEPS[code]}]}


def communication(event: DischargeEvent, links: Links) -> Node:
    """Skeleton of a Communication that records one message (category = its process step)."""
    node: Node = {
        "resourceType": "Communication",
        "id": per_message_id("communication", event),
        "identifier": [message_identifier(event)],  # message_id → Communication.identifier[message-id]
        "status": "completed",
        "category": [step_concept(event.type)],
    }
    if links.patient is not None:
        node["subject"] = links.patient
    if links.encounter is not None:
        node["encounter"] = links.encounter
    node["about"] = [links.episode]
    node["sent"] = event.sent_at.isoformat()
    if event.recipients:
        node["recipient"] = [links.unit(unit) for unit in event.recipients]
    node["sender"] = links.unit(event.sender)
    return node


def task(event: DischargeEvent, links: Links, *, status: str, owner: Unit | None = None) -> Node:
    """Skeleton of a Task created by one message (code = its process step, requester = the sender)."""
    node: Node = {
        "resourceType": "Task",
        "id": per_message_id("task", event),
        "identifier": [message_identifier(event)],
        "status": status,
        "intent": "order",
        "code": step_concept(event.type),
        "focus": links.encounter if links.encounter is not None else links.episode,
    }
    if links.patient is not None:
        node["for"] = links.patient
    node["authoredOn"] = event.sent_at.isoformat()
    node["requester"] = links.unit(event.sender)
    if owner is not None:
        node["owner"] = links.unit(owner)
    return node


def set_extension(node: Node, slug: str, key: str, value: Any) -> None:
    """Replace (or, with ``value`` None, remove) the gateway extension ``slug`` of ``node``."""
    url = extension_url(slug)
    others = [e for e in node.get("extension", []) if e.get("url") != url]
    if value is not None:
        others.append({"url": url, key: value})
    if others:
        node["extension"] = others
    else:
        node.pop("extension", None)
