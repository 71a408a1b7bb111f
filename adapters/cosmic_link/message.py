"""The typed message: envelope plus the body of its ``messageType``, and the body class of each §9 type.

Role: ``Message`` is what ``codec.parse`` returns for a valid body and what ``codec.from_event`` builds;
``BODY_CLASSES`` is the registry the validator, the schema and the codec dispatch on. Boundary: data only.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from adapters.cosmic_link.envelope import Episode, Header, Patient
from adapters.cosmic_link.vocabulary import MessageTypeName

__all__ = ["BODY_CLASSES", "Body", "Message"]

Body = (
    AdmissionNotificationBody
    | AcknowledgementBody
    | StatusBeforeAdmissionBody
    | CareContactAssignedBody
    | DischargePlanningBody
    | EstimatedDischargeDateChangedBody
    | StatusBeforeDischargeBody
    | LeavePlanningBody
    | SipInvitationBody
    | CollaborationMeetingInvitationBody
    | LptCoordinatedPlanBody
    | DischargeReadyNotificationBody
    | DischargeReadyRevokedBody
    | HomeArrivalTimeBody
    | ReferralBody
    | DischargeNotificationBody
    | SipEstablishedBody
    | FollowUpContactBody
    | GeneralMessageBody
    | PatientDeceasedBody
    | EpisodeClosedBody
    | ConsentChangedBody
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """One Cosmic Link–style message (§8): ``header.messageType`` always names the class of ``body``."""

    header: Header
    patient: Patient
    episode: Episode
    body: Body


BODY_CLASSES: dict[MessageTypeName, type[Body]] = {
    MessageTypeName.ADMISSION_NOTIFICATION: AdmissionNotificationBody,
    MessageTypeName.ACKNOWLEDGEMENT: AcknowledgementBody,
    MessageTypeName.STATUS_BEFORE_ADMISSION: StatusBeforeAdmissionBody,
    MessageTypeName.CARE_CONTACT_ASSIGNED: CareContactAssignedBody,
    MessageTypeName.DISCHARGE_PLANNING: DischargePlanningBody,
    MessageTypeName.ESTIMATED_DISCHARGE_DATE_CHANGED: EstimatedDischargeDateChangedBody,
    MessageTypeName.STATUS_BEFORE_DISCHARGE: StatusBeforeDischargeBody,
    MessageTypeName.LEAVE_PLANNING: LeavePlanningBody,
    MessageTypeName.SIP_INVITATION: SipInvitationBody,
    MessageTypeName.COLLABORATION_MEETING_INVITATION: CollaborationMeetingInvitationBody,
    MessageTypeName.LPT_COORDINATED_PLAN: LptCoordinatedPlanBody,
    MessageTypeName.DISCHARGE_READY_NOTIFICATION: DischargeReadyNotificationBody,
    MessageTypeName.DISCHARGE_READY_REVOKED: DischargeReadyRevokedBody,
    MessageTypeName.HOME_ARRIVAL_TIME: HomeArrivalTimeBody,
    MessageTypeName.REFERRAL: ReferralBody,
    MessageTypeName.DISCHARGE_NOTIFICATION: DischargeNotificationBody,
    MessageTypeName.SIP_ESTABLISHED: SipEstablishedBody,
    MessageTypeName.FOLLOW_UP_CONTACT: FollowUpContactBody,
    MessageTypeName.GENERAL_MESSAGE: GeneralMessageBody,
    MessageTypeName.PATIENT_DECEASED: PatientDeceasedBody,
    MessageTypeName.EPISODE_CLOSED: EpisodeClosedBody,
    MessageTypeName.CONSENT_CHANGED: ConsentChangedBody,
}
assert set(BODY_CLASSES) == set(MessageTypeName), "every §9 type needs a body class"
