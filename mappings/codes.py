"""Canonical URLs, code systems and extensions the mappings emit: the single source of truth.

Every gateway-owned CodeSystem is either a neutral enum of the event model (``ENUM_SYSTEMS``: one
CodeSystem per enum, codes as ``code_of`` spells them) or one of the few mapping-owned enums below;
every gateway-owned extension is registered in ``EXTENSIONS``. ``profiles`` publishes the
CodeSystems and StructureDefinitions from these lists (docs/mappings/terminology.md is rendered from them).
"""

from __future__ import annotations

import re
import uuid
from enum import Enum, StrEnum
from typing import NamedTuple, TypeVar

from discharge import admission_events as ae
from discharge import discharge_events as de
from discharge import planning_events as pe
from discharge import sip_events as se
from discharge.codes import (
    CareStatute,
    CareType,
    CloseReason,
    ConsentGivenBy,
    ConsentStatus,
    Destination,
    Intervention,
    Location,
    MaturityLevel,
    MeetingMode,
    Need,
    Principal,
    Profession,
    Purpose,
    Responsible,
    Sector,
    Service,
)
from discharge.event_base import MessageType
from discharge.regions import Region, Track
from discharge.submachines import CompulsoryStatus

E = TypeVar("E", bound=Enum)

CANONICAL_BASE = "https://discharge-gateway.example.se/fhir"
PROCESS_STEP = f"{CANONICAL_BASE}/CodeSystem/process-step"
TASK_BUSINESS_STATUS = f"{CANONICAL_BASE}/CodeSystem/task-business-status"
DEADLINE_RULE = f"{CANONICAL_BASE}/CodeSystem/deadline-rule"
CASE_STATE = f"{CANONICAL_BASE}/CodeSystem/case-state"
DISCHARGE_EVENT = f"{CANONICAL_BASE}/CodeSystem/discharge-event"  # MessageHeader.eventCoding
CASE_IDENTIFIER = f"{CANONICAL_BASE}/NamingSystem/case-id"
DEADLINE_IDENTIFIER = f"{CANONICAL_BASE}/NamingSystem/deadline"
MESSAGE_IDENTIFIER = f"{CANONICAL_BASE}/NamingSystem/message-id"  # the neutral event's message id
RECIPIENT_TASK_IDENTIFIER = f"{CANONICAL_BASE}/NamingSystem/recipient-task"  # "<message id>/<HSA-id>"
REFERRAL_IDENTIFIER = f"{CANONICAL_BASE}/NamingSystem/referral-id"
STRUCTURE_BASE = f"{CANONICAL_BASE}/StructureDefinition"
CODE_SYSTEM_BASE = f"{CANONICAL_BASE}/CodeSystem"

# Swedish identifier systems (HL7 Sweden base IG; shared/reference/swedish-fhir.md §1.3)
PERSONNUMMER = "http://electronichealth.se/identifier/personnummer"
SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer"
RESERVNUMMER = "http://electronichealth.se/identifier/nationelltReservnummer"
NATIONAL_RESERVE_OID = "1.2.752.74.9.1"  # NRID (Inera); HL7 SE writes it as RESERVNUMMER
HSA_ID = "urn:oid:1.2.752.29.4.19"
KOMMUNKOD = "urn:oid:1.2.752.129.2.2.1.17"
SE_ADDRESS_TYPE = "http://hl7.se/fhir/ig/base/StructureDefinition/SEBaseAddressPersonExtension"
SCT = "http://snomed.info/sct"
SCT_REGISTERED_ADDRESS = "63381000052101"  # folkbokföringsadress (SEBaseAddressPersonVS)

# HL7 terminology and core extensions
V2_IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
V3_PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
V3_OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
DISCHARGE_DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition"
BCP47 = "urn:ietf:bcp:47"
INTERPRETER_REQUIRED = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired"
LAW_2017_612 = "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/sfs-2017-612/"

