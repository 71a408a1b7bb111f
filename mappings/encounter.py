"""The inpatient stay → Encounter: the focus of E-01 and M-01, and the case's current Encounter.

One Encounter per case (id from the case id). E-01 and M-01 messages carry it as their focus, built from
the event; the gateway stores ``case_to_encounter``: the latest M-01 (or E-01) snapshot with the case's
current facts laid over it — status (in-progress, onleave, finished), end of the stay, the estimated
discharge date (M-06, M-13), the active ready-for-discharge notice (M-12), compulsory-care status and
discharge disposition (M-17, M-21). Glossary: inskrivning → Encounter.period.start; beräknat
utskrivningsdatum → Encounter extension; utskrivningsklar → Encounter extension; utskrivning → period.end.
"""

from __future__ import annotations

from typing import Any

from discharge.admission_events import AdmissionNotice, NeedIdentified
from discharge.case import Case
from discharge.codes import CloseReason, ConsentStatus, Destination, Need
from discharge.discharge_events import DischargeInformation
from discharge.event_base import DischargeEvent, MessageType
from discharge.submachines import CompulsoryStatus, LeaveStatus
from mappings.codes import DISCHARGE_DISPOSITION, V3_ACT_CODE, V3_PARTICIPATION_TYPE, code_of, system_of
from mappings.fields import BOOLEAN, DATE, DATETIME, STRING, Many, bind, coding, field
from mappings.parties import CLINICIAN, MUNICIPALITY
from mappings.paths import Item, path, put
from mappings.spec import EventSpec, Links, Node, encounter_id, set_extension

__all__ = ["ADMISSION_NOTICE", "NEED_IDENTIFIED", "case_to_encounter"]

_ATTENDER = Item(
    "participant",
    {"type": [{"coding": [{"system": V3_PARTICIPATION_TYPE, "code": "ATND"}]}]},
    label="type=ATND",
)


def _encounter(event: DischargeEvent, links: Links) -> Node:
    node: Node = {
        "resourceType": "Encounter",
        "id": encounter_id(event.case_id),
        "status": "in-progress",
        "class": {"system": V3_ACT_CODE, "code": "IMP", "display": "inpatient encounter"},  # slutenvård
    }
    if links.patient is not None:
        node["subject"] = links.patient
    node["episodeOfCare"] = [links.episode]
    node["serviceProvider"] = links.unit(event.sender)  # the ward
    return node


# E-01 NeedIdentified → Encounter (T1, R-01)
NEED_IDENTIFIED = EventSpec(
    NeedIdentified,
    "Encounter",
    _encounter,
    bind(
        NeedIdentified,
        field("admitted_at", "period.start", DATETIME, "ward admission; STO excludes the ED (R-01)"),
        field("need_identified_at", "extension[need-identified-at].valueDateTime", DATETIME, "T1 tNeed"),
        field("needs", "extension[need]", Many(coding(Need), path("valueCoding"))),
    ),
)

# M-01 AdmissionNotice → Encounter (R-01, R-02, C-01, D5, D6)
ADMISSION_NOTICE = EventSpec(
    AdmissionNotice,
    "Encounter",
    _encounter,
    bind(
        AdmissionNotice,
        field("admitted_at", "period.start", DATETIME, "inskrivning"),
        field("estimated_discharge_date", "extension[estimated-discharge-date].valueDate", DATE, "R-02"),
        field("consent", "extension[consent-status].valueCoding", coding(ConsentStatus), "D3 status only"),
        field("needs", "extension[need]", Many(coding(Need), path("valueCoding"))),
        field("need_identified_at", "extension[need-identified-at].valueDateTime", DATETIME, "R-01 clock"),
        field("consent_documented_at", "extension[consent-documented-at].valueDateTime", DATETIME),
        field("responsible_physician", path(_ATTENDER, "individual"), CLINICIAN, "D5 ansvarig läkare"),
        field("contact_reason", "reasonCode[0].text", STRING, "D6 kontaktorsak (CH-07)"),
        field("life_threatening", "extension[life-threatening].valueBoolean", BOOLEAN, "A10"),
        field("children_in_household", "extension[children-in-household].valueBoolean", BOOLEAN, "CH-10"),
        field(
            "training_needed_before_discharge",
            "extension[training-needed-before-discharge].valueBoolean",
            BOOLEAN,
            "R-30",
        ),
        field("placing_municipality", "extension[placing-municipality].valueCoding", MUNICIPALITY, "P-GEN-05"),
        field("placing_municipality_name", "extension[placing-municipality].valueCoding.display", STRING),
    ),
)


