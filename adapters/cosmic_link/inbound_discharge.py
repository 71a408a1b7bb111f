"""Meeting, readiness, discharge, closure, consent and free-text bodies of §9 → neutral events.

Role: one function per message type mapping every body member to an event field and citing both;
``inbound`` adds the envelope as ``base``. Boundary: the body is already valid.
"""

from __future__ import annotations

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
from adapters.cosmic_link.inbound_admission import (
    Base,
    attachments_to_neutral,
    clinician_to_neutral,
    measures_to_neutral,
    optional_clinician,
)
from adapters.cosmic_link.neutral_codes import to_neutral
from adapters.cosmic_link.vocabulary import (
    GeneralCategory,
    ReferralPriority,
    SipEvent,
    SipType,
)
from discharge import codes
from discharge import discharge_events as dis
from discharge import events as ev
from discharge import sip_events as sip
from discharge.event_base import DischargeEvent

__all__ = [
    "closed_event",
    "collaboration_meeting_event",
    "consent_event",
    "deceased_event",
    "discharge_notification_event",
    "follow_up_event",
    "general_message_event",
    "home_arrival_event",
    "ready_event",
    "referral_event",
    "revoked_event",
    "sip_established_event",
    "sip_invitation_event",
]


def sip_invitation_event(body: SipInvitationBody, base: Base) -> DischargeEvent:
    """M-09 when ``sipType`` is ``INITIAL_AT_HOSPITAL``, else M-10."""
    common: Base = {
        **base,
        "meeting_at": body.meeting_at,  # CL meetingAt → meeting_at
        "location": codes.Location(body.location.value),
        "mode": codes.MeetingMode(body.mode.value),
        "convener": clinician_to_neutral(body.convener),
        "agreed_with_patient": body.agreed_with_patient,  # CL agreedWithPatient → agreed_with_patient
        "duration_minutes": body.duration_minutes,
        "location_description": body.location_description,
        "guardians_invited": body.guardians_invited,
        "other_participants": tuple(sip.Participant(name=p.name, role=p.role) for p in body.other_participants),
    }
    if body.sip_type is SipType.INITIAL_AT_HOSPITAL:
        return sip.InitialSipAtHospital(**common)
    return sip.SipInvitation(**common, sip_type=sip.SipType(body.sip_type.value))  # CL sipType → sip_type


def collaboration_meeting_event(body: CollaborationMeetingInvitationBody, base: Base) -> DischargeEvent:
    """M-11."""
    return sip.CollaborationMeetingInvitation(
        **base,
        meeting_at=body.meeting_at,
        location=codes.Location(body.location.value),
        mode=codes.MeetingMode(body.mode.value),
        purpose=sip.MeetingPurpose(body.purpose.value),
        convener=clinician_to_neutral(body.convener),
        location_description=body.location_description,
    )


def ready_event(body: DischargeReadyNotificationBody, base: Base) -> DischargeEvent:
    """M-12."""
    criteria, opt = body.criteria, body.opt_application
    return dis.ReadyForDischarge(
        **base,
        assessed_at=body.assessed_ready_at,  # CL assessedReadyAt → ReadyForDischarge.assessed_at
        assessed_by=optional_clinician(body.assessed_by),
        planned_discharge_at=body.planned_discharge_at,
        criteria=None  # CL criteria → ReadyForDischarge.criteria (VAR «utskrivningsklar»)
        if criteria is None
        else dis.ReadyCriteria(
            guardians_informed_in_writing=criteria.guardians_informed_in_writing,
            care_contact_assigned=criteria.care_contact_assigned,
            essential_information_transferred=criteria.essential_information_transferred,
            aids_available=criteria.aids_available,
        ),
        # CL optApplication {applied, courtDecisionDate} → ReadyForDischarge.opt_application
        opt_application=None
        if opt is None
        else dis.OptApplication(applied=opt.applied, court_decision_date=opt.court_decision_date),
    )


def revoked_event(body: DischargeReadyRevokedBody, base: Base) -> DischargeEvent:
    """M-13."""
    return dis.ReadyForDischargeRevoked(
        **base,
        revoked_message_id=body.revoked_message_id,
        revoked_at=body.revoked_at,
        reason=dis.RevocationReason(body.reason.value),
        new_estimated_discharge_date=body.new_estimated_discharge_date,
        comment=body.comment,
    )


def home_arrival_event(body: HomeArrivalTimeBody, base: Base) -> DischargeEvent:
    """M-14."""
    return dis.DischargeTime(
        **base,
        discharge_at=body.discharge_at,  # CL dischargeAt → DischargeTime.discharge_at
        arrival_home_at=body.arrival_home_at,  # CL arrivalHomeAt → DischargeTime.arrival_home_at
        met_by=body.met_by,
        comment=body.comment,
    )


def referral_event(body: ReferralBody, base: Base) -> DischargeEvent:
    """M-15: this contract refers to regional outpatient services only (VAR, RIK-17497)."""
    return dis.Referral(
        **base,
        referral_id=body.referral_id,
        target_service=codes.Service(body.target_service.value),
        care_level=dis.CareLevel.OUTPATIENT,
        question=body.question,
        urgent=body.priority is ReferralPriority.URGENT,  # CL priority URGENT/ROUTINE → Referral.urgent
    )