# Process steps: one per message type of the domain spec (§2.3), named for the step.
PROCESS_STEPS: dict[str, str] = {
    "E-01": "need-identified",
    "M-01": "admission-notice",
    "M-02": "admission-notice-acknowledgement",
    "M-03": "status-on-admission",
    "M-04": "care-contact-appointment",
    "M-05": "planning-documentation",
    "M-06": "estimated-discharge-date-change",
    "M-07": "status-before-discharge",
    "M-08": "leave",
    "M-09": "initial-sip-need",
    "M-10": "sip-invitation",
    "M-10-ACK": "sip-invitation-acknowledgement",
    "M-11": "collaboration-meeting-invitation",
    "M-11-ACK": "collaboration-meeting-acknowledgement",
    "M-12": "ready-for-discharge",
    "M-12-ACK": "ready-for-discharge-acknowledgement",
    "M-13": "ready-for-discharge-revocation",
    "M-14": "discharge-time",
    "M-15": "referral",
    "M-16": "outpatient-nurse-request",
    "M-17": "discharge-information",
    "M-18": "sip-established",
    "M-19": "sip-follow-up",
    "M-20": "follow-up-contact",
    "M-21": "patient-deceased",
    "M-22": "process-closed",
    "M-23": "general-message",
    "M-24": "consent-change",
    "M-25": "personal-data-update",
}

# Task.businessStatus: a deadline task's DeadlineStatus, or why a manual contact is needed.
BUSINESS_STATUSES = ("pending", "overdue", "met", "missed", "no-endpoint", "delivery-failed")


class CareTeamRole(StrEnum):
    """CareTeam.participant.role of the fast vårdkontakt (A10) and the VAR fast läkarkontakt."""

    FVK = "fvk"
    NAMED_PHYSICIAN_CONTACT = "named-physician-contact"


class AppointmentRole(StrEnum):
    """Appointment.participant.type of the meeting convener and of named other participants (A14)."""

    CONVENER = "convener"
    INVITED_UNIT = "invited-unit"  # a recipient unit (R4 participant.actor cannot be an Organization)
    OTHER_PARTICIPANT = "other-participant"


class TaskParameter(StrEnum):
    """Task.input / Task.output types."""

    REQUESTED_ACTIONS = "requested-actions"  # M-16
    CONTACTED_PARTY = "contacted-party"  # M-20
    OUTCOME = "outcome"  # M-20


class PlanCategory(StrEnum):
    """CarePlan.category (glossary: SIP → CarePlan(category = sip))."""

    SIP = "sip"


class DischargeSection(StrEnum):
    """Communication.payload sections of the discharge information (M-17)."""

    SUMMARY = "summary"
    MEDICATION_LIST = "medication-list"
    MEDICATION_NARRATIVE = "medication-narrative"
    HEALTH_STATUS = "health-status"
    SELF_CARE = "self-care"
    RISK_ASSESSMENT = "risk-assessment"


# One CodeSystem per enum: <CANONICAL_BASE>/CodeSystem/<slug>.
ENUM_SYSTEMS: dict[type[Enum], str] = {
    MessageType: "discharge-event",
    Region: "region",
    Track: "track",
    Principal: "unit-principal",
    Sector: "unit-sector",  # gateway/directory.py uses the same CodeSystem for Organization.type
    Need: "need",
    CareType: "care-type",
    CareStatute: "care-statute",
    ConsentStatus: "consent-status",
    ConsentGivenBy: "consent-given-by",
    Purpose: "disclosure-purpose",
    MaturityLevel: "maturity-level",
    Intervention: "intervention",
    Service: "service",
    Profession: "profession",
    Responsible: "responsible",
    Location: "meeting-location",
    MeetingMode: "meeting-mode",
    Destination: "discharge-destination",
    CloseReason: "close-reason",
    CompulsoryStatus: "legal-status",
    ae.Relation: "relation",
    ae.HousingType: "housing-type",
    pe.PlanningKind: "planning-kind",
    pe.EddChangeReason: "edd-change-reason",
    pe.StatusReference: "status-reference",
    pe.UpdatedNeed: "updated-need",
    pe.LeavePhase: "leave-phase",
    se.SipType: "sip-type",
    se.InvitationResponse: "invitation-response",
    se.MeetingPurpose: "meeting-purpose",
    se.SipRecordKind: "sip-record-kind",
    se.SipFollowUpResult: "sip-follow-up-result",
    se.ContactedParty: "contacted-party",
    se.FollowUpOutcome: "follow-up-outcome",
    de.TrainingOffer: "training-offer",
    de.RevocationReason: "revocation-reason",
    de.Transport: "transport",
    de.CareLevel: "care-level",
    de.ReferralStatus: "referral-status",
    de.GeneralCategory: "general-category",
    CareTeamRole: "care-team-role",
    AppointmentRole: "appointment-role",
    TaskParameter: "task-parameter",
    DischargeSection: "discharge-section",
    PlanCategory: "care-plan-category",
}
_VERBATIM: frozenset[type[Enum]] = frozenset({MessageType, Region, Track})  # the spec's own codes