def _opening(case: Case) -> AdmissionNotice | NeedIdentified | None:
    opened = [e.event for e in case.history if e.event.type in (MessageType.M01, MessageType.E01)]
    notices = [e for e in opened if isinstance(e, AdmissionNotice)]
    latest = notices[-1] if notices else (opened[-1] if opened else None)
    assert latest is None or isinstance(latest, AdmissionNotice | NeedIdentified)
    return latest


def case_to_encounter(case: Case, links: Links) -> Node:
    """The case's Encounter as the gateway stores it: the opening snapshot plus the case's current facts."""
    opening = _opening(case)
    if isinstance(opening, AdmissionNotice):
        node = ADMISSION_NOTICE.to_resource(opening, links)
    elif isinstance(opening, NeedIdentified):
        node = NEED_IDENTIFIED.to_resource(opening, links)
    else:
        node = {
            "resourceType": "Encounter",
            "id": encounter_id(case.case_id),
            "status": "unknown",
            "class": {"system": V3_ACT_CODE, "code": "IMP", "display": "inpatient encounter"},
            "episodeOfCare": [links.episode],
        }
        if links.patient is not None:
            node["subject"] = links.patient
    _overlay(node, case)
    return node


def _overlay(node: Node, case: Case) -> None:
    ended = case.discharged_at or case.deceased_at
    if ended is not None:
        node["status"] = "finished"  # T10 / T12
        node.setdefault("period", {})["end"] = ended.isoformat()
    elif case.leave.status is LeaveStatus.ON_LEAVE:
        node["status"] = "onleave"  # M-08 (glossary: permission → Encounter.status = onleave)
    if case.admitted_at is not None:
        node.setdefault("period", {})["start"] = case.admitted_at.isoformat()
    set_extension(node, "estimated-discharge-date", "valueDate", _iso(case.estimated_discharge_date))  # M-06, M-13
    active = case.rfd.active
    rfd = None
    if active is not None:  # M-12: the active notice (its time starts day counting, R-09)
        rfd = [
            {"url": "notified-at", "valueDateTime": active.sent_at.isoformat()},
            {"url": "assessed-at", "valueDateTime": active.assessed_at.isoformat()},
        ]
    set_extension(node, "ready-for-discharge", "extension", rfd)
    status = case.compulsory.status
    legal = (
        None
        if status is CompulsoryStatus.VOLUNTARY
        else {"system": system_of(CompulsoryStatus), "code": code_of(status)}
    )
    set_extension(node, "legal-status", "valueCoding", legal)
    set_extension(node, "planned-discharge-at", "valueDateTime", _iso(case.planned_discharge_at))
    _set_disposition(node, case)


def _set_disposition(node: Node, case: Case) -> None:
    if case.deceased_at is not None or case.close_reason is CloseReason.DECEASED:
        disposition = {"coding": [{"system": DISCHARGE_DISPOSITION, "code": "exp", "display": "Expired"}]}
    else:
        discharges = [e.event for e in case.history if isinstance(e.event, DischargeInformation)]
        if not discharges:
            return
        destination: Destination = discharges[-1].destination
        disposition = {"coding": [{"system": system_of(Destination), "code": code_of(destination)}]}
    put(node, path("hospitalization.dischargeDisposition"), disposition)  # M-17 destination


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())
