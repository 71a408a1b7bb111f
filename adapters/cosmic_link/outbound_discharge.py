"""Meeting, readiness, discharge, closure, consent and free-text events → §9 bodies (M-09…M-24).

Role: one builder per event class returning the body it renders as; mapping lines cite the event field and
the contract member. Boundary: no envelope (``outbound``), no validation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from adapters.cosmic_link.admission_bodies import AcknowledgementBody
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
    Nutrition,
    OptApplication,
    OtherParticipant,
    PatientDeceasedBody,
    ReadyCriteria,
    ReferralBody,
    SipEstablishedBody,
    SipInvitationBody,
)
from adapters.cosmic_link.errors import UnrenderableEventError
from adapters.cosmic_link.message import Body
from adapters.cosmic_link.neutral_codes import from_neutral
from adapters.cosmic_link.outbound_text import nurse_request_body
from adapters.cosmic_link.outbound_values import (
    attachments_from_neutral,
    clinician,
    measures_from_neutral,
    optional_clinician,
)
from adapters.cosmic_link.vocabulary import (
    AcknowledgedType,
    AckResponse,
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
from discharge import discharge_events as dis
from discharge import sip_events as sip

__all__ = ["DISCHARGE_BODIES"]


def _sip_invitation(event: sip.SipInvitationBase) -> tuple[Body, ...]:
    """M-09 → ``sipType`` INITIAL_AT_HOSPITAL; M-10 → its own ``sip_type``."""
    sip_type = SipType.INITIAL_AT_HOSPITAL if isinstance(event, sip.InitialSipAtHospital) else SipType.SIP
    if isinstance(event, sip.SipInvitation):
        sip_type = SipType(event.sip_type.value)  # SipInvitation.sip_type → CL sipType
    return (
        SipInvitationBody(
            sip_type=sip_type,
            meeting_at=event.meeting_at,  # meeting_at → CL meetingAt
            duration_minutes=event.duration_minutes,
            location=Location(event.location.value),
            location_description=event.location_description,
            mode=MeetingMode(event.mode.value),
            convener=clinician(event.convener),
            guardians_invited=event.guardians_invited,
            agreed_with_patient=event.agreed_with_patient,  # agreed_with_patient → CL agreedWithPatient
            other_participants=tuple(OtherParticipant(name=p.name, role=p.role) for p in event.other_participants),
        ),
    )


def _invitation_reply(
    event: sip.SipInvitationAcknowledged | sip.CollaborationMeetingAcknowledged,
) -> tuple[Body, ...]:
    kind = (
        AcknowledgedType.SIP_INVITATION
        if isinstance(event, sip.SipInvitationAcknowledged)
        else AcknowledgedType.COLLABORATION_MEETING_INVITATION
    )
    return (
        AcknowledgementBody(
            acknowledged_message_id=event.acknowledged_message_id,
            acknowledged_type=kind,
            acknowledged_at=event.acknowledged_at,
            response=AckResponse(event.response.value),  # response → CL response
            comment=event.comment,
        ),
    )


def _collaboration_meeting(event: sip.CollaborationMeetingInvitation) -> tuple[Body, ...]:
    return (
        CollaborationMeetingInvitationBody(
            meeting_at=event.meeting_at,
            location=Location(event.location.value),
            location_description=event.location_description,
            mode=MeetingMode(event.mode.value),
            purpose=MeetingPurpose(event.purpose.value),
            convener=clinician(event.convener),
        ),
    )


def _ready(event: dis.ReadyForDischarge) -> tuple[Body, ...]:
    criteria, opt = event.criteria, event.opt_application
    return (
        DischargeReadyNotificationBody(
            assessed_ready_at=event.assessed_at,  # ReadyForDischarge.assessed_at → CL assessedReadyAt
            assessed_by=optional_clinician(event.assessed_by),
            criteria=None
            if criteria is None
            else ReadyCriteria(
                guardians_informed_in_writing=criteria.guardians_informed_in_writing,
                care_contact_assigned=criteria.care_contact_assigned,
                essential_information_transferred=criteria.essential_information_transferred,
                aids_available=criteria.aids_available,
            ),
            opt_application=None
            if opt is None
            else OptApplication(applied=opt.applied, court_decision_date=opt.court_decision_date),
            planned_discharge_at=event.planned_discharge_at,
        ),
    )


def _ready_acknowledged(event: dis.ReadyForDischargeAcknowledged) -> tuple[Body, ...]:
    return (
        AcknowledgementBody(
            acknowledged_message_id=event.acknowledged_message_id,
            acknowledged_type=AcknowledgedType.DISCHARGE_READY_NOTIFICATION,
            acknowledged_at=event.acknowledged_at,
            response=AckResponse.RECEIVED,  # §9: only RECEIVED acknowledges a ready-for-discharge notice
            comment=event.comment,  # ReadyForDischargeAcknowledged.comment → CL comment
        ),
    )


def _revoked(event: dis.ReadyForDischargeRevoked) -> tuple[Body, ...]:
    if event.new_estimated_discharge_date is None:
        raise UnrenderableEventError("newEstimatedDischargeDate is required (§9 DischargeReadyRevoked)")
    return (
        DischargeReadyRevokedBody(
            revoked_message_id=event.revoked_message_id,
            revoked_at=event.revoked_at,
            reason=RevocationReason(event.reason.value),
            new_estimated_discharge_date=event.new_estimated_discharge_date,
            comment=event.comment,
        ),
    )


def _discharge_time(event: dis.DischargeTime) -> tuple[Body, ...]:
    return (
        HomeArrivalTimeBody(
            discharge_at=event.discharge_at,  # DischargeTime.discharge_at → CL dischargeAt
            arrival_home_at=event.arrival_home_at,  # DischargeTime.arrival_home_at → CL arrivalHomeAt
            met_by=event.met_by,
            comment=event.comment,
        ),
    )


def _referral(event: dis.Referral) -> tuple[Body, ...]:
    """M-15: only an open referral with its question can be sent; a closed one has no message here (R-29)."""
    if event.status is not dis.ReferralStatus.OPEN or event.question is None:
        raise UnrenderableEventError("only an open referral with a question is a Cosmic Link–style Referral")
    return (
        ReferralBody(
            referral_id=event.referral_id,
            target_service=from_neutral(event.target_service, Service, fallback=Service.OTHER),
            question=event.question,
            priority=ReferralPriority.URGENT if event.urgent else ReferralPriority.ROUTINE,  # urgent → CL priority
        ),
    )


def _nurse_request(event: dis.OutpatientNurseRequest) -> tuple[Body, ...]:
    return (nurse_request_body(event),)  # §9: ATGARDSBEGARAN_OPPENVARD arrives as a GeneralMessage


def _discharge_information(event: dis.DischargeInformation) -> tuple[Body, ...]:
    nutrition = event.nutrition
    return (
        DischargeNotificationBody(
            discharged_at=event.discharged_at,
            discharged_to=Destination(event.destination.value),  # destination → CL dischargedTo
            summary=event.summary,
            medication_list=event.medication_list,
            discharge_information_given_to_guardians=event.information_given_to_guardians,  # CH-08
            nutrition=None
            if nutrition is None
            else Nutrition(tube_feeding=nutrition.tube_feeding, supplied_weekdays=nutrition.supplied_weekdays),
            patient_transport_booked=event.patient_transport_booked,
            attachments=attachments_from_neutral(event.attachments),
        ),
    )


def _sip_record(event: sip.SipEstablished | sip.SipFollowUp, sip_event: SipEvent, meeting: date) -> SipEstablishedBody:
    """The members M-18 and M-19 share: one ``SipEstablished`` body, told apart by ``event``."""
    return SipEstablishedBody(
        event=sip_event,
        meeting_date=meeting,
        interventions=measures_from_neutral(event.measures),  # measures → CL interventions
        # overall_responsible → CL overallResponsible
        overall_responsible=None if event.overall_responsible is None else Principal(event.overall_responsible.value),
        measures_by_others=event.measures_by_others,  # measures_by_others → CL measuresByOthers
        evaluation=event.evaluation,  # evaluation → CL evaluation
        next_follow_up_at=event.next_follow_up_at,  # next_follow_up_at → CL nextFollowUpAt
        signed_by_all=event.signed_by_all,  # signed_by_all → CL signedByAll
        child_heard=event.child_heard,  # child_heard → CL childHeard (CH-09)
        consent_confirmed=event.consent_confirmed,  # consent_confirmed → CL consentConfirmed (C-10)
    )


def _sip_established(event: sip.SipEstablished) -> tuple[Body, ...]:
    # SipEstablished.kind/meeting_date → CL event/meetingDate
    return (_sip_record(event, SipEvent(event.kind.value), event.meeting_date),)


def _sip_follow_up(event: sip.SipFollowUp) -> tuple[Body, ...]:
    closed = event.result is sip.SipFollowUpResult.CLOSED
    # result → CL event (REVISED reads FOLLOWED_UP); SipFollowUp.held_on → CL meetingDate
    return (_sip_record(event, SipEvent.CLOSED if closed else SipEvent.FOLLOWED_UP, event.held_on),)


def _follow_up_contact(event: sip.FollowUpContact) -> tuple[Body, ...]:
    return (
        FollowUpContactBody(
            contacted_at=event.contacted_at,
            contacted_party=ContactedParty(event.contacted_party.value),
            outcome=FollowUpOutcome(event.outcome.value),
            note=event.note,
        ),
    )


def _general(event: dis.GeneralMessage) -> tuple[Body, ...]:
    return (
        GeneralMessageBody(
            subject=event.subject,
            text=event.text,
            # GeneralMessage.category → CL category; SUPPLEMENTARY_INFORMATION (Lifecare KOMPLETTERING) has no
            # value here and is sent as GENERAL (unrepresented_fields)
            category=from_neutral(event.category, GeneralCategory, fallback=GeneralCategory.GENERAL),
            in_response_to=event.in_response_to,
            attachments=attachments_from_neutral(event.attachments),
        ),
    )


def _deceased(event: dis.PatientDeceased) -> tuple[Body, ...]:
    return (PatientDeceasedBody(deceased_at=event.deceased_at),)


def _closed(event: dis.ProcessClosed) -> tuple[Body, ...]:
    if event.reason is None:
        raise UnrenderableEventError("reason is required (§9 EpisodeClosed, T13)")
    return (
        EpisodeClosedBody(
            closed_at=event.closed_at, reason=CloseReason(event.reason.value), reason_text=event.reason_text
        ),
    )


def _consent(event: dis.ConsentChanged) -> tuple[Body, ...]:
    return (
        ConsentChangedBody(
            sector=from_neutral(event.sector, CareSetting),  # ConsentChanged.sector → CL sector
            status=Consent(event.status.value),
            effective_at=event.effective_at,
            given_by=None if event.given_by is None else ConsentGivenBy(event.given_by.value),
            purposes=frozenset(Purpose(p.value) for p in event.purposes),  # empty: every purpose (absent)
        ),
    )


DISCHARGE_BODIES: dict[type[Any], Callable[[Any], tuple[Body, ...]]] = {
    sip.InitialSipAtHospital: _sip_invitation,
    sip.SipInvitation: _sip_invitation,
    sip.SipInvitationAcknowledged: _invitation_reply,
    sip.CollaborationMeetingInvitation: _collaboration_meeting,
    sip.CollaborationMeetingAcknowledged: _invitation_reply,
    dis.ReadyForDischarge: _ready,
    dis.ReadyForDischargeAcknowledged: _ready_acknowledged,
    dis.ReadyForDischargeRevoked: _revoked,
    dis.DischargeTime: _discharge_time,
    dis.Referral: _referral,
    dis.OutpatientNurseRequest: _nurse_request,
    dis.DischargeInformation: _discharge_information,
    sip.SipEstablished: _sip_established,
    sip.SipFollowUp: _sip_follow_up,
    sip.FollowUpContact: _follow_up_contact,
    dis.GeneralMessage: _general,
    dis.PatientDeceased: _deceased,
    dis.ProcessClosed: _closed,
    dis.ConsentChanged: _consent,
}