def system_of(enum: type[Enum]) -> str:
    return f"{CODE_SYSTEM_BASE}/{ENUM_SYSTEMS[enum]}"


def code_of(member: Enum) -> str:
    """The FHIR code of a neutral enum member: the spec's own codes verbatim, otherwise kebab-case names."""
    if type(member) in _VERBATIM:
        return str(member.value)
    return member.name.lower().replace("_", "-")


def member_of(enum: type[E], code: str) -> E | None:
    """The member whose ``code_of`` is ``code``; None for an unknown code."""
    return next((m for m in enum if code_of(m) == code), None)


class ExtensionDef(NamedTuple):
    context: str  # where it may appear
    value: str  # value[x] type, or "complex" (sub-extensions listed in the description)
    description: str


EXTENSIONS: dict[str, ExtensionDef] = {
    # Envelope and case context (EpisodeOfCare, Organization, Encounter)
    "region": ExtensionDef("EpisodeOfCare", "Coding", "region profile whose rules apply (§0.3)"),
    "care-type": ExtensionDef("EpisodeOfCare", "Coding", "somatic / psychiatric care"),
    "care-statute": ExtensionDef(
        "EpisodeOfCare", "complex", "statute of the stay: statute (Coding), admission-decision-date (date)"
    ),
    "placing-municipality": ExtensionDef("Encounter, EpisodeOfCare", "Coding", "placing municipality (P-GEN-05)"),
    "close-reason": ExtensionDef("EpisodeOfCare", "CodeableConcept", "closeReason (§2.2) and its free text"),
    "municipality": ExtensionDef("Organization, Address", "Coding", "kommunkod (KV Kommun)"),
    "city-district": ExtensionDef("Address", "string", "Stockholm stadsdel (payer unit)"),
    "estimated-discharge-date": ExtensionDef("Encounter, Communication", "date", "beräknat utskrivningsdatum (R-02)"),
    "previous-estimated-discharge-date": ExtensionDef("Communication", "date", "date replaced by M-06"),
    "need-identified-at": ExtensionDef("Encounter", "dateTime", "physician's judgement (T1, R-01)"),
    "need": ExtensionDef("Encounter", "Coding", "needs for interventions after discharge (repeats)"),
    "consent-status": ExtensionDef("Encounter, RelatedPerson", "Coding", "consent / harm-assessment status (D3)"),
    "consent-documented-at": ExtensionDef("Encounter", "dateTime", "when the consent status was documented"),
    "life-threatening": ExtensionDef("Encounter", "boolean", "life-threatening condition (A10)"),
    "children-in-household": ExtensionDef("Encounter", "boolean", "CH-10"),
    "training-needed-before-discharge": ExtensionDef("Encounter", "boolean", "VAR Röd / R-30"),
    "ready-for-discharge": ExtensionDef(
        "Encounter", "complex", "active RFD notice: notified-at (dateTime), assessed-at (dateTime)"
    ),
    "legal-status": ExtensionDef("Encounter", "Coding", "compulsory-care status (R-17…R-20)"),
    "planned-discharge-at": ExtensionDef("Encounter, Task", "dateTime", "planned discharge time (M-12, M-14)"),
    # Patient and relatives
    "maturity-assessment": ExtensionDef(
        "Patient", "complex", "CH-01: level (Coding), assessed-by (Reference), assessed-on (date)"
    ),
    "housing-type": ExtensionDef("Patient", "Coding", "boendeform (M-25)"),
    "outpatient-psychiatry-contact": ExtensionDef("Patient", "boolean", "M-25"),
    "home-health-care": ExtensionDef("Patient", "boolean", "M-25"),
    "significant-harm": ExtensionDef("RelatedPerson", "boolean", "CH-03: informing this guardian harms the child"),
    # Communication bodies
    "existing-intervention": ExtensionDef(
        "Communication", "complex", "kind (Coding), description (string), provider (string); repeats"
    ),
    "ongoing-contact": ExtensionDef("Communication", "complex", "service (Coding), description (string); repeats"),
    "proposed-track": ExtensionDef("Communication", "Coding", "M-03 proposed track"),
    "contact-person": ExtensionDef("Communication", "Reference", "M-02 contact person (contained Practitioner)"),
    "question": ExtensionDef("Communication", "string", "M-05 request for more information"),
    "extensive-needs": ExtensionDef("Communication", "boolean", "ORE-C «omfattande behov»"),
    "rehabilitation-needed": ExtensionDef("Communication", "boolean", "M-05"),
    "assistive-devices-needed": ExtensionDef("Communication", "boolean", "M-05"),
    "completed": ExtensionDef("Communication", "boolean", "M-05 template completed"),
    "answer-requested-by": ExtensionDef("Communication", "dateTime", "M-05 onskatSvarSenast"),
    "section-heading": ExtensionDef("Communication.payload", "string", "M-05 question / heading"),
    "lpt-plan": ExtensionDef(
        "Communication",
        "complex",
        "LPT § 7 a plan: plan-date, opt-application, measure (responsible, description)*, "
        "overall-responsible, conditions",
    ),
    "court-ruling-date": ExtensionDef("Communication", "date", "M-06 LPT extension ruling (R-19)"),
    "status-reference": ExtensionDef("Communication", "Coding", "M-07 reference event (R-08)"),
    "status-reference-date": ExtensionDef("Communication", "date", "M-07 reference date (R-08)"),
    "updated-need": ExtensionDef("Communication", "Coding", "M-07 updated needs (repeats)"),
    "leave-phase": ExtensionDef("Communication", "Coding", "M-08 planned / started / ended"),
    "leave-period": ExtensionDef("Communication", "Period", "M-08 leave start and end; a leave an M-23 mentions"),
    "adl-status": ExtensionDef("Communication", "string", "M-08 ADL status"),
    "medication-list-sent": ExtensionDef("Communication", "boolean", "M-08"),
    "transport-booked": ExtensionDef("Communication", "boolean", "M-08 / M-17 patient transport booked"),
    "arrival-home-at": ExtensionDef("Communication", "dateTime", "M-08 / M-14 arrival at home"),
    "return-at": ExtensionDef("Communication", "dateTime", "M-08 return to the ward"),
    "interventions-to-start": ExtensionDef("Communication", "string", "M-08"),
    "training-by-inpatient-care": ExtensionDef("Communication", "boolean", "M-08"),
    "invitation-response": ExtensionDef("Communication", "Coding", "reply to M-09/M-10/M-11"),
    "discharge-at": ExtensionDef("Communication", "dateTime", "M-14 discharge date and time"),
    "met-at-home": ExtensionDef("Communication", "boolean", "M-14"),
    "met-by": ExtensionDef("Communication", "string", "M-14"),
    "transport": ExtensionDef("Communication", "Coding", "M-14 transport home"),
    "discharged-at": ExtensionDef("Communication", "dateTime", "M-17 end of the stay"),
    "discharge-destination": ExtensionDef("Communication", "Coding", "M-17 utskrivenTill"),
    "payload-section": ExtensionDef("Communication.payload", "Coding", "M-17 section of the discharge information"),
    "referral-to-outpatient-care": ExtensionDef("Communication", "boolean", "M-17"),
    "treatment-plan": ExtensionDef("Communication", "complex", "R-13: text (string), valid-until (date)"),
    "information-given-to-guardians": ExtensionDef("Communication", "boolean", "CH-08"),
    "nutrition": ExtensionDef("Communication", "complex", "R-15: tube-feeding (boolean), supplied-weekdays (integer)"),
    "deceased-at": ExtensionDef("Communication", "dateTime", "M-21 time of death"),
    "sip-follow-up-result": ExtensionDef("Communication", "Coding", "M-19 continues / revised / closed"),
    "measure": ExtensionDef("Communication", "complex", "M-19 restated measure: responsible, description; repeats"),
    "measures-by-others": ExtensionDef("Communication", "string", "M-19 measures by others than the principals"),
    "held-on": ExtensionDef("Communication", "date", "M-19 follow-up meeting date"),
    "consent-confirmed": ExtensionDef("Communication, CarePlan", "boolean", "C-10 consent confirmed"),
    "next-follow-up-at": ExtensionDef("Communication, CarePlan", "dateTime", "next SIP follow-up"),
    # Appointment
    "meeting-location": ExtensionDef("Appointment", "Coding", "where the meeting is held"),
    "meeting-location-description": ExtensionDef("Appointment", "string", "free-text place"),
    "meeting-mode": ExtensionDef("Appointment", "Coding", "in person / phone / video"),
    "agreed-with-patient": ExtensionDef("Appointment", "boolean", "STO: time and place agreed with the individual"),
    "guardians-invited": ExtensionDef("Appointment", "boolean", "guardians invited"),
    "invited-unit": ExtensionDef(
        "Appointment.participant", "Reference(Organization)", "the invited unit (actor cannot be an Organization)"
    ),
    # Task
    "assessed-by": ExtensionDef("Task", "Reference", "M-12 assessing physician (contained Practitioner)"),
    "action-request-attached": ExtensionDef("Task", "boolean", "M-12: M-16 sent with it"),
    "open-referrals-closed": ExtensionDef("Task", "boolean", "M-12: R-29"),
    "ready-criteria": ExtensionDef(
        "Task",
        "complex",
        "VAR criteria: guardians-informed-in-writing, care-contact-assigned, essential-information-transferred, "
        "aids-available (booleans)",
    ),
    "opt-application": ExtensionDef("Task", "complex", "R-20: applied (boolean), court-decision-date (date)"),
    "training-offer": ExtensionDef("Task", "Coding", "R-30 training offered"),
    "care-level": ExtensionDef("Task", "Coding", "M-15 inpatient / outpatient referral"),
    # CareTeam, CarePlan, Consent
    "licensed-physician": ExtensionDef("CareTeam.participant", "boolean", "A10: the FVK is a licensed physician"),
    "existing-continues": ExtensionDef("CareTeam.participant", "boolean", "ORE-A: an existing FVK continues"),
    "sip-record-kind": ExtensionDef("CarePlan", "Coding", "M-18 established / updated"),
    "overall-responsible": ExtensionDef("CarePlan, Communication", "Coding", "principal with overall responsibility"),
    "signed-by-all": ExtensionDef("CarePlan, Communication", "boolean", "STO: every participant signed"),
    "child-heard": ExtensionDef("CarePlan, Communication", "boolean", "CH-09"),
    "responsible": ExtensionDef("CarePlan.activity.detail", "Coding", "who carries out the measure"),
    "disclosing-sector": ExtensionDef("Consent", "Coding", "§4.2 sector whose record this is"),
    "consent-given-by": ExtensionDef("Consent", "Coding", "patient / guardian / representative / board"),
}


def extension_url(slug: str) -> str:
    if slug not in EXTENSIONS:
        raise KeyError(f"unregistered extension {slug!r}: add it to mappings.codes.EXTENSIONS")
    return f"{STRUCTURE_BASE}/{slug}"


# Deterministic resource ids: the same case and message always give the same id (no duplicates on resend).
_NAMESPACE = uuid.UUID("9b0e6f1c-2a53-5c52-9d0e-6a4c1f1e2d01")


def resource_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


_FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


def is_fhir_id(text: str) -> bool:
    return _FHIR_ID.fullmatch(text) is not None


def episode_id(case_id: str) -> str:
    """EpisodeOfCare.id of a case: the case id itself (a UUID in both contracts) when it is a valid id."""
    return case_id if is_fhir_id(case_id) else resource_id("case", case_id)


def message_key(message_id: str) -> str:
    """Message ids are case-insensitive (contracts §3): resource ids derive from the lower-cased form."""
    return message_id.lower()
