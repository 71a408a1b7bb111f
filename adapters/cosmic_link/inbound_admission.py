"""Admission and planning bodies of §9 → neutral events (M-01…M-08, the LPT plan, acknowledgements).

Role: one function per message type mapping every body member to an event field and citing both, plus the
small converters the other body module shares; ``inbound`` adds the envelope as ``base``. Boundary: the body
is already valid.
"""

from __future__ import annotations

from typing import Any

from adapters.cosmic_link.admission_bodies import (
    AcknowledgementBody,
    AdmissionNotificationBody,
    CareContactAssignedBody,
    DischargePlanningBody,
    EstimatedDischargeDateChangedBody,
    LeavePlanningBody,
    LptCoordinatedPlanBody,
    Measure,
    StatusBeforeAdmissionBody,
    StatusBeforeDischargeBody,
)
from adapters.cosmic_link.envelope import Attachment, Clinician
from adapters.cosmic_link.neutral_codes import to_neutral, track_of
from adapters.cosmic_link.vocabulary import (
    AcknowledgedType,
    RegionProfile,
)
from discharge import admission_events as adm
from discharge import codes
from discharge import discharge_events as dis
from discharge import events as ev
from discharge import parties as neutral
from discharge import sip_events as sip
from discharge.event_base import DischargeEvent

__all__ = [
    "acknowledgement_event",
    "admission_event",
    "attachments_to_neutral",
    "care_contact_event",
    "clinician_to_neutral",
    "estimate_changed_event",
    "leave_event",
    "lpt_plan_event",
    "measures_to_neutral",
    "optional_clinician",
    "planning_event",
    "status_before_admission_event",
    "status_before_discharge_event",
]

Base = dict[str, Any]


def optional_clinician(clinician: Clinician | None) -> neutral.Clinician | None:
    return None if clinician is None else clinician_to_neutral(clinician)


def clinician_to_neutral(clinician: Clinician) -> neutral.Clinician:
    return neutral.Clinician(
        name=clinician.name,
        hsa_id=None if clinician.id is None else clinician.id.extension,  # CL Clinician.id → Clinician.hsa_id
        phone=clinician.work_phone,  # CL Clinician.workPhone → Clinician.phone
    )


def measures_to_neutral(measures: tuple[Measure, ...]) -> tuple[ev.Measure, ...]:
    return tuple(
        ev.Measure(responsible=to_neutral(m.responsible, codes.Responsible), description=m.description)
        for m in measures
    )


def attachments_to_neutral(attachments: tuple[Attachment, ...]) -> tuple[neutral.Attachment, ...]:
    return tuple(
        neutral.Attachment(file_name=a.file_name, content_type=a.content_type.value, data=a.data) for a in attachments
    )


def admission_event(body: AdmissionNotificationBody, base: Base) -> DischargeEvent:
    """M-01."""
    placing = body.placing_municipality
    return adm.AdmissionNotice(
        **base,
        admitted_at=body.admitted_at,  # CL admittedAt → AdmissionNotice.admitted_at
        need_identified_at=body.need_identified_at,  # CL needIdentifiedAt → AdmissionNotice.need_identified_at
        estimated_discharge_date=body.estimated_discharge_date,  # CL estimatedDischargeDate → estimated_discharge_date
        consent=codes.ConsentStatus(body.consent_status.value),  # CL consentStatus → AdmissionNotice.consent
        contact_reason=body.admission_reason,  # CL admissionReason → AdmissionNotice.contact_reason (D6)
        responsible_physician=optional_clinician(body.responsible_physician),  # CL responsiblePhysician (D5)
        needs=frozenset(to_neutral(need, codes.Need) for need in body.services_needed),  # CL servicesNeeded → needs
        life_threatening=body.life_threatening_condition,  # CL lifeThreateningCondition → life_threatening
        training_needed_before_discharge=body.training_needed_before_discharge,
        # CL placingMunicipality.code → AdmissionNotice.placing_municipality
        placing_municipality=None if placing is None else placing.code,
        # CL placingMunicipality.displayName → AdmissionNotice.placing_municipality_name
        placing_municipality_name=None if placing is None else placing.display_name,
    )


def acknowledgement_event(body: AcknowledgementBody, base: Base) -> DischargeEvent:
    """M-02, M-10/M-11 replies, M-12 acknowledgement: the event class follows ``acknowledgedType``."""
    common: Base = {
        "acknowledged_message_id": body.acknowledged_message_id,  # CL acknowledgedMessageId
        "acknowledged_at": body.acknowledged_at,  # CL acknowledgedAt → acknowledged_at
    }
    kind = body.acknowledged_type
    if kind is AcknowledgedType.ADMISSION_NOTIFICATION:  # response is always RECEIVED (§9 rule)
        return adm.AdmissionNoticeAcknowledged(**base, **common, comment=body.comment)
    if kind is AcknowledgedType.DISCHARGE_READY_NOTIFICATION:  # response is always RECEIVED (§9 rule)
        # CL comment → ReadyForDischargeAcknowledged.comment
        return dis.ReadyForDischargeAcknowledged(**base, **common, comment=body.comment)
    response = sip.InvitationResponse(body.response.value)  # CL response → response
    if kind is AcknowledgedType.SIP_INVITATION:
        return sip.SipInvitationAcknowledged(**base, **common, response=response, comment=body.comment)
    return sip.CollaborationMeetingAcknowledged(**base, **common, response=response, comment=body.comment)


