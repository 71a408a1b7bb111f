"""Typed bodies of the meeting, readiness, discharge, closure, consent and free-text messages of §9.

Role: one frozen dataclass per message type (``<Type>Body``) plus the objects they contain; field order is
the wire order. Normalisation: absent ``sipType`` is ``SIP``, absent ``category`` is ``GENERAL``, optional
arrays are empty when absent. Boundary: data only; the per-type rules of §9 are in ``body_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from adapters.cosmic_link.admission_bodies import Measure
from adapters.cosmic_link.envelope import Attachment, Clinician
from adapters.cosmic_link.fields import (
    UUID,
    Card,
    Date,
    Range,
    ShortText64,
    ShortText100,
    ShortText200,
    Text500,
    Text1000,
    Text2000,
    Text4000,
    Text10000,
    Text20000,
    Timestamp,
)
from adapters.cosmic_link.vocabulary import (
    CareSetting,
    CloseReason,
    Consent,
    ConsentGivenBy,
    ContactedParty,
    Destination,
    FollowUpOutcome,
    GeneralCategory,
    Location,
    MeetingMode,
    MeetingPurpose,
    Principal,
    Purpose,
    ReferralPriority,
    RevocationReason,
    Service,
    SipEvent,
    SipType,
)

Attachments = Annotated[tuple[Attachment, ...], Card(0, 5)]

__all__ = [
    "CollaborationMeetingInvitationBody",
    "ConsentChangedBody",
    "DischargeNotificationBody",
    "DischargeReadyNotificationBody",
    "DischargeReadyRevokedBody",
    "EpisodeClosedBody",
    "FollowUpContactBody",
    "GeneralMessageBody",
    "HomeArrivalTimeBody",
    "Nutrition",
    "OptApplication",
    "OtherParticipant",
    "PatientDeceasedBody",
    "ReadyCriteria",
    "ReferralBody",
    "SipEstablishedBody",
    "SipInvitationBody",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class OtherParticipant:
    name: ShortText200
    role: ShortText100 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SipInvitationBody:
    """M-10; M-09 as ``INITIAL_AT_HOSPITAL``. Absent ``sipType`` means ``SIP``."""

    sip_type: SipType = SipType.SIP
    meeting_at: Timestamp
    duration_minutes: Annotated[int, Range(15, 480)] | None = None
    location: Location
    location_description: ShortText200 | None = None  # required for OTHER
    mode: MeetingMode
    convener: Clinician
    guardians_invited: bool | None = None
    agreed_with_patient: bool
    other_participants: Annotated[tuple[OtherParticipant, ...], Card(0, 20)] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CollaborationMeetingInvitationBody:
    """M-11 (VAR Lila, R-21)."""

    meeting_at: Timestamp
    location: Location
    location_description: ShortText200 | None = None
    mode: MeetingMode
    purpose: MeetingPurpose
    convener: Clinician


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadyCriteria:
    guardians_informed_in_writing: bool
    care_contact_assigned: bool
    essential_information_transferred: bool
    aids_available: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OptApplication:
    applied: bool
    court_decision_date: Date | None = None  # required when applied


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargeReadyNotificationBody:
    """M-12; ``header.createdAt`` is the notice time that starts day counting."""

    assessed_ready_at: Timestamp
    assessed_by: Clinician | None = None
    criteria: ReadyCriteria | None = None
    opt_application: OptApplication | None = None
    planned_discharge_at: Timestamp | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargeReadyRevokedBody:
    """M-13."""

    revoked_message_id: UUID
    revoked_at: Timestamp
    reason: RevocationReason
    new_estimated_discharge_date: Date
    comment: Text1000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class HomeArrivalTimeBody:
    """M-14: at least one of the two times."""

    discharge_at: Timestamp | None = None
    arrival_home_at: Timestamp | None = None
    met_by: ShortText200 | None = None
    comment: Text1000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferralBody:
    """M-15."""

    referral_id: ShortText64
    target_service: Service
    question: Text2000
    priority: ReferralPriority


@dataclass(frozen=True, slots=True, kw_only=True)
class Nutrition:
    tube_feeding: bool
    supplied_weekdays: Annotated[int, Range(0, 10)]


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargeNotificationBody:
    """M-17, R-12, R-15, CH-08."""

    discharged_at: Timestamp
    discharged_to: Destination
    summary: Text20000
    medication_list: Text10000 | None = None
    discharge_information_given_to_guardians: bool | None = None
    nutrition: Nutrition | None = None
    patient_transport_booked: bool | None = None
    attachments: Attachments = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SipEstablishedBody:
    """M-18 (``ESTABLISHED``/``UPDATED``), M-19 (``FOLLOWED_UP``/``CLOSED``)."""

    event: SipEvent
    meeting_date: Date
    interventions: Annotated[tuple[Measure, ...], Card(1, 30)] = ()  # required for ESTABLISHED/UPDATED
    overall_responsible: Principal | None = None  # required for ESTABLISHED/UPDATED
    measures_by_others: Text2000 | None = None
    evaluation: Text4000 | None = None
    next_follow_up_at: Timestamp | None = None
    signed_by_all: bool | None = None
    child_heard: bool | None = None
    consent_confirmed: bool  # must be true (C-10)


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUpContactBody:
    """M-20, R-16."""

    contacted_at: Timestamp
    contacted_party: ContactedParty
    outcome: FollowUpOutcome
    note: Text2000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneralMessageBody:
    """M-23 (leave M-08). Absent ``category`` means ``GENERAL``."""

    subject: ShortText200
    text: Text4000
    category: GeneralCategory = GeneralCategory.GENERAL
    in_response_to: UUID | None = None
    attachments: Attachments = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PatientDeceasedBody:
    """M-21."""

    deceased_at: Timestamp


@dataclass(frozen=True, slots=True, kw_only=True)
class EpisodeClosedBody:
    """M-22."""

    closed_at: Timestamp
    reason: CloseReason
    reason_text: Text500 | None = None  # required for OTHER


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentChangedBody:
    """M-24, C-05; no ``purposes`` means every purpose."""

    sector: CareSetting
    status: Consent
    effective_at: Timestamp
    given_by: ConsentGivenBy | None = None
    purposes: Annotated[frozenset[Purpose], Card(1, 4)] = frozenset()
