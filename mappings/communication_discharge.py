"""Messages of the discharge phase and free messages → Communication: M-13, M-14, M-17, M-19, M-21, M-23.

Glossary: utskrivningsmeddelande → document Bundle with Composition + Communication (Composition is not a
gateway resource type: the sections are ``payload`` items coded by ``payload-section``); generellt
meddelande → Communication(category = general), attachments in ``payload.contentAttachment``; avliden →
Patient.deceasedDateTime + Communication. The stored Encounter, Patient and Tasks carry the effects.
"""

from __future__ import annotations

from typing import Any

from discharge.codes import Destination, Principal, Responsible
from discharge.discharge_events import (
    DischargeInformation,
    DischargeTime,
    GeneralCategory,
    GeneralMessage,
    Nutrition,
    PatientDeceased,
    ReadyForDischargeRevoked,
    RevocationReason,
    Transport,
    TreatmentPlan,
)
from discharge.planning_events import Measure
from discharge.sip_events import SipFollowUp, SipFollowUpResult
from mappings.codes import DischargeSection, code_of, extension_url, system_of
from mappings.communication import ATTACHMENTS, in_response_to
from mappings.fields import BOOLEAN, DATE, DATETIME, INTEGER, STRING, Many, Nested, bind, coding, concept, field
from mappings.paths import Item, path
from mappings.spec import EventSpec, communication, message_reference

__all__ = [
    "DISCHARGE_INFORMATION",
    "DISCHARGE_TIME",
    "GENERAL_MESSAGE",
    "PATIENT_DECEASED",
    "READY_FOR_DISCHARGE_REVOKED",
    "SIP_FOLLOW_UP",
]

# M-13 ReadyForDischargeRevoked → Communication; the stored M-12 Tasks become cancelled (T9, R-10)
READY_FOR_DISCHARGE_REVOKED = EventSpec(
    ReadyForDischargeRevoked,
    "Communication",
    communication,
    bind(
        ReadyForDischargeRevoked,
        field("revoked_message_id", path(message_reference("about", "Task"), "identifier.value"), STRING, "the M-12"),
        field("revoked_at", "sent", DATETIME),
        field("reason", "reasonCode[0]", concept(RevocationReason)),
        field("new_estimated_discharge_date", "extension[estimated-discharge-date].valueDate", DATE, "R-10"),
        field("comment", "note[0].text", STRING),
    ),
)

# M-14 DischargeTime → Communication(category = discharge-time) (VAR arrival home; STO discharge time)
DISCHARGE_TIME = EventSpec(
    DischargeTime,
    "Communication",
    communication,
    bind(
        DischargeTime,
        field("discharge_at", "extension[discharge-at].valueDateTime", DATETIME),
        field("arrival_home_at", "extension[arrival-home-at].valueDateTime", DATETIME),
        field("met_at_home", "extension[met-at-home].valueBoolean", BOOLEAN),
        field("met_by", "extension[met-by].valueString", STRING),
        field("transport", "extension[transport].valueCoding", coding(Transport)),
        field("comment", "note[0].text", STRING),
    ),
)


def _section(section: DischargeSection) -> Item:
    coded = {"system": system_of(DischargeSection), "code": code_of(section)}
    template: dict[str, Any] = {"extension": [{"url": extension_url("payload-section"), "valueCoding": coded}]}
    return Item("payload", template, label=f"section={code_of(section)}")


def _text(section: DischargeSection) -> Any:
    return path(_section(section), "contentString")


_MEASURE = bind(
    Measure,
    field("responsible", "sub[responsible].valueCoding", coding(Responsible)),
    field("description", "sub[description].valueString", STRING),
)
_TREATMENT_PLAN = bind(
    TreatmentPlan,
    field("text", "sub[text].valueString", STRING),
    field("valid_until", "sub[valid-until].valueDate", DATE, "R-13: 7 days"),
)
_NUTRITION = bind(
    Nutrition,
    field("tube_feeding", "sub[tube-feeding].valueBoolean", BOOLEAN),
    field("supplied_weekdays", "sub[supplied-weekdays].valueInteger", INTEGER, "R-15: 5"),
)