def status_before_admission_event(body: StatusBeforeAdmissionBody, base: Base) -> DischargeEvent:
    """M-03."""
    region = RegionProfile(base["region"].value)
    return adm.StatusOnAdmission(
        **base,
        # CL interventions[] {type, description, provider} → StatusOnAdmission.interventions
        interventions=tuple(
            adm.ExistingIntervention(
                kind=to_neutral(i.type, codes.Intervention), description=i.description, provider=i.provider
            )
            for i in body.interventions
        ),
        ongoing_contacts=tuple(  # CL ongoingContacts[] → StatusOnAdmission.ongoing_contacts
            adm.OngoingContact(service=codes.Service(c.service.value), description=c.description)
            for c in body.ongoing_contacts
        ),
        proposed_track=track_of(region, body.proposed_process),  # CL proposedProcess → proposed_track
        comment=body.comment,
    )


def care_contact_event(body: CareContactAssignedBody, base: Base) -> DischargeEvent:
    """M-04."""
    contact = body.care_contact
    return adm.CareContactAppointed(
        **base,
        contact=adm.CareContact(  # CL careContact → CareContactAppointed.contact
            name=contact.name,
            work_phone=contact.work_phone,  # CL careContact.workPhone → CareContact.work_phone
            licensed_physician=contact.licensed_physician,
            profession=None if contact.profession is None else codes.Profession(contact.profession.value),
            hsa_id=None if contact.id is None else contact.id.extension,
        ),
        appointed_at=body.assigned_at,  # CL assignedAt → CareContactAppointed.appointed_at
        existing_continues=body.existing_continues,
        named_physician_contact=optional_clinician(body.named_physician_contact),
    )


def planning_event(body: DischargePlanningBody, base: Base) -> DischargeEvent:
    """M-05 (templates «Planering inför utskrivning» / «Samverkansmöte»)."""
    return ev.PlanningDocumentation(
        **base,
        kind=ev.PlanningKind(body.template.value),  # CL template → PlanningDocumentation.kind
        sections=tuple(ev.Section(heading=s.heading, text=s.text) for s in body.sections),
        rehabilitation_needed=body.rehabilitation_needed,
        assistive_devices_needed=body.assistive_devices_needed,
        completed=body.completed,
        in_response_to=body.in_response_to,  # CL inResponseTo → PlanningDocumentation.in_response_to
    )


def lpt_plan_event(body: LptCoordinatedPlanBody, base: Base) -> DischargeEvent:
    """M-05 (Lila): «Samordnad plan enligt § 7 a LPT»."""
    return ev.PlanningDocumentation(
        **base,
        kind=ev.PlanningKind.LPT_COORDINATED_PLAN,
        lpt_plan=ev.LptPlan(  # CL body → PlanningDocumentation.lpt_plan
            plan_date=body.plan_date,
            opt_application=body.opt_application,
            measures=measures_to_neutral(body.measures),
            overall_responsible=codes.Principal(body.overall_responsible.value),
            conditions=body.conditions,
        ),
    )


def estimate_changed_event(body: EstimatedDischargeDateChangedBody, base: Base) -> DischargeEvent:
    """M-06."""
    return ev.EstimatedDischargeDateChanged(
        **base,
        estimated_discharge_date=body.estimated_discharge_date,
        reason=ev.EddChangeReason(body.reason.value),
        previous_estimated_discharge_date=body.previous_estimated_discharge_date,
        court_ruling_date=body.court_ruling_date,  # CL courtRulingDate → court_ruling_date
        comment=body.comment,
    )


def status_before_discharge_event(body: StatusBeforeDischargeBody, base: Base) -> DischargeEvent:
    """M-07."""
    return ev.StatusBeforeDischarge(
        **base,
        reference=ev.StatusReference(body.reference_event.value),  # CL referenceEvent → reference
        reference_date=body.reference_date,
        current_status=body.current_status,
        updated_needs=frozenset(ev.UpdatedNeed(n.value) for n in body.updated_needs),
        confirmed_estimated_discharge_date=body.confirmed_estimated_discharge_date,
    )


def leave_event(body: LeavePlanningBody, base: Base) -> DischargeEvent:
    """M-08: a leave plan."""
    transport = body.patient_transport
    return ev.Leave(
        **base,
        phase=ev.LeavePhase.PLANNED,
        start=body.proposed_period.start,  # CL proposedPeriod.start → Leave.start
        end=body.proposed_period.end,  # CL proposedPeriod.end → Leave.end
        adl_status=body.adl_status,
        medication_list_sent=body.medication_list_sent,
        transport_booked=None if transport is None else transport.booked,  # CL patientTransport.booked
        arrival_home_at=None if transport is None else transport.arrival_home_at,
        return_at=None if transport is None else transport.return_at,
        interventions_to_start=body.interventions_to_start,
        training_by_inpatient_care=body.training_by_inpatient_care,
    )
