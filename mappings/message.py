"""Neutral event ↔ FHIR message Bundle (R4 messaging): what ``$process-message`` reads and FHIR receivers get.

Shape (docs/mappings/README.md): ``Bundle.type = message``, ``Bundle.identifier`` = the event's message id,
``Bundle.timestamp`` = its send time; entry 0 the MessageHeader (``eventCoding`` = the type code in the
discharge-event CodeSystem, ``sender``/``destination[].receiver`` = the units' Organization entries, also
by HSA-id, ``destination[].endpoint`` = ``urn:oid:1.2.752.29.4.19|<HSA-id>``, ``focus`` = the event's
resource, ``response`` for acknowledgements); then the focus, resources derived from it, the
EpisodeOfCare (case context), the Patient and its guardians, the case's Encounter (context, when a case is
given) and one Organization per unit. ``message_to_event(event_to_message(e)) == e`` for every event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from discharge.case import Case
from discharge.errors import InvalidEventError
from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Patient, Unit
from mappings.catalogue import SPECS
from mappings.codes import (
    CANONICAL_BASE,
    DISCHARGE_EVENT,
    HSA_ID,
    MESSAGE_IDENTIFIER,
    PROCESS_STEPS,
    V3_OBSERVATION_VALUE,
    V3_ROLE_CODE,
    is_fhir_id,
    resource_id,
)
from mappings.encounter import case_to_encounter
from mappings.episode import ENVELOPE_FIELDS, case_to_episode, close_reason_extension, event_episode
from mappings.errors import Issue, MappingError
from mappings.fields import DATETIME, Bad, Reader, decode_kwargs, encode
from mappings.parties import organization_to_unit, person_identifier, unit_bundle_reference, unit_to_organization
from mappings.patient import bundle_patient, patient_id, patient_resources
from mappings.spec import EventSpec, Links, Node, encounter_id
from mappings.task import recipient_task

__all__ = ["event_to_message", "message_to_event"]

_RECIPIENT_TASKS = {MessageType.M01: "M-01", MessageType.M12: "M-12-ACK"}


def event_to_message(
    event: DischargeEvent, case: Case | None = None, *, message_id: str | None = None, redacted: bool = False
) -> dict[str, Any]:
    """The FHIR message for ``event``. ``message_id`` is this delivery's MessageHeader.id (default: the event's
    message id); ``case`` adds the case's Encounter as context; ``redacted`` labels the Bundle (§4.4)."""
    spec = SPECS[event.type]
    links = _links(event, case, spec)
    focus = spec.to_resource(event, links)
    resources = [focus, *_derived(event, links, focus)]
    if spec.resource_type != "EpisodeOfCare":
        resources.append(_episode(event, case, links))
    if spec.resource_type == "Patient":
        resources += patient_resources(event.patient, event.case_id)[1:]
    elif event.patient is not None:
        resources += patient_resources(event.patient, event.case_id)
    if case is not None and spec.resource_type != "Encounter":
        resources.append(case_to_encounter(case, links))
    resources += [unit_to_organization(unit) for unit in _units(event)]
    header = _header(event, spec, focus, message_id)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": resource_id("message-bundle", header["id"]),
        "identifier": {"system": MESSAGE_IDENTIFIER, "value": event.message_id},  # the neutral message id
        "type": "message",
        "timestamp": event.sent_at.isoformat(),  # sent_at (R4 MessageHeader has no time of its own)
        "entry": [{"fullUrl": _full_url(r), "resource": r} for r in (header, *resources)],
    }
    if redacted:
        bundle["meta"] = {"security": [{"system": V3_OBSERVATION_VALUE, "code": "REDACTED"}]}
    return bundle


def _links(event: DischargeEvent, case: Case | None, spec: EventSpec) -> Links:
    patient: Node | None = None
    if event.patient is not None or spec.resource_type == "Patient":
        patient = {"reference": f"Patient/{patient_id(event.patient, event.case_id)}"}
    elif case is not None and case.patient is not None:
        patient = {"identifier": person_identifier(case.patient.identifier)}  # logical: not in the message
    encounter = None
    if spec.resource_type == "Encounter" or case is not None:
        encounter = {"reference": f"Encounter/{encounter_id(event.case_id)}"}
    units = frozenset(unit.hsa_id for unit in _units(event))  # each has an Organization entry
    return Links(event.case_id, patient=patient, encounter=encounter, bundle_units=units)


def _episode(event: DischargeEvent, case: Case | None, links: Links) -> Node:
    """The event's case context; with the case, also its status (and close reason once closed)."""
    episode = event_episode(event, links, status=case_to_episode(case)["status"] if case is not None else "active")
    closed = close_reason_extension(case) if case is not None else None
    if closed is not None:
        episode.setdefault("extension", []).append(closed)  # context only: M-22 carries it as its focus
    return episode


