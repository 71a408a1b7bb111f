"""Must-reject table, rules: one defect per row gives exactly one error with the contract's code and pointer
(§7.4, §7.5 step 3, §8 and §9 rules; ``range``, ``rule``, ``consent-required``, conditional ``required``)."""

from __future__ import annotations

import pytest

from adapters.cosmic_link import ErrorCode
from tests.unit.adapters.cosmic_link.support import (
    ADMISSION,
    DELETE,
    STO_ADULT,
    Row,
    assert_single_error,
    row,
)

E = ErrorCode

ROWS = [
    # range
    row(
        "integer below its range",
        "sip-invitation",
        ("/body/durationMinutes", 10),
        at="/body/durationMinutes",
        code=E.RANGE,
    ),
    row(
        "need identified before admission",
        ADMISSION,
        ("/body/needIdentifiedAt", "2025-03-02T21:29:59+01:00"),
        at="/body/needIdentifiedAt",
        code=E.RANGE,
    ),
    row(
        "estimate before the Stockholm admission date",
        STO_ADULT,
        ("/body/estimatedDischargeDate", "2025-02-01"),
        at="/body/estimatedDischargeDate",
        code=E.RANGE,
    ),
    row(
        "leave ends before it starts",
        "leave-planning",
        ("/body/proposedPeriod/end", "2025-03-22T10:00:00+01:00"),
        at="/body/proposedPeriod/end",
        code=E.RANGE,
    ),
    row(
        "meeting not after createdAt",
        "sip-invitation",
        ("/body/meetingAt", "2025-03-06T13:00:00+01:00"),
        at="/body/meetingAt",
        code=E.RANGE,
    ),
    row(
        "assessed ready after createdAt",
        "discharge-ready-with-criteria",
        ("/body/assessedReadyAt", "2025-02-09T11:00:01+01:00"),
        at="/body/assessedReadyAt",
        code=E.RANGE,
    ),
    row(
        "deceased after createdAt",
        "patient-deceased",
        ("/body/deceasedAt", "2025-02-12T05:00:01Z"),
        at="/body/deceasedAt",
        code=E.RANGE,
    ),
    row(
        "new estimate before the revocation date",
        "discharge-ready-revoked",
        ("/body/newEstimatedDischargeDate", "2025-02-08"),
        at="/body/newEstimatedDischargeDate",
        code=E.RANGE,
    ),
    row(
        "nutrition above 10 weekdays",
        "discharge-notification",
        ("/body/nutrition/suppliedWeekdays", 11),
        at="/body/nutrition/suppliedWeekdays",
        code=E.RANGE,
    ),
    # rule
    row(
        "REGION party in social services",
        ADMISSION,
        ("/header/receivers/0/principal", "REGION"),
        at="/header/receivers/0/careSetting",
        code=E.RULE,
    ),
    row(
        "receiver is the sender",
        ADMISSION,
        ("/header/receivers/1/id/extension", "SE2321000156-BUP7"),
        at="/header/receivers/1/id",
        code=E.RULE,
    ),
    row(
        "birth date differs from the personnummer",
        ADMISSION,
        ("/patient/birthDate", "2008-09-18"),
        at="/patient/birthDate",
        code=E.RULE,
    ),
    row(
        "adult with guardians",
        STO_ADULT,
        ("/patient/guardians", [{"name": {"given": "A", "family": "B"}, "consent": "GIVEN", "significantHarm": False}]),
        at="/patient/guardians",
        code=E.RULE,
    ),
    row(
        "adult with a maturity assessment",
        STO_ADULT,
        ("/patient/maturityAssessment", {"level": "NOT_ASSESSED"}),
        at="/patient/maturityAssessment",
        code=E.RULE,
    ),
    row(
        "VAR LPT estimate is decision + 14 days (R-17)",
        ADMISSION,
        ("/body/estimatedDischargeDate", "2025-03-18"),
        at="/body/estimatedDischargeDate",
        code=E.RULE,
    ),
    row(
        "VAR OPT estimate is decision + 4 days (R-18)",
        ADMISSION,
        ("/episode/legalBasis/type", "OPT"),
        at="/body/estimatedDischargeDate",
        code=E.RULE,
    ),
    row("LPT in somatic care", ADMISSION, ("/episode/careType", "SOMATIC"), at="/episode/careType", code=E.RULE),
    row(
        "voluntary with a decision date",
        ADMISSION,
        ("/episode/legalBasis/type", "VOLUNTARY"),
        ("/episode/process", "RED"),
        at="/episode/legalBasis/admissionDecisionDate",
        code=E.RULE,
    ),
    row(
        "PURPLE without compulsory care",
        ADMISSION,
        ("/episode/legalBasis", {"type": "VOLUNTARY"}),
        at="/episode/process",
        code=E.RULE,
    ),
    row("GREY outside EpisodeClosed", STO_ADULT, ("/episode/process", "GREY"), at="/episode/process", code=E.RULE),
    row(
        "GREY closing for another reason",
        "episode-closed-out-of-scope",
        ("/body/reason", "DECEASED"),
        at="/episode/process",
        code=E.RULE,
    ),
    row(
        "admission notice from outpatient care",
        ADMISSION,
        ("/header/sender/careSetting", "OUTPATIENT"),
        at="/header/sender/careSetting",
        code=E.RULE,
    ),
    row(
        "admission receipt from inpatient care",
        "example:acknowledgement-of-admission",
        (
            "/header/sender",
            {
                "id": {"root": "1.2.752.129.2.1.4.1", "extension": "SE2321000156-BUP3"},
                "name": "Avdelning 3",
                "principal": "REGION",
                "careSetting": "INPATIENT",
            },
        ),
        at="/header/sender/careSetting",
        code=E.RULE,
    ),
    row(
        "admission receipt that will attend",
        "example:acknowledgement-of-admission",
        ("/body/response", "WILL_ATTEND"),
        at="/body/response",
        code=E.RULE,
    ),
    row(
        "care contact from inpatient care outside ORE",
        "care-contact-assigned",
        (
            "/header/sender",
            {
                "id": {"root": "1.2.752.129.2.1.4.1", "extension": "SE2321000156-BUP3"},
                "name": "Avdelning 3",
                "principal": "REGION",
                "careSetting": "INPATIENT",
            },
        ),
        (
            "/header/receivers/0",
            {
                "id": {"root": "1.2.752.129.2.1.4.1", "extension": "SE2321000156-BUP9"},
                "name": "BUP öppenvård",
                "principal": "REGION",
                "careSetting": "OUTPATIENT",
            },
        ),
        at="/header/sender/careSetting",
        code=E.RULE,
    ),
    row(
        "home arrival time from outpatient care",
        "home-arrival-time",
        (
            "/header/sender",
            {
                "id": {"root": "1.2.752.129.2.1.4.1", "extension": "SE2321000156-BUP9"},
                "name": "BUP öppenvård",
                "principal": "REGION",
                "careSetting": "OUTPATIENT",
            },
        ),
        at="/header/sender/careSetting",
        code=E.RULE,
    ),
    row(
        "licensed physician who is a nurse",
        "care-contact-assigned",
        ("/body/careContact/profession", "NURSE"),
        at="/body/careContact/profession",
        code=E.RULE,
    ),
    row(
        "VAR PURPLE status refers to the estimate (R-08)",
        "status-before-discharge",
        ("/body/referenceEvent", "ESTIMATED_DISCHARGE"),
        at="/body/referenceEvent",
        code=E.RULE,
    ),
    row(
        "initial SIP at home",
        "sip-invitation-initial-at-hospital",
        ("/body/location", "HOME"),
        at="/body/location",
        code=E.RULE,
    ),
    row(
        "LPT plan in somatic care",
        "lpt-coordinated-plan",
        ("/episode/careType", "SOMATIC"),
        ("/episode/legalBasis", DELETE),
        at="/episode/careType",
        code=E.RULE,
    ),
    row(
        "harm assessment in social services (C-03)",
        "consent-changed",
        ("/body/status", "HARM_ASSESSMENT_PERMITS"),
        at="/body/status",
        code=E.RULE,
    ),
    row(
        "social welfare board for inpatient care (CH-02)",
        "consent-changed",
        ("/body/sector", "INPATIENT"),
        at="/body/givenBy",
        code=E.RULE,
    ),
    # consent-required
    row(
        "SIP without consent (C-10)",
        "sip-established",
        ("/body/consentConfirmed", False),
        at="/body/consentConfirmed",
        code=E.CONSENT_REQUIRED,
    ),
    # conditionally required
    row(
        "child's admission without guardians (CH-01)",
        ADMISSION,
        ("/patient/guardians", DELETE),
        ("/patient/maturityAssessment", DELETE),
        at="/patient/guardians",
        code=E.REQUIRED,
    ),
    row(
        "municipal party without municipality",
        ADMISSION,
        ("/header/receivers/0/municipality", DELETE),
        at="/header/receivers/0/municipality",
        code=E.REQUIRED,
    ),
    row(
        "assessed maturity without assessor",
        ADMISSION,
        ("/patient/maturityAssessment/assessedBy", DELETE),
        at="/patient/maturityAssessment/assessedBy",
        code=E.REQUIRED,
    ),
    row(
        "admission without legal basis",
        ADMISSION,
        ("/episode/legalBasis", DELETE),
        ("/episode/process", "RED"),
        at="/episode/legalBasis",
        code=E.REQUIRED,
    ),
    row(
        "LPT without decision date",
        ADMISSION,
        ("/episode/legalBasis/admissionDecisionDate", DELETE),
        at="/episode/legalBasis/admissionDecisionDate",
        code=E.REQUIRED,
    ),
    row(
        "STO consent without physician",
        STO_ADULT,
        ("/body/responsiblePhysician", DELETE),
        at="/body/responsiblePhysician",
        code=E.REQUIRED,
    ),
    row(
        "STO consent without admission reason",
        STO_ADULT,
        ("/body/admissionReason", DELETE),
        at="/body/admissionReason",
        code=E.REQUIRED,
    ),
    row(
        "LPT extended without court ruling (R-19)",
        "estimated-discharge-date-changed",
        ("/body/courtRulingDate", DELETE),
        at="/body/courtRulingDate",
        code=E.REQUIRED,
    ),
    row(
        "OTHER location undescribed",
        "sip-invitation",
        ("/body/locationDescription", DELETE),
        at="/body/locationDescription",
        code=E.REQUIRED,
    ),
    row(
        "meeting at OTHER undescribed",
        "collaboration-meeting-invitation",
        ("/body/location", "OTHER"),
        at="/body/locationDescription",
        code=E.REQUIRED,
    ),
    row(
        "ÖPT applied without court decision (R-20)",
        "example:discharge-ready-opt-after-dst",
        ("/body/optApplication/courtDecisionDate", DELETE),
        at="/body/optApplication/courtDecisionDate",
        code=E.REQUIRED,
    ),
    row(
        "neither discharge nor arrival time",
        "home-arrival-time",
        ("/body/arrivalHomeAt", DELETE),
        at="/body/dischargeAt",
        code=E.REQUIRED,
    ),
    row(
        "SIP established without interventions",
        "sip-established",
        ("/body/interventions", DELETE),
        at="/body/interventions",
        code=E.REQUIRED,
    ),
    row(
        "SIP updated without overall responsibility",
        "sip-established",
        ("/body/event", "UPDATED"),
        ("/body/overallResponsible", DELETE),
        at="/body/overallResponsible",
        code=E.REQUIRED,
    ),
    row(
        "closed for OTHER without text",
        "episode-closed-other",
        ("/body/reasonText", DELETE),
        at="/body/reasonText",
        code=E.REQUIRED,
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=[r.id for r in ROWS])
def test_one_defect_gives_exactly_one_error_at_the_contract_pointer(case: Row):
    assert_single_error(case)