# M-17 DischargeInformation → Communication (R-12, T10, C-13); the stored Encounter is finished
DISCHARGE_INFORMATION = EventSpec(
    DischargeInformation,
    "Communication",
    communication,
    bind(
        DischargeInformation,
        field("discharged_at", "extension[discharged-at].valueDateTime", DATETIME, "→ Encounter.period.end"),
        field("destination", "extension[discharge-destination].valueCoding", coding(Destination), "utskrivenTill"),
        field("summary", _text(DischargeSection.SUMMARY), STRING, "epikris / slutanteckning"),
        field("medication_list", _text(DischargeSection.MEDICATION_LIST), STRING),
        field("medication_narrative", _text(DischargeSection.MEDICATION_NARRATIVE), STRING),
        field("health_status", _text(DischargeSection.HEALTH_STATUS), STRING),
        field("self_care", _text(DischargeSection.SELF_CARE), STRING),
        field("risk_assessment", _text(DischargeSection.RISK_ASSESSMENT), STRING),
        field("referral_to_outpatient_care", "extension[referral-to-outpatient-care].valueBoolean", BOOLEAN),
        field("treatment_plan", "extension[treatment-plan]", Nested(TreatmentPlan, _TREATMENT_PLAN), "R-13"),
        field("information_given_to_guardians", "extension[information-given-to-guardians].valueBoolean", BOOLEAN),
        field("nutrition", "extension[nutrition]", Nested(Nutrition, _NUTRITION), "R-15"),
        field("patient_transport_booked", "extension[transport-booked].valueBoolean", BOOLEAN),
        field("attachments", "payload[?contentAttachment]", Many(ATTACHMENTS)),
    ),
)

# M-19 SipFollowUp → Communication(category = sip-follow-up); the stored SIP CarePlan follows (C-10)
SIP_FOLLOW_UP = EventSpec(
    SipFollowUp,
    "Communication",
    communication,
    bind(
        SipFollowUp,
        field("held_on", "extension[held-on].valueDate", DATE),
        field("result", "extension[sip-follow-up-result].valueCoding", coding(SipFollowUpResult)),
        field("consent_confirmed", "extension[consent-confirmed].valueBoolean", BOOLEAN, "C-10"),
        field("evaluation", "payload[?contentString].contentString", STRING),
        field("next_follow_up_at", "extension[next-follow-up-at].valueDateTime", DATETIME),
        field("measures", "extension[measure]", Many(Nested(Measure, _MEASURE)), "the plan as restated"),
        field("overall_responsible", "extension[overall-responsible].valueCoding", coding(Principal)),
        field("measures_by_others", "extension[measures-by-others].valueString", STRING),
        field("signed_by_all", "extension[signed-by-all].valueBoolean", BOOLEAN),
        field("child_heard", "extension[child-heard].valueBoolean", BOOLEAN, "CH-09"),
    ),
)

# M-21 PatientDeceased → Communication (R-11, T12); the stored Patient gets deceasedDateTime
PATIENT_DECEASED = EventSpec(
    PatientDeceased,
    "Communication",
    communication,
    bind(PatientDeceased, field("deceased_at", "extension[deceased-at].valueDateTime", DATETIME)),
)

# M-23 GeneralMessage → Communication(category = general-message) ("needs information", §2.4)
GENERAL_MESSAGE = EventSpec(
    GeneralMessage,
    "Communication",
    communication,
    bind(
        GeneralMessage,
        field("subject", "topic.text", STRING),
        field("category", "category[@general-category]", concept(GeneralCategory)),
        field("text", "payload[?contentString].contentString", STRING),
        in_response_to(GeneralMessage),
        field("attachments", "payload[?contentAttachment]", Many(ATTACHMENTS)),
        field("leave_start", "extension[leave-period].valuePeriod.start", DATETIME, "a leave it mentions"),
        field("leave_end", "extension[leave-period].valuePeriod.end", DATETIME),
    ),
)