def _derived(event: DischargeEvent, links: Links, focus: Node) -> list[Node]:
    """M-01 and M-12: one Task per recipient, to be accepted as its acknowledgement."""
    step = _RECIPIENT_TASKS.get(event.type)
    if step is None:
        return []
    part_of = focus["id"] if event.type is MessageType.M12 else None
    return [
        recipient_task(event, unit, links, status="requested", step=step, part_of=part_of) for unit in event.recipients
    ]


def _units(event: DischargeEvent) -> list[Unit]:
    units: dict[str, Unit] = {}
    for unit in (event.sender, *event.recipients):
        units.setdefault(unit.hsa_id, unit)
    return list(units.values())


def _address(unit: Unit) -> str:
    return f"{HSA_ID}|{unit.hsa_id}"  # the unit's logical address; the directory knows the real endpoint


def _header(event: DischargeEvent, spec: EventSpec, focus: Node, message_id: str | None) -> Node:
    own_id = message_id or event.message_id
    header: Node = {
        "resourceType": "MessageHeader",
        "id": own_id if is_fhir_id(own_id) else resource_id("message", own_id),
        "eventCoding": {
            "system": DISCHARGE_EVENT,
            "code": event.type.value,
            "display": PROCESS_STEPS[event.type.value],
        },
    }
    if event.recipients:
        header["destination"] = [
            {"name": u.name, "receiver": unit_bundle_reference(u), "endpoint": _address(u)} for u in event.recipients
        ]
    header["sender"] = unit_bundle_reference(event.sender)
    header["source"] = {"name": event.sender.name, "endpoint": _address(event.sender)}
    if spec.header:
        encode(event, spec.header, header, header)
        header["response"]["code"] = "ok"  # an acknowledgement (MedCom pattern)
    header["focus"] = [{"reference": f"{focus['resourceType']}/{focus['id']}"}]
    return header


def _full_url(resource: Node) -> str:
    return f"{CANONICAL_BASE}/{resource['resourceType']}/{resource['id']}"


# ---- reading -------------------------------------------------------------------------------------


class _Entries:
    """The Bundle's entries, resolvable by fullUrl or by ``Type/id``."""

    def __init__(self, entries: list[Any]) -> None:
        self.items: list[tuple[Node, str]] = []
        self._by_key: dict[str, tuple[Node, str]] = {}
        for index, entry in enumerate(entries):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if not isinstance(resource, dict):
                continue
            item = (resource, f"Bundle.entry[{index}].resource")
            self.items.append(item)
            if isinstance(entry.get("fullUrl"), str):
                self._by_key.setdefault(entry["fullUrl"], item)
            self._by_key.setdefault(f"{resource.get('resourceType')}/{resource.get('id')}", item)

    def resolve(self, reference: Any) -> tuple[Node, str] | None:
        target = reference.get("reference") if isinstance(reference, dict) else None
        if not isinstance(target, str):
            return None
        found = self._by_key.get(target)
        if found is None and "/" in target:  # an absolute RESTful URL: match on Type/id
            found = self._by_key.get("/".join(target.rsplit("/", 2)[-2:]))
        return found

    def of_type(self, resource_type: str) -> list[tuple[Node, str]]:
        return [item for item in self.items if item[0].get("resourceType") == resource_type]


_HEADER = "Bundle.entry[0].resource"


def message_to_event(bundle: Any) -> DischargeEvent:
    """The neutral event a FHIR message carries; ``MappingError`` names every problem by FHIRPath."""
    reader = Reader()
    entries = _entries(bundle, reader)
    header, spec = _header_and_spec(entries, reader)
    focus_refs = header.get("focus")
    focus = entries.resolve(focus_refs[0] if isinstance(focus_refs, list) and focus_refs else None)
    if focus is None or focus[0].get("resourceType") != spec.resource_type:
        message = f"{spec.type.value} needs a {spec.resource_type} focus in the Bundle"
        raise MappingError([*reader.issues, Issue("error", "required", f"{_HEADER}.focus[0]", message)])
    envelope = _envelope(bundle, entries, header, spec, focus, reader)
    body = spec.body(focus[0], focus[1], header, _HEADER, reader)
    reader.check()
    if envelope is None or body is None:  # pragma: no cover - the reader holds the reason
        raise MappingError([Issue("error", "invalid", "Bundle", "unmappable message")])
    try:
        return spec.cls(**envelope, **body)
    except (InvalidEventError, TypeError, ValueError) as exc:
        raise MappingError([Issue("error", "invalid", focus[1], f"{spec.type.value}: {exc}")]) from exc


