"""Typed message → neutral discharge event (one event per message; ``codec.to_event``).

Role: the envelope becomes the event base (D0 routing metadata, case context, patient); each body becomes
the event of its M-id, decided by the body where one type carries several (``Acknowledgement`` by
``acknowledgedType``, ``SipInvitation`` by ``sipType``, ``SipEstablished`` by ``event``, ``GeneralMessage``
of category ``SUPPLEMENTARY_INFORMATION_REQUEST``). Mapping lines cite source and target; every member reaches
the event, so ``outbound`` gives the message back. Boundary: the message is already valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.cosmic_link.admission_bodies import (
    AcknowledgementBody,
    AdmissionNotificationBody,
    CareContactAssignedBody,
    DischargePlanningBody,
    EstimatedDischargeDateChangedBody,
    LeavePlanningBody,
    LptCoordinatedPlanBody,
    StatusBeforeAdmissionBody,
    StatusBeforeDischargeBody,
)
from adapters.cosmic_link.discharge_bodies import (
    CollaborationMeetingInvitationBody,
    ConsentChangedBody,
    DischargeNotificationBody,
    DischargeReadyNotificationBody,
    DischargeReadyRevokedBody,
    EpisodeClosedBody,
    FollowUpContactBody,
    GeneralMessageBody,
    HomeArrivalTimeBody,
    PatientDeceasedBody,
    ReferralBody,
    SipEstablishedBody,
    SipInvitationBody,
)
from adapters.cosmic_link.envelope import Guardian, MaturityAssessment, Party, Patient, PersonId
from adapters.cosmic_link.inbound_admission import (
    acknowledgement_event,
    admission_event,
    care_contact_event,
    estimate_changed_event,
    leave_event,
    lpt_plan_event,
    optional_clinician,
    planning_event,
    status_before_admission_event,
    status_before_discharge_event,
)
from adapters.cosmic_link.inbound_discharge import (
    closed_event,
    collaboration_meeting_event,
    consent_event,
    deceased_event,
    discharge_notification_event,
    follow_up_event,
    general_message_event,
    home_arrival_event,
    ready_event,
    referral_event,
    revoked_event,
    sip_established_event,
    sip_invitation_event,
)
from adapters.cosmic_link.message import Message
from adapters.cosmic_link.neutral_codes import to_neutral, track_of
from adapters.cosmic_link.vocabulary import PERSONNUMMER_ROOT, SAMORDNINGSNUMMER_ROOT
from discharge import codes
from discharge import parties as neutral
from discharge.event_base import DischargeEvent, StayStatute
from discharge.regions import Region

__all__ = ["message_to_event"]

_BODY_EVENTS: dict[type[Any], Callable[[Any, dict[str, Any]], DischargeEvent]] = {
    AdmissionNotificationBody: admission_event,
    AcknowledgementBody: acknowledgement_event,
    StatusBeforeAdmissionBody: status_before_admission_event,
    CareContactAssignedBody: care_contact_event,
    DischargePlanningBody: planning_event,
    EstimatedDischargeDateChangedBody: estimate_changed_event,
    StatusBeforeDischargeBody: status_before_discharge_event,
    LeavePlanningBody: leave_event,
    SipInvitationBody: sip_invitation_event,
    CollaborationMeetingInvitationBody: collaboration_meeting_event,
    LptCoordinatedPlanBody: lpt_plan_event,
    DischargeReadyNotificationBody: ready_event,
    DischargeReadyRevokedBody: revoked_event,
    HomeArrivalTimeBody: home_arrival_event,
    ReferralBody: referral_event,
    DischargeNotificationBody: discharge_notification_event,
    SipEstablishedBody: sip_established_event,
    FollowUpContactBody: follow_up_event,
    GeneralMessageBody: general_message_event,
    PatientDeceasedBody: deceased_event,
    EpisodeClosedBody: closed_event,
    ConsentChangedBody: consent_event,
}


def message_to_event(message: Message) -> DischargeEvent:
    """The neutral event of a valid message."""
    return _BODY_EVENTS[type(message.body)](message.body, _base(message))


def _base(message: Message) -> dict[str, Any]:
    """The ``DischargeEvent`` base members, from the envelope."""
    header, episode = message.header, message.episode
    legal_basis = episode.legal_basis
    return {
        "message_id": header.message_id,  # CL header.messageId → DischargeEvent.message_id
        "case_id": episode.episode_id,  # CL episode.episodeId → DischargeEvent.case_id
        "sender": _unit(header.sender),  # CL header.sender → DischargeEvent.sender
        "recipients": tuple(_unit(party) for party in header.receivers),  # CL header.receivers → recipients
        "sent_at": header.created_at,  # CL header.createdAt → DischargeEvent.sent_at (M-12: the notice time)
        "region": Region(episode.region_profile.value),  # CL episode.regionProfile → DischargeEvent.region
        "track": track_of(episode.region_profile, episode.process),  # CL episode.process → DischargeEvent.track
        "care_type": codes.CareType(episode.care_type.value),  # CL episode.careType → DischargeEvent.care_type
        # CL episode.legalBasis {type, admissionDecisionDate} → DischargeEvent.statute
        "statute": None
        if legal_basis is None
        else StayStatute(
            statute=codes.CareStatute(legal_basis.type.value),
            admission_decision_date=legal_basis.admission_decision_date,
        ),
        "patient": _patient(message.patient),  # CL patient → DischargeEvent.patient
    }


def _unit(party: Party) -> neutral.Unit:
    return neutral.Unit(
        hsa_id=party.id.extension,  # CL Party.id.extension → Unit.hsa_id (root is always the HSA OID)
        name=party.name,
        principal=codes.Principal(party.principal.value),
        sector=to_neutral(party.care_setting, codes.Sector),  # CL careSetting → Unit.sector
        municipality_code=None if party.municipality is None else party.municipality.code,  # CL municipality.code
        # CL Party.municipality.displayName → Unit.municipality_name
        municipality_name=None if party.municipality is None else party.municipality.display_name,
    )


def _person_identifier(person_id: PersonId) -> neutral.PersonIdentifier:
    """CL II {root, extension} → PersonIdentifier; a reserve number keeps its root as ``issuer``."""
    if person_id.root == PERSONNUMMER_ROOT:
        return neutral.PersonIdentifier(kind=codes.IdentifierKind.PERSONNUMMER, value=person_id.extension)
    if person_id.root == SAMORDNINGSNUMMER_ROOT:
        return neutral.PersonIdentifier(kind=codes.IdentifierKind.SAMORDNINGSNUMMER, value=person_id.extension)
    return neutral.PersonIdentifier(
        kind=codes.IdentifierKind.RESERVNUMMER, value=person_id.extension, issuer=person_id.root
    )


def _guardian(guardian: Guardian) -> neutral.Guardian:
    return neutral.Guardian(
        given_name=guardian.name.given,
        family_name=guardian.name.family,
        consent=codes.ConsentStatus(guardian.consent.value),  # CL Guardian.consent → Guardian.consent
        significant_harm=guardian.significant_harm,  # CL Guardian.significantHarm → Guardian.significant_harm (CH-03)
        identifier=None if guardian.id is None else _person_identifier(guardian.id),
        phone=guardian.phone,
    )


def _maturity(assessment: MaturityAssessment | None) -> neutral.MaturityAssessment | None:
    if assessment is None:
        return None
    return neutral.MaturityAssessment(
        level=codes.MaturityLevel(assessment.level.value),
        assessed_by=optional_clinician(assessment.assessed_by),
        assessed_on=assessment.assessed_on,
    )


def _patient(patient: Patient) -> neutral.Patient:
    address = patient.registered_address
    return neutral.Patient(
        identifier=_person_identifier(patient.id),  # CL patient.id → Patient.identifier
        given_name=patient.name.given,
        family_name=patient.name.family,
        registered_address=neutral.Address(  # CL patient.registeredAddress → Patient.registered_address
            street=address.street_address,
            postal_code=address.postal_code,
            city=address.city,
            municipality_code=address.municipality.code,
            municipality_name=address.municipality.display_name,  # CL municipality.displayName → municipality_name
        ),
        birth_date=patient.birth_date,
        guardians=tuple(_guardian(guardian) for guardian in patient.guardians),
        maturity=_maturity(patient.maturity_assessment),  # CL patient.maturityAssessment → Patient.maturity
    )
