"""The case → EpisodeOfCare (glossary: ärende → EpisodeOfCare; id = the case id), and M-22.

``case_to_episode`` is what the gateway writes first for every event (so it references only logical
targets: the patient and units by identifier). In a message the EpisodeOfCare entry carries the event's
case context — case id, region, track, care type, statute (``ENVELOPE_FIELDS``) — and is the focus of
M-22 (glossary: avsluta processen → EpisodeOfCare.status = finished + close reason extension).
"""

from __future__ import annotations

from typing import Any

from discharge.case import Case, State
from discharge.codes import CareStatute, CareType, CloseReason
from discharge.discharge_events import ProcessClosed
from discharge.event_base import DischargeEvent, StayStatute
from discharge.regions import Region, Track
from mappings.codes import (
    CASE_IDENTIFIER,
    CASE_STATE,
    HSA_ID,
    KOMMUNKOD,
    code_of,
    episode_id,
    extension_url,
    system_of,
)
from mappings.fields import DATE, DATETIME, STRING, Nested, bind, coding, concept, encode, field
from mappings.parties import person_identifier, unit_reference
from mappings.spec import EventSpec, Links, Node

__all__ = ["ENVELOPE_FIELDS", "PROCESS_CLOSED", "case_to_episode", "close_reason_extension", "event_episode"]

# case state → EpisodeOfCare.status (R4 episode-of-care-status)
_STATUS = {
    State.NO_CASE: "planned",
    State.NOTICE_DUE: "active",
    State.NOTIFIED: "active",
    State.PLANNING: "active",
    State.READY: "active",
    State.DISCHARGED: "active",
    State.CLOSED: "finished",
}

_STATUTE = bind(
    StayStatute,
    field("statute", "sub[statute].valueCoding", coding(CareStatute)),
    field("admission_decision_date", "sub[admission-decision-date].valueDate", DATE, "R-17 / R-18"),
)

# The event's case context (both contracts repeat it on every message) → the message's EpisodeOfCare
ENVELOPE_FIELDS = bind(
    DischargeEvent,
    field("case_id", f"identifier[system={CASE_IDENTIFIER}].value", STRING, "LC arendeId / CL episodeId"),
    field("region", "extension[region].valueCoding", coding(Region), "§0.3 region profile"),
    field("track", "type[@track]", concept(Track), "processtillhörighet (D8)"),
    field("care_type", "extension[care-type].valueCoding", coding(CareType)),
    field("statute", "extension[care-statute]", Nested(StayStatute, _STATUTE), "LPT / ÖPT (R-17…R-20)"),
)


def case_to_episode(case: Case) -> dict[str, Any]:
    episode: dict[str, Any] = {
        "resourceType": "EpisodeOfCare",
        "id": episode_id(case.case_id),
        "identifier": [{"system": CASE_IDENTIFIER, "value": case.case_id}],  # LC arende.arendeId / CL episodeId
        "status": _STATUS[case.state],
        "type": [{"coding": [{"system": CASE_STATE, "code": case.state.value, "display": case.state.name}]}],
    }
    if case.track is not None:  # processtillhörighet → EpisodeOfCare.type (glossary)
        episode["type"].append({"coding": [{"system": system_of(Track), "code": code_of(case.track)}]})
    extensions = _case_extensions(case)
    if extensions:
        episode["extension"] = extensions
    if case.patient is not None:
        episode["patient"] = {"identifier": person_identifier(case.patient.identifier)}
    else:
        episode["patient"] = {"display": "unknown patient"}
    opening = next((h.event for h in case.history if h.event.type.value == "M-01"), None)
    if opening is not None:
        episode["managingOrganization"] = unit_reference(opening.sender)  # the ward that opened the case
    start = case.admitted_at or case.need_identified_at
    end = case.closed_at
    if start is not None or end is not None:
        episode["period"] = {k: v.isoformat() for k, v in (("start", start), ("end", end)) if v is not None}
    contact = case.fvk.contact
    if contact is not None:  # fast vårdkontakt → EpisodeOfCare.careManager (glossary), logical
        manager: dict[str, Any] = {"display": contact.name}
        if contact.hsa_id is not None:
            manager["identifier"] = {"system": HSA_ID, "value": contact.hsa_id}
        episode["careManager"] = manager
    return episode


def _case_extensions(case: Case) -> list[dict[str, Any]]:
    extensions: list[dict[str, Any]] = []
    if case.region is not None:
        extensions.append({"url": extension_url("region"), "valueCoding": _coding(case.region)})
    if case.care_type is not None:
        extensions.append({"url": extension_url("care-type"), "valueCoding": _coding(case.care_type)})
    if case.placing_municipality is not None:  # P-GEN-05 (glossary gw:payerMunicipality)
        coded = {"system": KOMMUNKOD, "code": case.placing_municipality}
        extensions.append({"url": extension_url("placing-municipality"), "valueCoding": coded})
    closed = close_reason_extension(case)
    return [*extensions, closed] if closed is not None else extensions


def close_reason_extension(case: Case) -> dict[str, Any] | None:
    """M-22 / M-21: the case's closeReason (and its stated text) as extension[close-reason]."""
    if case.close_reason is None:
        return None
    reason: dict[str, Any] = {"coding": [_coding(case.close_reason)]}
    text = next((e.event.reason_text for e in case.history if isinstance(e.event, ProcessClosed)), None)
    if text:
        reason["text"] = text
    return {"url": extension_url("close-reason"), "valueCodeableConcept": reason}


def _coding(member: Region | CareType | CloseReason) -> dict[str, str]:
    return {"system": system_of(type(member)), "code": code_of(member)}


def event_episode(event: DischargeEvent, links: Links, *, status: str = "active") -> Node:
    """The message's EpisodeOfCare entry: the case as the event states it."""
    node: Node = {
        "resourceType": "EpisodeOfCare",
        "id": episode_id(event.case_id),
        "identifier": [],
        "status": status,
        "patient": links.patient if links.patient is not None else {"display": "unknown patient"},
    }
    encode(event, ENVELOPE_FIELDS, node, node)
    return node


def _closed(event: ProcessClosed, links: Links) -> Node:
    return event_episode(event, links, status="finished")


# M-22 ProcessClosed → EpisodeOfCare(status = finished) (T13: the reason is required)
PROCESS_CLOSED = EventSpec(
    ProcessClosed,
    "EpisodeOfCare",
    _closed,
    bind(
        ProcessClosed,
        field("closed_at", "period.end", DATETIME),
        field("reason", "extension[close-reason].valueCodeableConcept", concept(CloseReason), "§2.2 closeReason"),
        field("reason_text", "extension[close-reason].valueCodeableConcept.text", STRING, "«ange orsak»"),
    ),
    note="The focus is the message's EpisodeOfCare entry itself.",
)