def _entries(bundle: Any, reader: Reader) -> _Entries:
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise MappingError([Issue("error", "structure", "Bundle", "a FHIR message is a Bundle")])
    if bundle.get("type") != "message":
        reader.error("Bundle.type", "a FHIR message is a Bundle of type message", "value")
    raw = bundle.get("entry")
    if not isinstance(raw, list) or not raw:
        raise MappingError([*reader.issues, Issue("error", "required", "Bundle.entry", "the message has no entries")])
    return _Entries(raw)


def _header_and_spec(entries: _Entries, reader: Reader) -> tuple[Node, EventSpec]:
    first = entries.items[0][0] if entries.items and entries.items[0][1] == _HEADER else None
    if first is None or first.get("resourceType") != "MessageHeader":
        issue = Issue("error", "required", _HEADER, "the first entry must be the MessageHeader")
        raise MappingError([*reader.issues, issue])
    coding = first.get("eventCoding")
    code = coding.get("code") if isinstance(coding, dict) and coding.get("system") == DISCHARGE_EVENT else None
    types = {t.value: t for t in MessageType}
    if code not in types:
        issue = Issue(
            "error", "code-invalid", f"{_HEADER}.eventCoding", f"eventCoding must be a code of {DISCHARGE_EVENT}"
        )
        raise MappingError([*reader.issues, issue])
    return first, SPECS[types[code]]


def _envelope(
    bundle: Node, entries: _Entries, header: Node, spec: EventSpec, focus: tuple[Node, str], reader: Reader
) -> dict[str, Any] | None:
    """message id, send time, units, patient and case context."""
    message_id = _message_id(bundle, header, reader)
    sent_at = _sent_at(bundle, reader)
    sender = _unit(entries, header.get("sender"), f"{_HEADER}.sender", reader)
    destinations = header.get("destination")
    recipients = [
        _unit(
            entries, d.get("receiver") if isinstance(d, dict) else None, f"{_HEADER}.destination[{i}].receiver", reader
        )
        for i, d in enumerate(destinations if isinstance(destinations, list) else [])
    ]
    episode = focus if spec.resource_type == "EpisodeOfCare" else next(iter(entries.of_type("EpisodeOfCare")), None)
    if episode is None:
        reader.error("Bundle.entry", "the case (an EpisodeOfCare entry) is required", "required")
        return None
    context = decode_kwargs(ENVELOPE_FIELDS, episode[0], episode[1], episode[0], reader)
    patient = _patient(entries, episode[0].get("patient"), reader)
    if context is None or sender is None or None in recipients or sent_at is None or message_id is None:
        return None
    units = {"sender": sender, "recipients": tuple(recipients)}
    return {"message_id": message_id, "sent_at": sent_at, **units, "patient": patient, **context}


def _message_id(bundle: Node, header: Node, reader: Reader) -> str | None:
    identifier = bundle.get("identifier")
    ours = isinstance(identifier, dict) and identifier.get("system") == MESSAGE_IDENTIFIER
    value = identifier.get("value") if ours and isinstance(identifier, dict) else header.get("id")
    if not isinstance(value, str):
        reader.error(f"{_HEADER}.id", "the message needs an id", "required")
        return None
    return value


def _sent_at(bundle: Node, reader: Reader) -> datetime | None:
    raw = bundle.get("timestamp")
    if raw is None:
        reader.error("Bundle.timestamp", "the send time is required", "required")
        return None
    try:
        value: datetime = DATETIME.decode(raw, bundle)
    except Bad as exc:
        reader.error("Bundle.timestamp", str(exc), "value")
        return None
    return value


def _unit(entries: _Entries, reference: Any, where: str, reader: Reader) -> Unit | None:
    found = entries.resolve(reference)
    if found is None or found[0].get("resourceType") != "Organization":
        reader.error(where, "must reference an Organization entry of the Bundle", "required")
        return None
    return organization_to_unit(found[0], found[1], reader)


def _patient(entries: _Entries, reference: Any, reader: Reader) -> Patient | None:
    found = entries.resolve(reference)
    if found is None or found[0].get("resourceType") != "Patient":
        return None
    own = {f"Patient/{found[0].get('id')}"}
    related = [
        (node, where)
        for node, where in entries.of_type("RelatedPerson")
        if node.get("patient", {}).get("reference") in own and _is_guardian(node)
    ]
    return bundle_patient(found[0], found[1], related, reader)


def _is_guardian(node: Node) -> bool:
    return any(
        c.get("system") == V3_ROLE_CODE and c.get("code") == "GUARD"
        for concept in node.get("relationship", [])
        for c in concept.get("coding", [])
    )
