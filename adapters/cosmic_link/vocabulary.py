"""The contract's code lists as wire enums (§8, §9, §10), its fixed OIDs and the processes per region.

Role: the Cosmic Link–style spelling of every enumeration, kept apart from the neutral codes in
``discharge.codes`` so that the contract, not the domain model, decides what a sender may write
(``MUNICIPAL_HEALTHCARE`` here, ``MUNICIPAL_HEALTH_CARE`` there). Boundary: values only; the mapping to
neutral codes lives in ``neutral_codes``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "HSA_ROOT",
    "KV_KOMMUN",
    "NATIONAL_RESERVE_ROOT",
    "PERSONNUMMER_ROOT",
    "PERSON_ROOTS",
    "PROCESSES_BY_REGION",
    "RESERVE_ROOTS",
    "SAMORDNINGSNUMMER_ROOT",
    "AckResponse",
    "AcknowledgedType",
    "AttachmentType",
    "CareSetting",
    "CareType",
    "CloseReason",
    "Consent",
    "ConsentGivenBy",
    "ContactedParty",
    "Destination",
    "EddChangeReason",
    "FollowUpOutcome",
    "GeneralCategory",
    "GuardianConsent",
    "Intervention",
    "LegalBasisType",
    "Location",
    "MaturityLevel",
    "MeetingMode",
    "MeetingPurpose",
    "MessageTypeName",
    "PlanningTemplate",
    "Principal",
    "Process",
    "Profession",
    "Purpose",
    "ReferenceEvent",
    "ReferralPriority",
    "RegionProfile",
    "Responsible",
    "RevocationReason",
    "Service",
    "ServiceNeeded",
    "SipEvent",
    "SipType",
    "UpdatedNeed",
]

HSA_ROOT = "1.2.752.129.2.1.4.1"  # §7.2 HSA-id II
KV_KOMMUN = "1.2.752.129.2.2.1.17"  # §7.2 municipality code system
PERSONNUMMER_ROOT = "1.2.752.129.2.1.3.1"  # §7.3
SAMORDNINGSNUMMER_ROOT = "1.2.752.129.2.1.3.3"  # §7.3
NATIONAL_RESERVE_ROOT = "1.2.752.74.9.1"  # §7.3 national reserve identity
RESERVE_ROOTS = frozenset({NATIONAL_RESERVE_ROOT, "1.2.752.74.9.2", "1.2.752.74.9.3", "1.2.752.97.3.1.3"})
PERSON_ROOTS = frozenset({PERSONNUMMER_ROOT, SAMORDNINGSNUMMER_ROOT}) | RESERVE_ROOTS


class MessageTypeName(StrEnum):
    """§9 ``header.messageType`` (case-sensitive)."""

    ADMISSION_NOTIFICATION = "AdmissionNotification"
    ACKNOWLEDGEMENT = "Acknowledgement"
    STATUS_BEFORE_ADMISSION = "StatusBeforeAdmission"
    CARE_CONTACT_ASSIGNED = "CareContactAssigned"
    DISCHARGE_PLANNING = "DischargePlanning"
    ESTIMATED_DISCHARGE_DATE_CHANGED = "EstimatedDischargeDateChanged"
    STATUS_BEFORE_DISCHARGE = "StatusBeforeDischarge"
    LEAVE_PLANNING = "LeavePlanning"
    SIP_INVITATION = "SipInvitation"
    COLLABORATION_MEETING_INVITATION = "CollaborationMeetingInvitation"
    LPT_COORDINATED_PLAN = "LptCoordinatedPlan"
    DISCHARGE_READY_NOTIFICATION = "DischargeReadyNotification"
    DISCHARGE_READY_REVOKED = "DischargeReadyRevoked"
    HOME_ARRIVAL_TIME = "HomeArrivalTime"
    REFERRAL = "Referral"
    DISCHARGE_NOTIFICATION = "DischargeNotification"
    SIP_ESTABLISHED = "SipEstablished"
    FOLLOW_UP_CONTACT = "FollowUpContact"
    GENERAL_MESSAGE = "GeneralMessage"
    PATIENT_DECEASED = "PatientDeceased"
    EPISODE_CLOSED = "EpisodeClosed"
    CONSENT_CHANGED = "ConsentChanged"


class Principal(StrEnum):
    REGION = "REGION"
    MUNICIPALITY = "MUNICIPALITY"


class CareSetting(StrEnum):
    """Party ``careSetting`` and ConsentChanged ``sector``."""

    INPATIENT = "INPATIENT"
    OUTPATIENT = "OUTPATIENT"
    SOCIAL_SERVICES = "SOCIAL_SERVICES"
    MUNICIPAL_HEALTHCARE = "MUNICIPAL_HEALTHCARE"

    @property
    def principal(self) -> Principal:
        """§8 Party: REGION only with the first two settings, MUNICIPALITY only with the last two."""
        if self in (CareSetting.INPATIENT, CareSetting.OUTPATIENT):
            return Principal.REGION
        return Principal.MUNICIPALITY


class GuardianConsent(StrEnum):
    GIVEN = "GIVEN"
    REFUSED = "REFUSED"
    WITHDRAWN = "WITHDRAWN"
    NOT_ASKED = "NOT_ASKED"


class MaturityLevel(StrEnum):
    NOT_ASSESSED = "NOT_ASSESSED"
    CHILD_DECIDES = "CHILD_DECIDES"
    JOINT = "JOINT"
    GUARDIANS_DECIDE = "GUARDIANS_DECIDE"


class RegionProfile(StrEnum):
    VAR = "VAR"
    ORE = "ORE"
    STO = "STO"


class Process(StrEnum):
    """Every process name of §8 Episode; which ones a region allows is ``PROCESSES_BY_REGION``."""

    GREEN = "GREEN"
    YELLOW = "YELLOW"
    RED = "RED"
    PURPLE = "PURPLE"
    GREY = "GREY"
    BLUE = "BLUE"


PROCESSES_BY_REGION: dict[RegionProfile, tuple[Process, ...]] = {
    RegionProfile.VAR: (Process.GREEN, Process.YELLOW, Process.RED, Process.PURPLE),  # Grön/Gul/Röd/Lila
    RegionProfile.ORE: (Process.GREEN, Process.YELLOW, Process.RED),  # ViSam
    RegionProfile.STO: (Process.GREY, Process.BLUE, Process.GREEN, Process.YELLOW, Process.RED),
}


class CareType(StrEnum):
    SOMATIC = "SOMATIC"
    PSYCHIATRIC = "PSYCHIATRIC"


class LegalBasisType(StrEnum):
    VOLUNTARY = "VOLUNTARY"
    LPT = "LPT"
    OPT = "OPT"


class AttachmentType(StrEnum):
    PDF = "application/pdf"
    TEXT = "text/plain"
    JPEG = "image/jpeg"
    PNG = "image/png"


class Consent(StrEnum):
    """§10 Consent."""

    GIVEN = "GIVEN"
    REFUSED = "REFUSED"
    WITHDRAWN = "WITHDRAWN"
    HARM_ASSESSMENT_PERMITS = "HARM_ASSESSMENT_PERMITS"
    HARM_ASSESSMENT_DENIES = "HARM_ASSESSMENT_DENIES"
    NOT_ASKED = "NOT_ASKED"


class ServiceNeeded(StrEnum):
    SOCIAL_SERVICES = "SOCIAL_SERVICES"
    MUNICIPAL_HEALTHCARE = "MUNICIPAL_HEALTHCARE"
    OUTPATIENT = "OUTPATIENT"


class AcknowledgedType(StrEnum):
    ADMISSION_NOTIFICATION = "AdmissionNotification"
    SIP_INVITATION = "SipInvitation"
    COLLABORATION_MEETING_INVITATION = "CollaborationMeetingInvitation"
    DISCHARGE_READY_NOTIFICATION = "DischargeReadyNotification"


class AckResponse(StrEnum):
    RECEIVED = "RECEIVED"
    WILL_ATTEND = "WILL_ATTEND"
    WILL_NOT_ATTEND = "WILL_NOT_ATTEND"
    NEW_TIME_REQUESTED = "NEW_TIME_REQUESTED"


class Intervention(StrEnum):
    """§10 Intervention."""

    HOME_HELP = "HOME_HELP"
    HOME_HEALTHCARE = "HOME_HEALTHCARE"
    SPECIAL_HOUSING = "SPECIAL_HOUSING"
    SHORT_TERM_HOUSING = "SHORT_TERM_HOUSING"
    RESPITE_CARE = "RESPITE_CARE"
    PERSONAL_ASSISTANCE = "PERSONAL_ASSISTANCE"
    LSS_SUPPORT = "LSS_SUPPORT"
    CONTACT_PERSON = "CONTACT_PERSON"
    FAMILY_SUPPORT = "FAMILY_SUPPORT"
    FOSTER_CARE = "FOSTER_CARE"
    RESIDENTIAL_CARE = "RESIDENTIAL_CARE"
    SCHOOL_SUPPORT = "SCHOOL_SUPPORT"
    ASSISTIVE_DEVICES = "ASSISTIVE_DEVICES"
    REHABILITATION = "REHABILITATION"
    OTHER = "OTHER"


class Service(StrEnum):
    """§10 Service."""

    PRIMARY_CARE = "PRIMARY_CARE"
    CHILD_HEALTH_CENTRE = "CHILD_HEALTH_CENTRE"
    SPECIALIST_OUTPATIENT = "SPECIALIST_OUTPATIENT"
    CHILD_AND_ADOLESCENT_PSYCHIATRY = "CHILD_AND_ADOLESCENT_PSYCHIATRY"
    ADULT_PSYCHIATRY = "ADULT_PSYCHIATRY"
    HABILITATION = "HABILITATION"
    ASIH = "ASIH"
    REHABILITATION = "REHABILITATION"
    OTHER = "OTHER"


class Profession(StrEnum):
    PHYSICIAN = "PHYSICIAN"
    NURSE = "NURSE"
    DISTRICT_NURSE = "DISTRICT_NURSE"
    OCCUPATIONAL_THERAPIST = "OCCUPATIONAL_THERAPIST"
    PHYSIOTHERAPIST = "PHYSIOTHERAPIST"
    SOCIAL_WORKER = "SOCIAL_WORKER"
    PSYCHOLOGIST = "PSYCHOLOGIST"
    OTHER = "OTHER"


class Location(StrEnum):
    HOME = "HOME"
    INPATIENT_WARD = "INPATIENT_WARD"
    OUTPATIENT_CLINIC = "OUTPATIENT_CLINIC"
    MUNICIPAL_PREMISES = "MUNICIPAL_PREMISES"
    SCHOOL = "SCHOOL"
    OTHER = "OTHER"


class Responsible(StrEnum):
    INPATIENT = "INPATIENT"
    OUTPATIENT = "OUTPATIENT"
    SOCIAL_SERVICES = "SOCIAL_SERVICES"
    MUNICIPAL_HEALTHCARE = "MUNICIPAL_HEALTHCARE"
    OTHER = "OTHER"


class Destination(StrEnum):
    HOME = "HOME"
    SPECIAL_HOUSING = "SPECIAL_HOUSING"
    SHORT_TERM_HOUSING = "SHORT_TERM_HOUSING"
    FOSTER_HOME = "FOSTER_HOME"
    RESIDENTIAL_CARE = "RESIDENTIAL_CARE"
    OTHER_INPATIENT = "OTHER_INPATIENT"
    OTHER = "OTHER"


class CloseReason(StrEnum):
    SIP_ESTABLISHED = "SIP_ESTABLISHED"
    DISCHARGED_NO_FURTHER_COORDINATION = "DISCHARGED_NO_FURTHER_COORDINATION"
    DECEASED = "DECEASED"
    NO_CONSENT_NO_SIP = "NO_CONSENT_NO_SIP"
    NEEDS_CHANGED_OUT_OF_SCOPE = "NEEDS_CHANGED_OUT_OF_SCOPE"
    TRANSFERRED_TO_OTHER_INPATIENT_PROVIDER = "TRANSFERRED_TO_OTHER_INPATIENT_PROVIDER"
    ENTERED_IN_ERROR = "ENTERED_IN_ERROR"
    OTHER = "OTHER"


class PlanningTemplate(StrEnum):
    PLANNING_BEFORE_DISCHARGE = "PLANNING_BEFORE_DISCHARGE"
    COLLABORATION_MEETING = "COLLABORATION_MEETING"


class EddChangeReason(StrEnum):
    HEALTH_CHANGE = "HEALTH_CHANGE"
    LPT_ENDED = "LPT_ENDED"
    LPT_EXTENDED = "LPT_EXTENDED"
    PLANNING = "PLANNING"
    OTHER = "OTHER"


class ReferenceEvent(StrEnum):
    ESTIMATED_DISCHARGE = "ESTIMATED_DISCHARGE"
    PLANNED_SIP = "PLANNED_SIP"
    PLANNED_COLLABORATION_MEETING = "PLANNED_COLLABORATION_MEETING"


class UpdatedNeed(StrEnum):
    AIDS = "AIDS"
    REHABILITATION = "REHABILITATION"
    MEDICATION = "MEDICATION"
    NUTRITION = "NUTRITION"
    TRAINING = "TRAINING"
    OTHER = "OTHER"


class SipType(StrEnum):
    INITIAL_AT_HOSPITAL = "INITIAL_AT_HOSPITAL"
    SIP = "SIP"
    FOLLOW_UP = "FOLLOW_UP"


class MeetingMode(StrEnum):
    IN_PERSON = "IN_PERSON"
    PHONE = "PHONE"
    VIDEO = "VIDEO"


class MeetingPurpose(StrEnum):
    COLLABORATION_MEETING = "COLLABORATION_MEETING"
    OPT_APPLICATION = "OPT_APPLICATION"


class RevocationReason(StrEnum):
    HEALTH_CHANGE = "HEALTH_CHANGE"
    SENT_IN_ERROR = "SENT_IN_ERROR"
    OTHER = "OTHER"


class ReferralPriority(StrEnum):
    ROUTINE = "ROUTINE"
    URGENT = "URGENT"


class SipEvent(StrEnum):
    ESTABLISHED = "ESTABLISHED"
    UPDATED = "UPDATED"
    FOLLOWED_UP = "FOLLOWED_UP"
    CLOSED = "CLOSED"


class ContactedParty(StrEnum):
    GUARDIAN = "GUARDIAN"
    PATIENT = "PATIENT"
    STAFF = "STAFF"


class FollowUpOutcome(StrEnum):
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"
    SIP_TO_BE_CALLED = "SIP_TO_BE_CALLED"
    OTHER = "OTHER"


class GeneralCategory(StrEnum):
    GENERAL = "GENERAL"
    LEAVE = "LEAVE"
    CHILD_AND_FAMILY_SITUATION = "CHILD_AND_FAMILY_SITUATION"
    TRAINING = "TRAINING"
    SUPPLEMENTARY_INFORMATION_REQUEST = "SUPPLEMENTARY_INFORMATION_REQUEST"


class ConsentGivenBy(StrEnum):
    PATIENT = "PATIENT"
    GUARDIAN = "GUARDIAN"
    LEGAL_REPRESENTATIVE = "LEGAL_REPRESENTATIVE"
    SOCIAL_WELFARE_BOARD = "SOCIAL_WELFARE_BOARD"


class Purpose(StrEnum):
    INFORMATION_EXCHANGE = "INFORMATION_EXCHANGE"
    SIP_INVITATION = "SIP_INVITATION"
    SIP_ESTABLISHMENT = "SIP_ESTABLISHMENT"
    RELATIVES = "RELATIVES"
