"""Messages with content → Communication: replies to the admission notice, planning, leave, acknowledgements.

Each Communication records one message (``identifier`` = the message id, ``category`` = its process
step, ``sender``/``recipient`` = the units, ``about`` = the case). Glossary: kvittens → Communication +
Task.status accepted (the Task is derived from the case); Statusmeddelande → Communication(category);
planeringsunderlag → Communication (QuestionnaireResponse is not a gateway resource type); förändrat
hälsotillstånd → Communication(category = estimated-discharge-date-change); permission → Communication.
An acknowledgement names the message it acknowledges in ``MessageHeader.response.identifier``.
"""

from __future__ import annotations

from discharge.admission_events import (
    AdmissionNoticeAcknowledged,
    ExistingIntervention,
    OngoingContact,
    StatusOnAdmission,
)
from discharge.codes import Intervention, Principal, Responsible, Service
from discharge.discharge_events import ReadyForDischargeAcknowledged
from discharge.event_base import DischargeEvent
from discharge.parties import Attachment
from discharge.planning_events import (
    EddChangeReason,
    EstimatedDischargeDateChanged,
    Leave,
    LeavePhase,
    LptPlan,
    Measure,
    PlanningDocumentation,
    PlanningKind,
    Section,
    StatusBeforeDischarge,
    StatusReference,
    UpdatedNeed,
)
from discharge.regions import Track
from discharge.sip_events import (
    CollaborationMeetingAcknowledged,
    InvitationResponse,
    SipInvitationAcknowledged,
)
from mappings.fields import BOOLEAN, DATE, DATETIME, STRING, Field, Many, Nested, bind, coding, concept, field
from mappings.parties import CLINICIAN
from mappings.paths import path
from mappings.spec import EventSpec, communication, message_reference

__all__ = [
    "ACKNOWLEDGEMENTS",
    "ADMISSION_NOTICE_ACKNOWLEDGED",
    "ATTACHMENTS",
    "ESTIMATED_DISCHARGE_DATE_CHANGED",
    "LEAVE",
    "PLANNING_DOCUMENTATION",
    "STATUS_BEFORE_DISCHARGE",
    "STATUS_ON_ADMISSION",
    "in_response_to",
]

_INTERVENTION = bind(
    ExistingIntervention,
    field("kind", "sub[kind].valueCoding", coding(Intervention)),
    field("description", "sub[description].valueString", STRING),
    field("provider", "sub[provider].valueString", STRING),
)
_ONGOING = bind(
    OngoingContact,
    field("service", "sub[service].valueCoding", coding(Service)),
    field("description", "sub[description].valueString", STRING),
)
ATTACHMENTS = Nested(
    Attachment,
    bind(
        Attachment,
        field("file_name", "contentAttachment.title", STRING),
        field("content_type", "contentAttachment.contentType", STRING),
        field("data", "contentAttachment.data", STRING, "base64, never decoded"),
    ),
)


def in_response_to(cls: type[DischargeEvent]) -> Field:
    """``in_response_to`` → a logical reference to the Communication of the earlier message."""
    at = path(message_reference("inResponseTo", "Communication"), "identifier.value")
    return bind(cls, field("in_response_to", at, STRING, "svarPaMeddelandeId / inResponseTo"))[0]


def _acknowledged(cls: type[DischargeEvent]) -> tuple[Field, ...]:
    return bind(cls, field("acknowledged_message_id", "response.identifier", STRING, "the acknowledged message"))


# M-02 AdmissionNoticeAcknowledged → Communication (R-03; content only with consent, C-02)
ADMISSION_NOTICE_ACKNOWLEDGED = EventSpec(
    AdmissionNoticeAcknowledged,
    "Communication",
    communication,
    bind(
        AdmissionNoticeAcknowledged,
        field("acknowledged_at", "sent", DATETIME, "kvitterad"),
        field(
            "existing_interventions",
            "extension[existing-intervention]",
            Many(Nested(ExistingIntervention, _INTERVENTION)),
            "D9",
        ),
        field("contact_person", "extension[contact-person].valueReference", CLINICIAN),
        field("comment", "note[0].text", STRING),
    ),
    header=_acknowledged(AdmissionNoticeAcknowledged),
)

# M-03 StatusOnAdmission → Communication(category = status-on-admission) (VAR, AMB-41; D9)
STATUS_ON_ADMISSION = EventSpec(
    StatusOnAdmission,
    "Communication",
    communication,
    bind(
        StatusOnAdmission,
        field("interventions", "extension[existing-intervention]", Many(Nested(ExistingIntervention, _INTERVENTION))),
        field("ongoing_contacts", "extension[ongoing-contact]", Many(Nested(OngoingContact, _ONGOING))),
        field("proposed_track", "extension[proposed-track].valueCoding", coding(Track)),
        field("comment", "note[0].text", STRING),
    ),
)

_SECTION = bind(
    Section,
    field("heading", "extension[section-heading].valueString", STRING, "fraga / heading"),
    field("text", "contentString", STRING, "svar / text"),
)
_MEASURE = bind(
    Measure,
    field("responsible", "sub[responsible].valueCoding", coding(Responsible)),
    field("description", "sub[description].valueString", STRING),
)
_LPT_PLAN = bind(
    LptPlan,
    field("plan_date", "sub[plan-date].valueDate", DATE),
    field("opt_application", "sub[opt-application].valueBoolean", BOOLEAN, "R-20"),
    field("measures", "sub[measure]", Many(Nested(Measure, _MEASURE))),
    field("overall_responsible", "sub[overall-responsible].valueCoding", coding(Principal)),
    field("conditions", "sub[conditions].valueString", STRING),
)