def discharge_notification_event(body: DischargeNotificationBody, base: Base) -> DischargeEvent:
    """M-17."""
    nutrition = body.nutrition
    return dis.DischargeInformation(
        **base,
        discharged_at=body.discharged_at,
        destination=codes.Destination(body.discharged_to.value),  # CL dischargedTo → destination
        summary=body.summary,
        medication_list=body.medication_list,
        # CL dischargeInformationGivenToGuardians → information_given_to_guardians (CH-08)
        information_given_to_guardians=body.discharge_information_given_to_guardians,
        nutrition=None
        if nutrition is None
        else dis.Nutrition(tube_feeding=nutrition.tube_feeding, supplied_weekdays=nutrition.supplied_weekdays),
        patient_transport_booked=body.patient_transport_booked,
        attachments=attachments_to_neutral(body.attachments),
    )


def sip_established_event(body: SipEstablishedBody, base: Base) -> DischargeEvent:
    """M-18 for ESTABLISHED/UPDATED, M-19 for FOLLOWED_UP/CLOSED; both keep every member of the body."""
    plan: Base = {
        "consent_confirmed": body.consent_confirmed,  # CL consentConfirmed → consent_confirmed (C-10)
        "measures": measures_to_neutral(body.interventions),  # CL interventions → measures
        # CL overallResponsible → overall_responsible
        "overall_responsible": None
        if body.overall_responsible is None
        else codes.Principal(body.overall_responsible.value),
        "measures_by_others": body.measures_by_others,  # CL measuresByOthers → measures_by_others
        "evaluation": body.evaluation,  # CL evaluation → evaluation
        "next_follow_up_at": body.next_follow_up_at,  # CL nextFollowUpAt → next_follow_up_at
        "signed_by_all": body.signed_by_all,  # CL signedByAll → signed_by_all
        "child_heard": body.child_heard,  # CL childHeard → child_heard (CH-09)
    }
    if body.event in (SipEvent.ESTABLISHED, SipEvent.UPDATED):
        return sip.SipEstablished(
            **base,
            **plan,
            kind=sip.SipRecordKind(body.event.value),  # CL event → SipEstablished.kind
            meeting_date=body.meeting_date,  # CL meetingDate → SipEstablished.meeting_date
        )
    closed = body.event is SipEvent.CLOSED
    return sip.SipFollowUp(
        **base,
        **plan,
        held_on=body.meeting_date,  # CL meetingDate → SipFollowUp.held_on
        # CL event FOLLOWED_UP/CLOSED → SipFollowUp.result CONTINUES/CLOSED
        result=sip.SipFollowUpResult.CLOSED if closed else sip.SipFollowUpResult.CONTINUES,
    )


def follow_up_event(body: FollowUpContactBody, base: Base) -> DischargeEvent:
    """M-20."""
    return sip.FollowUpContact(
        **base,
        contacted_at=body.contacted_at,
        contacted_party=sip.ContactedParty(body.contacted_party.value),
        outcome=sip.FollowUpOutcome(body.outcome.value),
        note=body.note,
    )


def general_message_event(body: GeneralMessageBody, base: Base) -> DischargeEvent:
    """M-23; a request for supplementary information is M-05 (§9: counterpart ``KOMPLETTERING_BEGARAN``)."""
    if body.category is GeneralCategory.SUPPLEMENTARY_INFORMATION_REQUEST:
        return ev.PlanningDocumentation(
            **base,
            kind=ev.PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST,
            subject=body.subject,  # CL subject → PlanningDocumentation.subject
            question=body.text,  # CL text → PlanningDocumentation.question (Lifecare ``fraga``)
            in_response_to=body.in_response_to,  # CL inResponseTo → in_response_to
            attachments=attachments_to_neutral(body.attachments),  # CL attachments → attachments
        )
    return dis.GeneralMessage(
        **base,
        subject=body.subject,
        text=body.text,
        category=to_neutral(body.category, dis.GeneralCategory),  # CL category → GeneralMessage.category
        in_response_to=body.in_response_to,
        attachments=attachments_to_neutral(body.attachments),
    )


def deceased_event(body: PatientDeceasedBody, base: Base) -> DischargeEvent:
    """M-21."""
    return dis.PatientDeceased(**base, deceased_at=body.deceased_at)


def closed_event(body: EpisodeClosedBody, base: Base) -> DischargeEvent:
    """M-22."""
    return dis.ProcessClosed(
        **base, closed_at=body.closed_at, reason=codes.CloseReason(body.reason.value), reason_text=body.reason_text
    )


def consent_event(body: ConsentChangedBody, base: Base) -> DischargeEvent:
    """M-24."""
    return dis.ConsentChanged(
        **base,
        sector=to_neutral(body.sector, codes.Sector),  # CL sector → ConsentChanged.sector
        status=codes.ConsentStatus(body.status.value),
        effective_at=body.effective_at,
        given_by=None if body.given_by is None else codes.ConsentGivenBy(body.given_by.value),
        purposes=frozenset(codes.Purpose(p.value) for p in body.purposes),  # absent: every purpose
    )
