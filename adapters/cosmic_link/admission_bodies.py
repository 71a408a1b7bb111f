"""Typed bodies of the admission and planning messages of §9 (M-01…M-08 and the LPT plan).

Role: one frozen dataclass per message type (``<Type>Body``) plus the objects they contain; field order is
the wire order, annotations (``fields``) the member definitions; optional arrays are empty when absent.
Boundary: data only; the per-type rules of §9 are in ``body_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from adapters.cosmic_link.envelope import Clinician, HsaId, MunicipalityCv
from adapters.cosmic_link.fields import (
    UUID,
    Card,
    Date,
    Phone,
    ShortText200,
    ShortText300,
    Text500,
    Text1000,
    Text2000,
    Text4000,
    Timestamp,
)
from adapters.cosmic_link.vocabulary import (
    AcknowledgedType,
    AckResponse,
    Consent,
    EddChangeReason,
    Intervention,
    PlanningTemplate,
    Principal,
    Process,
    Profession,
    ReferenceEvent,
    Responsible,
    Service,
    ServiceNeeded,
    UpdatedNeed,
)

__all__ = [
    "AcknowledgementBody",
    "AdmissionNotificationBody",
    "CareContact",
    "CareContactAssignedBody",
    "DischargePlanningBody",
    "EstimatedDischargeDateChangedBody",
    "InterventionItem",
    "LeavePlanningBody",
    "LptCoordinatedPlanBody",
    "Measure",
    "OngoingContact",
    "PatientTransport",
    "Period",
    "Section",
    "StatusBeforeAdmissionBody",
    "StatusBeforeDischargeBody",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class AdmissionNotificationBody:
    """M-01, R-01, C-01, CH-07."""

    admitted_at: Timestamp
    need_identified_at: Timestamp | None = None
    estimated_discharge_date: Date
    consent_status: Consent
    admission_reason: Text500 | None = None
    responsible_physician: Clinician | None = None
    services_needed: Annotated[frozenset[ServiceNeeded], Card(1, 3)]
    life_threatening_condition: bool | None = None
    training_needed_before_discharge: bool | None = None
    placing_municipality: MunicipalityCv | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AcknowledgementBody:
    """M-02; also answers SIP and collaboration-meeting invitations and M-12."""

    acknowledged_message_id: UUID
    acknowledged_type: AcknowledgedType
    acknowledged_at: Timestamp
    response: AckResponse
    comment: Text2000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InterventionItem:
    type: Intervention
    description: Text500 | None = None
    provider: ShortText200 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OngoingContact:
    service: Service
    description: Text500 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusBeforeAdmissionBody:
    """M-03 «Statusmeddelande inför inskrivning»; ``interventions`` is required but may be empty."""

    interventions: Annotated[tuple[InterventionItem, ...], Card(0, 30)]
    ongoing_contacts: Annotated[tuple[OngoingContact, ...], Card(0, 30)] = ()
    proposed_process: Process | None = None
    comment: Text2000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CareContact:
    name: ShortText200
    id: HsaId | None = None
    profession: Profession | None = None
    work_phone: Phone
    licensed_physician: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class CareContactAssignedBody:
    """M-04, R-05."""

    care_contact: CareContact
    assigned_at: Timestamp
    named_physician_contact: Clinician | None = None
    existing_continues: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    heading: ShortText300
    text: Text4000


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargePlanningBody:
    """M-05, templates «Planering inför utskrivning» / «Samverkansmöte»."""

    template: PlanningTemplate
    sections: Annotated[tuple[Section, ...], Card(1, 50)]
    rehabilitation_needed: bool | None = None
    assistive_devices_needed: bool | None = None
    completed: bool | None = None
    in_response_to: UUID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EstimatedDischargeDateChangedBody:
    """M-06, R-19."""

    estimated_discharge_date: Date
    previous_estimated_discharge_date: Date | None = None
    reason: EddChangeReason
    court_ruling_date: Date | None = None  # required for LPT_EXTENDED
    comment: Text1000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusBeforeDischargeBody:
    """M-07, R-08."""

    reference_event: ReferenceEvent
    reference_date: Date
    current_status: Text4000
    updated_needs: Annotated[frozenset[UpdatedNeed], Card(0, 6)] = frozenset()
    confirmed_estimated_discharge_date: Date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    start: Timestamp
    end: Timestamp


@dataclass(frozen=True, slots=True, kw_only=True)
class PatientTransport:
    booked: bool
    arrival_home_at: Timestamp | None = None
    return_at: Timestamp | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LeavePlanningBody:
    """M-08."""

    proposed_period: Period
    adl_status: Text2000 | None = None
    medication_list_sent: bool | None = None
    patient_transport: PatientTransport | None = None
    interventions_to_start: Text2000 | None = None
    training_by_inpatient_care: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    responsible: Responsible
    description: Text1000


@dataclass(frozen=True, slots=True, kw_only=True)
class LptCoordinatedPlanBody:
    """«Samordnad plan enligt § 7 a LPT» (M-05, Lila)."""

    plan_date: Date
    opt_application: bool
    measures: Annotated[tuple[Measure, ...], Card(1, 30)]
    overall_responsible: Principal
    conditions: Text4000 | None = None