# M-05 PlanningDocumentation → Communication(topic = planning kind) (D10)
PLANNING_DOCUMENTATION = EventSpec(
    PlanningDocumentation,
    "Communication",
    communication,
    bind(
        PlanningDocumentation,
        field("kind", "topic", concept(PlanningKind), "template / LPT plan / request for information"),
        field("subject", "topic.text", STRING, "a request's subject line"),
        field("sections", "payload[?contentString]", Many(Nested(Section, _SECTION))),
        field("question", "extension[question].valueString", STRING, "KOMPLETTERING_BEGARAN fraga"),
        field("extensive_needs", "extension[extensive-needs].valueBoolean", BOOLEAN, "ORE-C"),
        field("rehabilitation_needed", "extension[rehabilitation-needed].valueBoolean", BOOLEAN),
        field("assistive_devices_needed", "extension[assistive-devices-needed].valueBoolean", BOOLEAN),
        field("completed", "extension[completed].valueBoolean", BOOLEAN),
        in_response_to(PlanningDocumentation),
        field("answer_requested_by", "extension[answer-requested-by].valueDateTime", DATETIME),
        field("lpt_plan", "extension[lpt-plan]", Nested(LptPlan, _LPT_PLAN), "samordnad plan § 7 a LPT"),
        field("attachments", "payload[?contentAttachment]", Many(ATTACHMENTS)),
    ),
)

# M-06 EstimatedDischargeDateChanged → Communication (R-10, R-19, T5); the stored Encounter gets the date
ESTIMATED_DISCHARGE_DATE_CHANGED = EventSpec(
    EstimatedDischargeDateChanged,
    "Communication",
    communication,
    bind(
        EstimatedDischargeDateChanged,
        field("estimated_discharge_date", "extension[estimated-discharge-date].valueDate", DATE, "T5 guard"),
        field("reason", "reasonCode[0]", concept(EddChangeReason)),
        field("previous_estimated_discharge_date", "extension[previous-estimated-discharge-date].valueDate", DATE),
        field("court_ruling_date", "extension[court-ruling-date].valueDate", DATE, "R-19"),
        field("comment", "note[0].text", STRING),
    ),
)

# M-07 StatusBeforeDischarge → Communication(category = status-before-discharge) (VAR, R-08)
STATUS_BEFORE_DISCHARGE = EventSpec(
    StatusBeforeDischarge,
    "Communication",
    communication,
    bind(
        StatusBeforeDischarge,
        field("reference", "extension[status-reference].valueCoding", coding(StatusReference)),
        field("reference_date", "extension[status-reference-date].valueDate", DATE),
        field("current_status", "payload[?contentString].contentString", STRING),
        field("updated_needs", "extension[updated-need]", Many(coding(UpdatedNeed), path("valueCoding"))),
        field("confirmed_estimated_discharge_date", "extension[estimated-discharge-date].valueDate", DATE),
    ),
)

# M-08 Leave → Communication(category = leave) (R-25, AMB-25); the stored Encounter is onleave while on leave
LEAVE = EventSpec(
    Leave,
    "Communication",
    communication,
    bind(
        Leave,
        field("phase", "extension[leave-phase].valueCoding", coding(LeavePhase)),
        field("start", "extension[leave-period].valuePeriod.start", DATETIME),
        field("end", "extension[leave-period].valuePeriod.end", DATETIME),
        field("subject", "topic.text", STRING),
        field("text", "payload[?contentString].contentString", STRING),
        field("adl_status", "extension[adl-status].valueString", STRING),
        field("medication_list_sent", "extension[medication-list-sent].valueBoolean", BOOLEAN),
        field("transport_booked", "extension[transport-booked].valueBoolean", BOOLEAN),
        field("arrival_home_at", "extension[arrival-home-at].valueDateTime", DATETIME),
        field("return_at", "extension[return-at].valueDateTime", DATETIME),
        field("interventions_to_start", "extension[interventions-to-start].valueString", STRING),
        field("training_by_inpatient_care", "extension[training-by-inpatient-care].valueBoolean", BOOLEAN),
        in_response_to(Leave),
        field("attachments", "payload[?contentAttachment]", Many(ATTACHMENTS)),
    ),
)


def _invitation_reply(cls: type[DischargeEvent]) -> EventSpec:
    """M-10-ACK / M-11-ACK → Communication; the stored Appointment gets the participant's status."""
    return EventSpec(
        cls,
        "Communication",
        communication,
        bind(
            cls,
            field("acknowledged_at", "sent", DATETIME),
            field("response", "extension[invitation-response].valueCoding", coding(InvitationResponse)),
            field("comment", "note[0].text", STRING),
        ),
        header=_acknowledged(cls),
    )


ACKNOWLEDGEMENTS = (
    _invitation_reply(SipInvitationAcknowledged),
    _invitation_reply(CollaborationMeetingAcknowledged),
    # M-12-ACK → Communication; the stored recipient Task of the M-12 becomes accepted
    EventSpec(
        ReadyForDischargeAcknowledged,
        "Communication",
        communication,
        bind(
            ReadyForDischargeAcknowledged,
            field("acknowledged_at", "sent", DATETIME),
            field("comment", "note[0].text", STRING),
        ),
        header=_acknowledged(ReadyForDischargeAcknowledged),
    ),
)
