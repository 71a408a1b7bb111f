"""Obligations → Task: ready for discharge (M-12), referral (M-15), nurse request (M-16), follow-up (M-20),
and the per-recipient Tasks of M-01 and M-12 whose ``status = accepted`` is the recipient's acknowledgement.

Glossary: inskrivningsmeddelande → Task(code = admission-notice, focus = Encounter, for = Patient), one per
concerned unit (``owner``), ``requested → received → accepted``; utskrivningsklar → Task(code =
ready-for-discharge), revocation = ``cancelled``; remiss → Task (the gateway has no ServiceRequest);
uppföljande kontakt → a completed Task. Recipient Tasks are derived from the case, never read back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from discharge.case import Case
from discharge.codes import Service
from discharge.discharge_events import (
    CareLevel,
    OptApplication,
    OutpatientNurseRequest,
    ReadyCriteria,
    ReadyForDischarge,
    Referral,
    ReferralStatus,
    TrainingOffer,
)
from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Unit
from discharge.sip_events import ContactedParty, FollowUpContact, FollowUpOutcome
from discharge.submachines import NoticeTaskStatus
from mappings.codes import RECIPIENT_TASK_IDENTIFIER, REFERRAL_IDENTIFIER, message_key, resource_id
from mappings.fields import BOOLEAN, DATE, DATETIME, STRING, Bad, Codec, Nested, bind, code, coding, concept, field
from mappings.parties import CLINICIAN
from mappings.spec import EventSpec, Links, Node, per_message_id, step_concept, task

__all__ = [
    "FOLLOW_UP_CONTACT",
    "OUTPATIENT_NURSE_REQUEST",
    "READY_FOR_DISCHARGE",
    "REFERRAL",
    "notice_tasks",
    "recipient_task",
    "recipient_task_id",
    "rfd_tasks",
]

_CRITERIA = bind(
    ReadyCriteria,
    field("guardians_informed_in_writing", "sub[guardians-informed-in-writing].valueBoolean", BOOLEAN),
    field("care_contact_assigned", "sub[care-contact-assigned].valueBoolean", BOOLEAN),
    field("essential_information_transferred", "sub[essential-information-transferred].valueBoolean", BOOLEAN),
    field("aids_available", "sub[aids-available].valueBoolean", BOOLEAN),
)
_OPT = bind(
    OptApplication,
    field("applied", "sub[applied].valueBoolean", BOOLEAN),
    field("court_decision_date", "sub[court-decision-date].valueDate", DATE),
)


def _rfd_task(event: ReadyForDischarge, links: Links) -> Node:
    node = task(event, links, status="completed", owner=event.sender)  # the judgement is made
    node["id"] = rfd_task_id(event.case_id, event.message_id)
    return node


# M-12 ReadyForDischarge → Task(code = ready-for-discharge) (R-09, T8, AMB-10)
READY_FOR_DISCHARGE = EventSpec(
    ReadyForDischarge,
    "Task",
    _rfd_task,
    bind(
        ReadyForDischarge,
        field("assessed_at", "executionPeriod.end", DATETIME, "the physician's judgement (BLE counts from it)"),
        field("assessed_by", "extension[assessed-by].valueReference", CLINICIAN),
        field("planned_discharge_at", "extension[planned-discharge-at].valueDateTime", DATETIME),
        field("action_request_attached", "extension[action-request-attached].valueBoolean", BOOLEAN, "M-16"),
        field("open_referrals_closed", "extension[open-referrals-closed].valueBoolean", BOOLEAN, "R-29"),
        field("criteria", "extension[ready-criteria]", Nested(ReadyCriteria, _CRITERIA), "VAR (AMB-10)"),
        field("opt_application", "extension[opt-application]", Nested(OptApplication, _OPT), "R-20"),
        field("training", "extension[training-offer].valueCoding", coding(TrainingOffer), "R-30"),
    ),
    note="Sent time (Bundle.timestamp) starts day counting (R-09); one recipient Task per unit is derived.",
)

_REFERRAL_STATUS = {
    ReferralStatus.OPEN: "requested",
    ReferralStatus.CLOSED: "completed",
    ReferralStatus.CANCELLED: "cancelled",
}


def _priority(raw: Any, _: Node) -> bool:
    if raw not in ("urgent", "routine"):
        raise Bad("priority must be urgent or routine")
    return bool(raw == "urgent")


_URGENT = Codec("code", lambda v, _: "urgent" if v else "routine", _priority)


def _referral_task(event: Referral, links: Links) -> Node:
    node = task(event, links, status="requested", owner=event.recipients[0] if event.recipients else None)
    node["id"] = resource_id("referral", event.case_id, event.referral_id)  # a later M-15 updates it (R-29)
    node["identifier"] = []
    return node


# M-15 Referral → Task(code = referral) (ServiceRequest is not a gateway resource type)
REFERRAL = EventSpec(
    Referral,
    "Task",
    _referral_task,
    bind(
        Referral,
        field("referral_id", f"identifier[system={REFERRAL_IDENTIFIER}].value", STRING),
        field("target_service", "performerType[0]", concept(Service)),
        field("care_level", "extension[care-level].valueCoding", coding(CareLevel), "R-29: inpatient referrals"),
        field("status", "status", code(ReferralStatus, _REFERRAL_STATUS)),
        field("question", "description", STRING),
        field("urgent", "priority", _URGENT),
    ),
)


def _nurse_task(event: OutpatientNurseRequest, links: Links) -> Node:
    return task(event, links, status="requested", owner=event.recipients[0] if event.recipients else None)


# M-16 OutpatientNurseRequest → Task(code = outpatient-nurse-request) (STO); forwarding = Task.owner change
OUTPATIENT_NURSE_REQUEST = EventSpec(
    OutpatientNurseRequest,
    "Task",
    _nurse_task,
    bind(
        OutpatientNurseRequest,
        field("question", "description", STRING, "tydlig frågeställning"),
        field("requested_actions", "input[type=task-parameter#requested-actions].valueString", STRING),
        field("time_frame_start", "restriction.period.start", DATE, "angiven tidsram"),
        field("time_frame_end", "restriction.period.end", DATE),
    ),
)


def _follow_up_task(event: FollowUpContact, links: Links) -> Node:
    return task(event, links, status="completed", owner=event.sender)


# M-20 FollowUpContact → completed Task(code = follow-up-contact) (VAR, R-16)
FOLLOW_UP_CONTACT = EventSpec(
    FollowUpContact,
    "Task",
    _follow_up_task,
    bind(
        FollowUpContact,
        field("contacted_at", "executionPeriod.start", DATETIME, "R-16 fulfilment"),
        field(
            "contacted_party",
            "input[type=task-parameter#contacted-party].valueCodeableConcept",
            concept(ContactedParty),
        ),
        field("outcome", "output[type=task-parameter#outcome].valueCodeableConcept", concept(FollowUpOutcome)),
        field("note", "note[0].text", STRING),
    ),
)


def rfd_task_id(case_id: str, message_id: str) -> str:
    return resource_id("rfd-task", case_id, message_key(message_id))


def recipient_task_id(case_id: str, message_id: str, hsa_id: str) -> str:
    return resource_id("recipient-task", case_id, message_key(message_id), hsa_id)


def recipient_task(
    notice: DischargeEvent, recipient: Unit, links: Links, *, status: str, step: str, part_of: str | None = None
) -> Node:
    """The recipient's Task for ``notice``: ``owner`` = recipient; ``accepted`` = acknowledged."""
    node: Node = {
        "resourceType": "Task",
        "id": recipient_task_id(notice.case_id, notice.message_id, recipient.hsa_id),
        "identifier": [{"system": RECIPIENT_TASK_IDENTIFIER, "value": f"{notice.message_id}/{recipient.hsa_id}"}],
    }
    if part_of is not None:
        node["partOf"] = [{"reference": f"Task/{part_of}"}]
    node |= {
        "status": status,
        "intent": "order",
        "code": step_concept(step),
        "focus": links.encounter if links.encounter is not None else links.episode,
    }
    if links.patient is not None:
        node["for"] = links.patient
    node["authoredOn"] = notice.sent_at.isoformat()
    node["requester"] = links.unit(notice.sender)
    node["owner"] = links.unit(recipient)
    return node


