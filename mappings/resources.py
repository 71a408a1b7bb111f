"""``event_to_resources(event, case, *, now)``: the FHIR resources the gateway stores for an applied event.

``case`` is the case *after* the event was applied. The result is in dependency order and references only
resources in the same list, the case's EpisodeOfCare (written first by the gateway, ``case_to_episode``)
or — logically, by identifier — units (the directory's Organizations) and other messages' resources.
Every id is deterministic (case id, message id, HSA-id, sector), so a resent message rewrites the same
resources. Case-level resources (Patient, Encounter, CareTeam, the SIP CarePlan, Consent per sector,
recipient Tasks, Appointments) are derived from the case, so they always show its current state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from discharge.case import Case
from discharge.codes import Sector
from discharge.discharge_events import ConsentChanged, ReadyForDischargeRevoked
from discharge.event_base import DischargeEvent, MessageType
from mappings.appointment import case_appointment
from mappings.careplan import case_careplan
from mappings.careteam import case_careteam
from mappings.catalogue import SPECS
from mappings.consent import case_consent
from mappings.encounter import case_to_encounter
from mappings.patient import case_patient_resources
from mappings.spec import Links, Node, encounter_id
from mappings.task import notice_tasks, rfd_tasks

__all__ = ["event_to_resources", "stored_note"]

_M = MessageType
_Builder = Callable[[DischargeEvent, Case, Links, datetime], list[Node]]


def event_to_resources(event: DischargeEvent, case: Case, *, now: datetime) -> list[Node]:
    """Patient (+ guardians), the case's Encounter, then the event's own and affected resources."""
    patient = case_patient_resources(case, event)
    links = Links(
        case.case_id,
        patient={"reference": f"Patient/{patient[0]['id']}"} if patient else None,
        encounter={"reference": f"Encounter/{encounter_id(case.case_id)}"},
    )
    resources = [*patient, case_to_encounter(case, links)]
    resources += _BUILDERS.get(event.type, _own)(event, case, links, now)
    return resources


def _own(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the focus resource, as in the message."""
    return [SPECS[event.type].to_resource(event, links)]


def _nothing(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """Patient and Encounter only (the focus is one of them)."""
    return []


def _about(communication: Node, targets: list[Node]) -> Node:
    communication["about"] += [{"reference": f"{t['resourceType']}/{t['id']}"} for t in targets]
    return communication


def _admission_notice(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """one Task per recipient (status from the case) and inpatient care's Consent (D3, C-06)."""
    tasks = [t for t in notice_tasks(case, links, now=now) if t["identifier"][0]["value"].startswith(event.message_id)]
    consent = case_consent(case, Sector.INPATIENT, links)  # M-01 consent status (D3, C-06)
    return [*tasks, *([consent] if consent is not None else [])]


def _acknowledgement(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the sender's admission-notice Task (accepted, T3) and the Communication, ``about`` the Task."""
    tasks = notice_tasks(case, links, only=event.sender.hsa_id, now=now)
    return [*tasks, _about(_own(event, case, links, now)[0], tasks)]


def _careteam(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the case's CareTeam (its latest M-04)."""
    return [case_careteam(case, links) or _own(event, case, links, now)[0]]


def _invitation(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the Appointment, with the replies received so far."""
    return [case_appointment(case, event.message_id, links) or _own(event, case, links, now)[0]]


def _invitation_reply(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the invitation's Appointment (the unit's participant.status) and the Communication ``about`` it."""
    appointment = case_appointment(case, getattr(event, "acknowledged_message_id", ""), links)
    targets = [appointment] if appointment is not None else []
    return [*targets, _about(_own(event, case, links, now)[0], targets)]


def _ready(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the judgement Task and one Task per recipient (``partOf`` it), statuses from the case."""
    return rfd_tasks(case, event.message_id, links, now=now) or _own(event, case, links, now)


def _ready_acknowledged(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the M-12 judgement Task, the unit's Task (accepted) and the Communication ``about`` it."""
    tasks = rfd_tasks(case, getattr(event, "acknowledged_message_id", ""), links, only=event.sender.hsa_id, now=now)
    return [*tasks, _about(_own(event, case, links, now)[0], tasks[1:])]


def _revoked(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the revoked M-12's Tasks (cancelled) and the Communication; the Encounter loses the RFD extension."""
    assert isinstance(event, ReadyForDischargeRevoked)
    return [*rfd_tasks(case, event.revoked_message_id, links, now=now), *_own(event, case, links, now)]


def _sip(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the case's SIP CarePlan."""
    return [case_careplan(case, links) or _own(event, case, links, now)[0]]


def _sip_follow_up(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the SIP CarePlan (completed when closed) and the Communication ``about`` it."""
    plan = case_careplan(case, links)
    targets = [plan] if plan is not None else []
    return [*targets, _about(_own(event, case, links, now)[0], targets)]


def _closing(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the admission-notice Tasks (open ones cancelled, T12/T13); M-21 also its Communication."""
    own = _own(event, case, links, now) if event.type is _M.M21 else []  # M-22's focus is the EpisodeOfCare
    return [*notice_tasks(case, links, now=now), *own]


def _consent(event: DischargeEvent, case: Case, links: Links, now: datetime) -> list[Node]:
    """the sector's Consent."""
    assert isinstance(event, ConsentChanged)
    return [case_consent(case, event.sector, links) or _own(event, case, links, now)[0]]


_BUILDERS: dict[MessageType, _Builder] = {
    _M.E01: _nothing,
    _M.M01: _admission_notice,
    _M.M02: _acknowledgement,
    _M.M03: _acknowledgement,
    _M.M04: _careteam,
    _M.M09: _invitation,
    _M.M10: _invitation,
    _M.M11: _invitation,
    _M.M10_ACK: _invitation_reply,
    _M.M11_ACK: _invitation_reply,
    _M.M12: _ready,
    _M.M12_ACK: _ready_acknowledged,
    _M.M13: _revoked,
    _M.M18: _sip,
    _M.M19: _sip_follow_up,
    _M.M21: _closing,
    _M.M22: _closing,
    _M.M24: _consent,
    _M.M25: _nothing,
}


def stored_note(code: MessageType) -> str:
    """What ``event_to_resources`` stores for ``code`` besides Patient and Encounter (for the docs)."""
    builder = _BUILDERS.get(code, _own)
    return (builder.__doc__ or "").strip()
