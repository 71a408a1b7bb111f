"""Admission and planning events → §9 bodies (M-01…M-08, M-25), and the converters both directions share.

Role: one builder per event class returning the body (or bodies) it renders as; mapping lines cite the
event field and the contract member. Events with no structured counterpart here become a
``GeneralMessage`` (``outbound_text``). Boundary: no envelope (``outbound``), no validation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.cosmic_link.admission_bodies import (
    AcknowledgementBody,
    AdmissionNotificationBody,
    CareContact,
    CareContactAssignedBody,
    DischargePlanningBody,
    EstimatedDischargeDateChangedBody,
    InterventionItem,
    LeavePlanningBody,
    LptCoordinatedPlanBody,
    OngoingContact,
    PatientTransport,
    Period,
    Section,
    StatusBeforeAdmissionBody,
    StatusBeforeDischargeBody,
)
from adapters.cosmic_link.envelope import HsaId, MunicipalityCv
from adapters.cosmic_link.errors import UnrenderableEventError
from adapters.cosmic_link.message import Body
from adapters.cosmic_link.neutral_codes import from_neutral, process_of, region_of
from adapters.cosmic_link.outbound_text import leave_message_body, personal_data_body, supplementary_request_body
from adapters.cosmic_link.outbound_values import measures_from_neutral, optional_clinician
from adapters.cosmic_link.vocabulary import (
    HSA_ROOT,
    KV_KOMMUN,
    AcknowledgedType,
    AckResponse,
    Consent,
    EddChangeReason,
    Intervention,
    PlanningTemplate,
    Principal,
    Profession,
    ReferenceEvent,
    Service,
    ServiceNeeded,
    UpdatedNeed,
)
from discharge import admission_events as adm
from discharge import events as ev

__all__ = ["ADMISSION_BODIES"]


def _admission(event: adm.AdmissionNotice) -> tuple[Body, ...]:
    placing = event.placing_municipality
    return (
        AdmissionNotificationBody(
            admitted_at=event.admitted_at,  # AdmissionNotice.admitted_at → CL admittedAt
            need_identified_at=event.need_identified_at,
            estimated_discharge_date=event.estimated_discharge_date,  # → CL estimatedDischargeDate
            consent_status=Consent(event.consent.value),  # AdmissionNotice.consent → CL consentStatus
            admission_reason=event.contact_reason,  # contact_reason → CL admissionReason
            responsible_physician=optional_clinician(event.responsible_physician),
            services_needed=frozenset(from_neutral(need, ServiceNeeded) for need in event.needs),  # needs
            life_threatening_condition=event.life_threatening,
            training_needed_before_discharge=event.training_needed_before_discharge,
            # placing_municipality/placing_municipality_name → CL placingMunicipality.code/displayName
            placing_municipality=None
            if placing is None
            else MunicipalityCv(code=placing, code_system=KV_KOMMUN, display_name=event.placing_municipality_name),
        ),
    )


def _interventions(items: tuple[adm.ExistingIntervention, ...]) -> tuple[InterventionItem, ...]:
    """ExistingIntervention → CL interventions[]; a kind the contract lacks is OTHER, named in the text."""
    result = []
    for item in items:
        kind = from_neutral(item.kind, Intervention, fallback=Intervention.OTHER)
        folded = kind is Intervention.OTHER and item.kind.value != Intervention.OTHER.value
        description = item.description or (item.kind.value if folded else None)  # e.g. SAFETY_ALARM
        result.append(InterventionItem(type=kind, description=description, provider=item.provider))
    return tuple(result)


def _admission_acknowledged(event: adm.AdmissionNoticeAcknowledged) -> tuple[Body, ...]:
    """M-02, plus M-03 when existing interventions are listed (Lifecare ``befintligaInsatser``)."""
    receipt = AcknowledgementBody(
        acknowledged_message_id=event.acknowledged_message_id,
        acknowledged_type=AcknowledgedType.ADMISSION_NOTIFICATION,
        acknowledged_at=event.acknowledged_at,
        response=AckResponse.RECEIVED,  # §9: only RECEIVED acknowledges an admission notification
        comment=event.comment,
    )
    if not event.existing_interventions:
        return (receipt,)
    return receipt, StatusBeforeAdmissionBody(interventions=_interventions(event.existing_interventions))


def _ongoing(contact: adm.OngoingContact) -> OngoingContact:
    service = from_neutral(contact.service, Service, fallback=Service.OTHER)  # e.g. OTHER_HOSPITAL → OTHER
    return OngoingContact(service=service, description=contact.description)


def _status_on_admission(event: adm.StatusOnAdmission) -> tuple[Body, ...]:
    return (
        StatusBeforeAdmissionBody(
            interventions=_interventions(event.interventions),
            ongoing_contacts=tuple(_ongoing(contact) for contact in event.ongoing_contacts),
            proposed_process=process_of(event.proposed_track, region_of(event.region)),  # → CL proposedProcess
            comment=event.comment,
        ),
    )


def _care_contact(event: adm.CareContactAppointed) -> tuple[Body, ...]:
    contact = event.contact
    if contact.work_phone is None:
        raise UnrenderableEventError("careContact.workPhone is required (§9 CareContactAssigned)")
    return (
        CareContactAssignedBody(
            care_contact=CareContact(
                name=contact.name,
                id=None if contact.hsa_id is None else HsaId(root=HSA_ROOT, extension=contact.hsa_id),
                profession=None if contact.profession is None else Profession(contact.profession.value),
                work_phone=contact.work_phone,
                licensed_physician=contact.licensed_physician,
            ),
            assigned_at=event.appointed_at,  # CareContactAppointed.appointed_at → CL assignedAt
            named_physician_contact=optional_clinician(event.named_physician_contact),
            existing_continues=event.existing_continues,
        ),
    )


def _planning(event: ev.PlanningDocumentation) -> tuple[Body, ...]:
    """M-05: the two templates, the LPT § 7 a plan, or a request for more information (a GeneralMessage)."""
    if event.kind is ev.PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST:
        return (supplementary_request_body(event),)
    if event.kind is ev.PlanningKind.LPT_COORDINATED_PLAN:
        lpt = event.lpt_plan
        if lpt is None:
            raise UnrenderableEventError("an LPT coordinated plan event without its plan")
        return (
            LptCoordinatedPlanBody(
                plan_date=lpt.plan_date,
                opt_application=lpt.opt_application,
                measures=measures_from_neutral(lpt.measures),
                overall_responsible=Principal(lpt.overall_responsible.value),
                conditions=lpt.conditions,
            ),
        )
    return (
        DischargePlanningBody(
            template=PlanningTemplate(event.kind.value),  # PlanningDocumentation.kind → CL template
            sections=tuple(Section(heading=s.heading, text=s.text) for s in event.sections),
            rehabilitation_needed=event.rehabilitation_needed,
            assistive_devices_needed=event.assistive_devices_needed,
            completed=event.completed,
            in_response_to=event.in_response_to,
        ),
    )


def _estimate_changed(event: ev.EstimatedDischargeDateChanged) -> tuple[Body, ...]:
    if event.estimated_discharge_date is None:
        raise UnrenderableEventError("estimatedDischargeDate is required (§9 EstimatedDischargeDateChanged)")
    return (
        EstimatedDischargeDateChangedBody(
            estimated_discharge_date=event.estimated_discharge_date,
            previous_estimated_discharge_date=event.previous_estimated_discharge_date,
            reason=EddChangeReason(event.reason.value),
            court_ruling_date=event.court_ruling_date,
            comment=event.comment,
        ),
    )


def _status_before_discharge(event: ev.StatusBeforeDischarge) -> tuple[Body, ...]:
    return (
        StatusBeforeDischargeBody(
            reference_event=ReferenceEvent(event.reference.value),  # reference → CL referenceEvent
            reference_date=event.reference_date,
            current_status=event.current_status,
            updated_needs=frozenset(UpdatedNeed(need.value) for need in event.updated_needs),
            confirmed_estimated_discharge_date=event.confirmed_estimated_discharge_date,
        ),
    )


def _leave(event: ev.Leave) -> tuple[Body, ...]:
    """M-08: a planned period without free text is a LeavePlanning; anything else keeps its text as a
    GeneralMessage of category LEAVE (LeavePlanning has no free-text member)."""
    free_text = event.subject or event.text or event.attachments or event.in_response_to
    if event.end is None or free_text or event.phase is not ev.LeavePhase.PLANNED:
        return (leave_message_body(event),)
    transport = None
    if event.transport_booked is not None:
        transport = PatientTransport(
            booked=event.transport_booked, arrival_home_at=event.arrival_home_at, return_at=event.return_at
        )
    return (
        LeavePlanningBody(
            proposed_period=Period(start=event.start, end=event.end),  # Leave.start/end → CL proposedPeriod
            adl_status=event.adl_status,
            medication_list_sent=event.medication_list_sent,
            patient_transport=transport,
            interventions_to_start=event.interventions_to_start,
            training_by_inpatient_care=event.training_by_inpatient_care,
        ),
    )


def _personal_data(event: adm.PersonalDataUpdated) -> tuple[Body, ...]:
    return (personal_data_body(event),)  # §9: PERSONUPPGIFTER_UPPDATERADE arrives as a GeneralMessage


ADMISSION_BODIES: dict[type[Any], Callable[[Any], tuple[Body, ...]]] = {
    adm.AdmissionNotice: _admission,
    adm.AdmissionNoticeAcknowledged: _admission_acknowledged,
    adm.StatusOnAdmission: _status_on_admission,
    adm.CareContactAppointed: _care_contact,
    ev.PlanningDocumentation: _planning,
    ev.EstimatedDischargeDateChanged: _estimate_changed,
    ev.StatusBeforeDischarge: _status_before_discharge,
    ev.Leave: _leave,
    adm.PersonalDataUpdated: _personal_data,
}