def notice_tasks(case: Case, links: Links, *, only: str | None = None, now: datetime) -> list[Node]:
    """The case's admission-notice Tasks (one per recipient of each M-01), status from the case."""
    notices = {message_key(e.event.message_id): e.event for e in case.history if e.event.type is MessageType.M01}
    tasks = []
    for state in case.notice_tasks:
        notice = notices.get(message_key(state.message_id))
        if notice is None or (only is not None and state.recipient.hsa_id != only):
            continue
        node = recipient_task(notice, state.recipient, links, status=state.status.value, step="M-01")
        if state.status is not NoticeTaskStatus.REQUESTED:
            node["lastModified"] = now.isoformat()
        tasks.append(node)
    return tasks


def rfd_tasks(case: Case, message_id: str, links: Links, *, only: str | None = None, now: datetime) -> list[Node]:
    """M-12's judgement Task and its recipients' acknowledgement Tasks, as the case now has them."""
    notice = next(
        (
            e.event
            for e in case.history
            if isinstance(e.event, ReadyForDischarge) and _same(e.event.message_id, message_id)
        ),
        None,
    )
    episode = next((ep for ep in case.rfd.episodes if _same(ep.message_id, message_id)), None)
    if notice is None or episode is None:
        return []
    judgement = READY_FOR_DISCHARGE.to_resource(notice, links)
    if not episode.is_active:
        judgement["status"] = "cancelled"  # M-13 (glossary: revocation = Task.status cancelled)
        judgement["lastModified"] = now.isoformat()
    tasks = [judgement]  # always: the recipient Tasks reference it (partOf)
    for recipient in notice.recipients:
        if only is not None and recipient.hsa_id != only:
            continue
        status = "accepted" if episode.acknowledged_by(recipient.hsa_id) else "requested"
        status = status if episode.is_active else "cancelled"
        node = recipient_task(notice, recipient, links, status=status, step="M-12-ACK", part_of=judgement["id"])
        if status != "requested":
            node["lastModified"] = now.isoformat()
        tasks.append(node)
    return tasks


def _same(a: str, b: str) -> bool:
    return message_key(a) == message_key(b)


def referral_task_id(case_id: str, referral_id: str) -> str:
    return resource_id("referral", case_id, referral_id)


def nurse_task_id(event: DischargeEvent) -> str:
    return per_message_id("task", event)
